package io.sbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Cycles are driven by hand on a virtual clock: {@code cycleAt(t)} runs one duty cycle starting at t µs. */
class HybridIdleStrategyTest {

    private static final long US = 1_000L;
    private final MemoryRelay r = new MemoryRelay();
    private final long t0 = r.clock.nanoTime();
    private final HybridIdleStrategy s = new HybridIdleStrategy(r.worker, 300 * US, 200 * US, 1_000_000 * US, 1_000_000);

    /** One duty cycle that starts at {@code micros} after t0, then the strategy told {@code work}. */
    private void cycleAt(long micros, int work) {
        r.clock.update(t0 + micros * US);
        r.cycle();
        s.idle(work);
    }

    @Test
    void spinsWithinTheWindowAfterWorkThenWaitsOnTheSockets() {
        cycleAt(0, 1);
        cycleAt(1, 0);
        cycleAt(150, 0);
        cycleAt(299, 0);
        assertEquals(0, r.net.awaits(), "waited within the spin window");
        cycleAt(301, 0);
        assertEquals(1, r.net.awaits());
        assertEquals(0, s.preemptions(), "gaps after blocking or after work are not preemption");
    }

    @Test
    void waitsAtOnceBeforeAnyWork() {
        cycleAt(0, 0);
        assertEquals(1, r.net.awaits());
    }

    @Test
    void aLongGapAfterAnEmptySpinMeansTheCoreWasTakenAndTheWorkerBlocksWhenIdleForTheHold() {
        cycleAt(0, 1);
        cycleAt(1, 0);
        cycleAt(250, 3); // descheduled 249 µs while runnable: the packets queued meanwhile
        assertEquals(1, s.preemptions());
        cycleAt(251, 0);
        assertEquals(1, r.net.awaits(), "spun on a contended core instead of sleeping");
        cycleAt(400, 2);
        cycleAt(401, 0);
        assertEquals(2, r.net.awaits());
        // after the hold (1 s) the worker spins again
        cycleAt(1_000_300, 1);
        cycleAt(1_000_301, 0);
        assertEquals(2, r.net.awaits(), "still blocking after the contended hold ended");
    }

    @Test
    void aLongCycleWithWorkIsNotAGap() {
        cycleAt(0, 5);
        cycleAt(500, 5); // the previous cycle relayed a big batch: its own time, not a preemption
        cycleAt(501, 0);
        cycleAt(502, 0);
        assertEquals(0, s.preemptions());
        assertEquals(0, r.net.awaits());
    }

    @Test
    void resetForgetsTheLastWork() {
        cycleAt(0, 1);
        s.reset();
        cycleAt(1, 0);
        assertEquals(1, r.net.awaits(), "after a reset (the worker slept while empty) it must not spin blind");
    }

    @Test
    void rejectsNegativeWindowsAndNonPositiveWaits() {
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, -1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, 1, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, 1, 1, 1, 0));
    }
}
