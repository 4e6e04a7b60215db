package io.sbc.signaling.core;

import io.netty.channel.EventLoop;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.EventLoopTimerScheduler;
import io.sbc.signaling.transaction.InboundResult;
import io.sbc.signaling.transaction.TransactionConfig;
import io.sbc.signaling.transaction.TransactionLayer;
import io.sbc.signaling.transport.Flow;
import io.sbc.signaling.transport.ListenPoint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signaling state owned by one event loop: one transaction layer per listen point and the user
 * agent core above them. Every message whose Call-ID hashes to this worker is processed here, so
 * a call's transactions (and later its dialogs) have a single writer and take no locks.
 *
 * <p>Owner: {@link #loop}. Every method runs on it.
 */
final class SignalingWorker {
    final EventLoop loop;
    private final Map<ListenPoint, TransactionLayer> layers = new HashMap<>();
    private final SignalingCounters counters;
    private final ResponseSender sender;

    SignalingWorker(EventLoop loop, List<ListenPoint> points, Map<String, TransactionConfig> configByRealm,
            ResponseSender sender, SignalingCounters counters) {
        this.loop = loop;
        this.sender = sender;
        this.counters = counters;
        UserAgentCore core = new UserAgentCore();
        EventLoopTimerScheduler scheduler = new EventLoopTimerScheduler(loop);
        for (ListenPoint p : points) {
            TransactionConfig config = configByRealm.getOrDefault(p.realm(), TransactionConfig.defaults());
            layers.put(p, new TransactionLayer(config, scheduler, new ListenPointTransport(p, sender, loop), core));
        }
    }

    void receive(io.sbc.signaling.message.SipMessage message, Flow flow) {
        assert loop.inEventLoop() : "worker used off its event loop";
        TransactionLayer layer = layers.get(flow.listenPoint());
        if (layer == null) {
            // The listen point was removed by a reload while this message was in flight.
            counters.drop(SignalingCounters.Drop.NOT_READY);
            return;
        }
        Destination source = new Destination(flow.transport().viaToken(), flow.remote(), flow.connectionId());
        if (message instanceof SipRequest request) {
            counters.request();
            Via top = request.topVia();
            Via stamped = ResponseRouting.stampReceived(top, flow.remote());
            if (stamped != top) {
                request.popVia();
                request.pushVia(stamped);
            }
            InboundResult result = layer.receiveRequest(request, source);
            switch (result) {
                case RETRANSMISSION_ABSORBED -> counters.retransmissionAbsorbed();
                case REFUSED_TABLE_FULL -> refuseTableFull(request, flow);
                default -> { }
            }
        } else {
            counters.response();
            if (layer.receiveResponse((SipResponse) message, source) == InboundResult.RESPONSE_DISCARDED) {
                counters.drop(SignalingCounters.Drop.STRAY_RESPONSE);
            }
        }
    }

    private void refuseTableFull(SipRequest request, Flow flow) {
        counters.drop(SignalingCounters.Drop.TABLE_FULL);
        if (request.methodKind() == io.sbc.signaling.message.SipMethod.ACK) {
            return;
        }
        SipResponse r = UserAgentCore.response(request, 503, "Service Unavailable");
        r.addHeader("Retry-After", "5");
        counters.statelessReply();
        sender.sendResponse(r, flow.listenPoint(), flow.remote(), flow.connectionId());
    }

    /** Open transactions on this worker (for the admin API and tests). */
    int transactions() {
        int n = 0;
        for (TransactionLayer l : layers.values()) {
            n += l.clientTransactionCount() + l.serverTransactionCount();
        }
        return n;
    }
}
