package io.sbc.signaling.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.io.IOException;

/**
 * Last handler of every pipeline (style.md §4): nothing gets past it to Netty's tail. An exception
 * is counted and, on a stream, closes the connection (its framing or TLS state is unknown); a
 * datagram channel stays open because a bad datagram affects only itself. Unconsumed messages are
 * released and counted. Failed TLS handshakes are counted here once. Stateless and shared.
 */
@ChannelHandler.Sharable
final class PipelineTerminus extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(PipelineTerminus.class);
    private final LogThrottle exceptionLog = new LogThrottle(1000);
    private final TransportCounters counters;
    private final boolean stream;

    PipelineTerminus(TransportCounters counters, boolean stream) {
        this.counters = counters;
        this.stream = stream;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        counters.unexpectedMessages.increment();
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent handshake && !handshake.isSuccess()) {
            counters.tlsHandshakeFailures.increment();
            if (handshake.cause() instanceof SslHandshakeTimeoutException) {
                counters.tlsHandshakeTimeouts.increment();
            }
            if (exceptionLog.allow()) {
                LOG.info("TLS handshake failed with {}: {}", ctx.channel().remoteAddress(), rootMessage(handshake.cause()));
            }
            // SslHandler fires this event and then the exception that caused it; closing later keeps
            // the handlers in place for that exception (a closed, deregistered pipeline has none).
            ctx.channel().eventLoop().execute(ctx::close);
        }
        ReferenceCountUtil.release(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (hasCause(cause, SSLException.class)) {
            // Counted once by the handshake completion event (or a TLS record error after it); close.
            ctx.close();
            return;
        }
        if (!(cause instanceof IOException)) {
            // I/O errors (resets) are normal network life; anything else is a bug somewhere upstream.
            counters.pipelineExceptions.increment();
        }
        if (exceptionLog.allow()) {
            LOG.info("{} on {}: {}", cause.getClass().getSimpleName(), ctx.channel(), rootMessage(cause));
        }
        if (stream) {
            ctx.close();
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (int depth = 0; t != null && depth < 8; depth++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        for (int depth = 0; root.getCause() != null && depth < 8; depth++) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
