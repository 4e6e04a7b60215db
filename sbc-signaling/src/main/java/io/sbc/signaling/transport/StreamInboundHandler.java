package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.ReferenceCountUtil;

/**
 * Delivers the messages of one stream connection to the {@link FrameListener}: frames cut by the
 * {@link SipStreamFramer} (TCP/TLS) or WebSocket text/binary messages (WS/WSS, RFC 7118 §5: one SIP
 * message per WebSocket message). An oversize message or a framing failure ends the connection after
 * anything the listener sent in response has been flushed. One instance per channel.
 */
final class StreamInboundHandler extends ChannelInboundHandlerAdapter {
    private final ListenerInvoker invoker;
    private final TransportCounters counters;

    StreamInboundHandler(ListenerInvoker invoker, TransportCounters counters) {
        this.invoker = invoker;
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Flow flow = ctx.channel().attr(ConnectionTable.FLOW).get();
        if (flow == null) {
            ReferenceCountUtil.release(msg); // refused by the connection limit; closing already
            return;
        }
        if (msg instanceof ByteBuf frame) {
            invoker.frame(flow, frame);
        } else if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
            ByteBuf content = ((ByteBufHolder) msg).content();
            invoker.frame(flow, content); // releases content, which releases the frame
        } else if (msg instanceof StreamEvents.Oversize oversize) {
            try {
                invoker.oversize(flow, oversize.head);
            } finally {
                oversize.release();
            }
            closeAfterPendingWrites(ctx);
        } else if (msg instanceof StreamEvents.FramingFailure failure) {
            counters.framingError(failure.reason());
            closeAfterPendingWrites(ctx);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Flow flow = ctx.channel().attr(ConnectionTable.FLOW).get();
        if (flow != null && flow.transport().isWebSocket()) {
            // Netty's WebSocket decoder and aggregator report refused frames as exceptions; they are
            // input problems, so map them to counters like the stream framer's results.
            if (cause instanceof CorruptedWebSocketFrameException corrupted
                    && corrupted.closeStatus() != null
                    && corrupted.closeStatus().code() == WebSocketCloseStatus.MESSAGE_TOO_BIG.code()
                    || cause instanceof TooLongFrameException) {
                invoker.oversize(flow, Unpooled.EMPTY_BUFFER);
                closeAfterPendingWrites(ctx);
                return;
            }
            if (cause instanceof CorruptedWebSocketFrameException) {
                counters.framingError(FramingError.BAD_WEBSOCKET_FRAME);
                closeAfterPendingWrites(ctx);
                return;
            }
        }
        ctx.fireExceptionCaught(cause);
    }

    private static void closeAfterPendingWrites(ChannelHandlerContext ctx) {
        ctx.channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
