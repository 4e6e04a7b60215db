package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Slow readers (issue #6 "Streams"): the outbound backlog of a connection is bounded. Writes are left
 * unflushed in an {@link EmbeddedChannel}, which is exactly a peer that reads nothing; the clock is
 * the channel's virtual one.
 */
class WriteBacklogGuardTest {
    private final TransportCounters counters = new TransportCounters();

    private EmbeddedChannel channel(int maxPending, long unwritableMs) {
        EmbeddedChannel ch = new EmbeddedChannel(
                new WriteBacklogGuard(maxPending, TimeUnit.MILLISECONDS.toNanos(unwritableMs), counters));
        ch.config().setWriteBufferWaterMark(new WriteBufferWaterMark(maxPending / 8, maxPending / 4));
        return ch;
    }

    private static ByteBuf bytes(int n) {
        return Unpooled.wrappedBuffer(new byte[n]);
    }

    @Test
    void closesAndRefusesTheWriteThatWouldQueuePastTheCap() {
        EmbeddedChannel ch = channel(8192, 10_000);
        for (int i = 0; i < 8; i++) {
            assertFalse(ch.write(bytes(1024)).isDone(), "queued, not refused, up to the cap");
        }
        ch.write(bytes(1024)); // 8192 pending: still within the cap
        ByteBuf refused = bytes(1024);
        ChannelFuture f = ch.write(refused);
        ch.runPendingTasks();
        assertTrue(f.isDone() && !f.isSuccess(), "the write past the cap fails");
        assertEquals(0, refused.refCnt(), "the refused message is released");
        assertFalse(ch.isActive(), "the connection is closed");
        assertEquals(1, counters.writeBacklogClosed());
        assertEquals(0, counters.unwritableClosed());
    }

    @Test
    void closesAConnectionThatStaysUnwritableForTheTimeout() {
        EmbeddedChannel ch = channel(8192, 10_000);
        ch.write(bytes(3000)); // past the high water mark (2048): unwritable
        ch.runPendingTasks();
        assertFalse(ch.isWritable());
        ch.advanceTimeBy(9_999, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive(), "still open just before the timeout");
        ch.advanceTimeBy(2, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertFalse(ch.isActive(), "closed once unwritable for the timeout");
        assertEquals(1, counters.unwritableClosed());
    }

    @Test
    void keepsAConnectionWhosePeerCatchesUpBeforeTheTimeout() {
        EmbeddedChannel ch = channel(8192, 10_000);
        ch.write(bytes(3000));
        ch.runPendingTasks();
        assertFalse(ch.isWritable());
        ch.advanceTimeBy(5_000, TimeUnit.MILLISECONDS);
        ch.flush(); // the peer reads: the backlog drains
        ch.runPendingTasks();
        assertTrue(ch.isWritable());
        ch.advanceTimeBy(20_000, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertTrue(ch.isActive(), "a peer that caught up is not closed");
        assertEquals(0, counters.unwritableClosed());
        ByteBuf out;
        while ((out = ch.readOutbound()) != null) {
            out.release();
        }
        ch.finishAndReleaseAll();
    }
}
