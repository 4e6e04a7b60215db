package io.sbc.signaling.gate;

import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The detector on a real Netty event loop that is made to stall. */
class OverloadDetectorIT {
    private static final long MS = 1_000_000L;

    @Test
    void measuresTheLagOfABlockedEventLoop() throws Exception {
        var group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            EventLoop loop = group.next();
            OverloadDetector live = OverloadDetector.start(List.of(loop));
            Thread.sleep(200);
            assertFalse(live.refuseNewWork(), "an idle loop is not overloaded");
                        // A sustained backlog (not one pause): six 250 ms stalls back to back, so consecutive
            // ticks each run far behind.
            for (int i = 0; i < 6; i++) {
                loop.execute(() -> {
                    long end = System.nanoTime() + 250 * MS;
                    while (System.nanoTime() < end) {
                        Thread.onSpinWait();
                    }
                });
            }
            long deadline = System.nanoTime() + 4_000 * MS;
            while (!live.refuseNewWork() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(live.refuseNewWork() || live.episodes() > 0, "lag " + live.lagNs(0));
            live.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
