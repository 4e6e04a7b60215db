package io.sbc.signaling.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;

/**
 * First handler after the idle timer of every stream pipeline: gives the connection its {@link Flow}
 * and id, registers it in the {@link ConnectionTable}, enforces {@code maxConnections}, counts
 * opens and closes, asks the {@link ConnectionAdmission} about accepted ones (per-source limits),
 * and closes the connection when the idle timer fires. One instance per channel,
 * used only on that channel's event loop.
 */
final class ConnectionTracker extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionTracker.class);
    private static final LogThrottle LIMIT_LOG = new LogThrottle(1000);

    private final ListenPoint listenPoint;
    private final boolean accepted;
    private final ConnectionTable table;
    private final TransportCounters counters;
    private final int maxConnections;
    private final ConnectionAdmission admission;
    private Flow flow;
    /** The remote address {@link #admission} admitted, told when the connection closes; null otherwise. */
    private InetSocketAddress admitted;

    ConnectionTracker(ListenPoint listenPoint, boolean accepted, ConnectionTable table, TransportCounters counters,
            int maxConnections, ConnectionAdmission admission) {
        this.listenPoint = listenPoint;
        this.accepted = accepted;
        this.table = table;
        this.counters = counters;
        this.maxConnections = maxConnections;
        this.admission = admission;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        InetSocketAddress remote = (InetSocketAddress) ctx.channel().remoteAddress();
        if (accepted) {
            // Per-source (and the gate's total) limits are decided first, before the connection
            // holds a flow or any buffer, so their refusals are counted by the gate with a reason.
            if (!admission.admit(listenPoint, remote)) {
                counters.rejectedBySource.increment();
                ctx.close();
                return;
            }
            admitted = remote;
        }
        if (accepted && counters.openConnections.sum() >= maxConnections) {
            counters.rejectedOverLimit.increment();
            if (LIMIT_LOG.allow()) {
                LOG.warn("{}: {} open connections, refusing one from {}", listenPoint, maxConnections,
                        TransportAddresses.format(remote));
            }
            admitted = null;
            admission.closed(listenPoint, remote);
            ctx.close();
            return;
        }
        flow = new Flow(listenPoint.transport(), (InetSocketAddress) ctx.channel().localAddress(),
                (InetSocketAddress) ctx.channel().remoteAddress(), table.nextId(), listenPoint);
        ctx.channel().attr(ConnectionTable.FLOW).set(flow);
        table.register(ctx.channel(), flow, accepted);
        (accepted ? counters.accepted : counters.connected).increment();
        counters.openConnections.increment();
        LOG.debug("open {}", flow);
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (admitted != null) {
            InetSocketAddress remote = admitted;
            admitted = null;
            admission.closed(listenPoint, remote);
        }
        if (flow != null) {
            table.unregister(ctx.channel(), flow);
            counters.closed.increment();
            counters.openConnections.decrement();
            LOG.debug("closed {}", flow);
            flow = null;
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            counters.idleClosed.increment();
            ctx.close();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }
}
