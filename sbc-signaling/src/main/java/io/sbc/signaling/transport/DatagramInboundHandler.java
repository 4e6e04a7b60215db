package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;

/**
 * One UDP datagram is one SIP message (RFC 3261 §18.3: no Content-Length framing needed). Blank
 * datagrams (only CR/LF, as some UAs send as NAT keep-alives) are swallowed; a datagram over the size
 * limit (or filling the receive buffer, i.e. possibly truncated) is reported as oversize and dropped.
 * One instance per socket, used on that socket's event loop.
 */
final class DatagramInboundHandler extends SimpleChannelInboundHandler<DatagramPacket> {
    private final ListenPoint configured;
    private ListenPoint listenPoint;
    private final ListenerInvoker invoker;
    private final TransportCounters counters;
    private final int maxMessageBytes;

    DatagramInboundHandler(ListenPoint listenPoint, ListenerInvoker invoker, TransportCounters counters,
            int maxMessageBytes) {
        super(DatagramPacket.class, false); // the invoker releases the content
        this.configured = listenPoint;
        this.listenPoint = listenPoint;
        this.invoker = invoker;
        this.counters = counters;
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        // Bound now: with port 0 configured, learn the real port for the flows this socket reports.
        listenPoint = SipTransportManager.resolvedPoint(configured, ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
        ByteBuf content = packet.content();
        int length = content.readableBytes();
        if (isBlank(content)) {
            counters.keepAlivePongs.increment();
            content.release();
            return;
        }
        Flow flow = new Flow(Transport.UDP, listenPoint.address(), packet.sender(), 0, listenPoint);
        if (length > maxMessageBytes) {
            try {
                invoker.oversize(flow, content.slice(content.readerIndex(), maxMessageBytes));
            } finally {
                content.release();
            }
            return;
        }
        invoker.frame(flow, content);
    }

    private static boolean isBlank(ByteBuf content) {
        int n = content.readableBytes();
        if (n > 4) {
            return false;
        }
        for (int i = content.readerIndex(); i < content.writerIndex(); i++) {
            byte b = content.getByte(i);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
