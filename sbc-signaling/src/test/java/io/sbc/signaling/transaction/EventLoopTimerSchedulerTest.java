package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The production scheduler on Netty's embedded event loop, whose clock the test freezes and advances. */
class EventLoopTimerSchedulerTest {

    @Test
    void runsTimersOnTheEventLoopAfterTheirDelayAndHonoursCancel() throws Exception {
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            channel.freezeTime();
            EventLoopTimerScheduler scheduler = new EventLoopTimerScheduler(channel.eventLoop());
            assertTrue(scheduler.inOwnerThread());
            List<String> fired = new ArrayList<>();
            scheduler.schedule(500, () -> fired.add("timer A"));
            TimerHandle cancelled = scheduler.schedule(300, () -> fired.add("cancelled"));
            cancelled.cancel();

            channel.advanceTimeBy(499, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertEquals(List.of(), fired);
            channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertEquals(List.of("timer A"), fired);
        } finally {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void drivesATransactionOnTheEventLoopClock() {
        EmbeddedChannel channel = new EmbeddedChannel();
        try {
            channel.freezeTime();
            // The recording transport only stamps sends with a clock; the layer runs on the event loop's.
            RecordingTransport transport = new RecordingTransport(new VirtualScheduler());
            RecordingUser user = new RecordingUser();
            TransactionLayer layer = new TransactionLayer(TransactionConfig.defaults(),
                    new EventLoopTimerScheduler(channel.eventLoop()), transport, user);
            layer.sendRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-el1"), LayerFixture.UDP_PEER).orElseThrow();
            for (int ms = 0; ms < 32_000; ms += 100) {
                channel.advanceTimeBy(100, TimeUnit.MILLISECONDS);
                channel.runScheduledPendingTasks();
            }
            assertEquals(11, transport.count()); // 1 + 10 Timer E retransmissions before Timer F
            assertEquals(List.of("timeout F", "terminated"), user.events);
            assertFalse(layer.clientTransactionCount() > 0);
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
