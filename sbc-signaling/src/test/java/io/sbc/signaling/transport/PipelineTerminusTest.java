package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PipelineTerminusTest {
    private final TransportCounters counters = new TransportCounters();

    private static final class Thrower extends ChannelInboundHandlerAdapter {
        private final RuntimeException toThrow;

        Thrower(RuntimeException toThrow) {
            this.toThrow = toThrow;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            io.netty.util.ReferenceCountUtil.release(msg);
            throw toThrow;
        }
    }

    @Test
    void countsExceptionAndClosesStreamWithoutReachingTheTail() {
        EmbeddedChannel ch = new EmbeddedChannel(new Thrower(new IllegalStateException("bug")),
                new PipelineTerminus(counters, true));
        ch.writeInbound(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII));
        ch.checkException(); // would rethrow if the exception had reached the tail
        assertEquals(1, counters.pipelineExceptions());
        assertFalse(ch.isOpen());
    }

    @Test
    void keepsDatagramChannelOpenAfterAnException() {
        EmbeddedChannel ch = new EmbeddedChannel(new Thrower(new IllegalStateException("bug")),
                new PipelineTerminus(counters, false));
        ch.writeInbound(Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII));
        ch.checkException();
        assertEquals(1, counters.pipelineExceptions());
        assertTrue(ch.isOpen());
        ch.finishAndReleaseAll();
    }

    @Test
    void countsTlsHandshakeFailureOnceAndClosesWithoutCountingItAsBug() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipelineTerminus(counters, true));
        SSLHandshakeException cause = new SSLHandshakeException("bad certificate");
        // SslHandler's order: the completion event first, then the exception.
        ch.pipeline().fireUserEventTriggered(new SslHandshakeCompletionEvent(cause));
        ch.pipeline().fireExceptionCaught(new DecoderException(cause));
        ch.runPendingTasks();
        ch.checkException();
        assertEquals(1, counters.tlsHandshakeFailures());
        assertEquals(0, counters.pipelineExceptions());
        assertFalse(ch.isOpen());
    }

    @Test
    void treatsConnectionResetAsNetworkLifeNotABug() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipelineTerminus(counters, true));
        ch.pipeline().fireExceptionCaught(new IOException("Connection reset by peer"));
        ch.checkException();
        assertEquals(0, counters.pipelineExceptions());
        assertFalse(ch.isOpen());
    }

    @Test
    void releasesAndCountsMessagesNobodyConsumed() {
        EmbeddedChannel ch = new EmbeddedChannel(new PipelineTerminus(counters, true));
        ByteBuf stray = Unpooled.copiedBuffer("stray", StandardCharsets.US_ASCII);
        ch.writeInbound(stray);
        assertEquals(0, stray.refCnt());
        assertEquals(1, counters.unexpectedMessages());
        ch.finishAndReleaseAll();
    }

    @Test
    void listenerExceptionIsCountedAndFrameStillReleased() {
        ListenerInvoker invoker = new ListenerInvoker((flow, frame) -> {
            throw new IllegalArgumentException("listener bug");
        }, counters);
        ByteBuf frame = Unpooled.copiedBuffer("INVITE", StandardCharsets.US_ASCII);
        invoker.frame(null, frame);
        assertEquals(1, counters.listenerFailures());
        assertEquals(0, frame.refCnt());
    }
}
