package io.sbc.signaling.gate;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector on a real Netty event loop that is made to fall behind. */
class OverloadDetectorIT {
    private static final long MS = 1_000_000L;

    private MultiThreadIoEventLoopGroup group;
    private EventLoop loop;
    private OverloadDetector live;

    @BeforeEach
    void startLoopAndDetector() throws InterruptedException {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        loop = group.next();
        live = OverloadDetector.start(List.of(loop));
        Thread.sleep(200);
        assertFalse(live.refuseNewWork(), "an idle loop is not overloaded");
    }

    @AfterEach
    void stop() {
        live.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    @Test
    void measuresTheLagOfABlockedEventLoop() throws Exception {
        // A backlog that lasts (not one pause): every tick runs behind for 3 s.
        SustainedBacklog.start(loop, 3_000);
        long deadline = System.nanoTime() + 4_000 * MS;
        while (!live.refuseNewWork() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(live.refuseNewWork() || live.episodes() > 0, "lag " + live.lagNs(0));
    }

    @Test
    void refusesNothingAfterOneLongStallThatIsOverByTheNextTick() throws Exception {
        // One 800 ms stall: the tick due during it runs about 750 ms late, the next one on time.
        loop.submit(() -> {
            long end = System.nanoTime() + 800 * MS;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
        }).get(5, TimeUnit.SECONDS);
        Thread.sleep(400); // several more ticks, on time
        assertTrue(live.lagNs(0) < 100 * MS, "the loop is on time again: " + live.lagNs(0) / MS + " ms");
        assertFalse(live.refuseNewWork(), "a stall that is over refuses no calls");
        assertEquals(0, live.episodes());
    }
}
