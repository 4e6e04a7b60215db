package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualSchedulerTest {

    private final VirtualScheduler clock = new VirtualScheduler();
    private final List<String> fired = new ArrayList<>();

    @Test
    void firesDueTimersInDeadlineThenSchedulingOrder() {
        clock.schedule(300, () -> fired.add("c@" + clock.nowMillis()));
        clock.schedule(100, () -> fired.add("a@" + clock.nowMillis()));
        clock.schedule(100, () -> fired.add("b@" + clock.nowMillis()));
        assertEquals(3, clock.advance(Duration.ofMillis(300)));
        assertEquals(List.of("a@100", "b@100", "c@300"), fired);
        assertEquals(300, clock.nowMillis());
    }

    @Test
    void firesTimersScheduledByFiredTasksWithinTheSameAdvance() {
        clock.schedule(100, () -> {
            fired.add("first@" + clock.nowMillis());
            clock.schedule(50, () -> fired.add("second@" + clock.nowMillis()));
        });
        clock.advance(Duration.ofMillis(149));
        assertEquals(List.of("first@100"), fired);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of("first@100", "second@150"), fired);
    }

    @Test
    void skipsCancelledTimers() {
        TimerHandle handle = clock.schedule(10, () -> fired.add("cancelled"));
        clock.schedule(20, () -> fired.add("kept"));
        handle.cancel();
        assertEquals(1, clock.pendingTimers());
        assertEquals(1, clock.advanceToNextTimer());
        assertEquals(List.of("kept"), fired);
        assertEquals(20, clock.nowMillis());
        assertEquals(0, clock.advanceToNextTimer());
        assertTrue(clock.inOwnerThread());
    }
}
