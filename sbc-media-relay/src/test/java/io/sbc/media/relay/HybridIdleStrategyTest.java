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
    void parksWhereACommandWakesItBeforeAnyMedia() {
        cycleAt(0, 0);
        assertEquals(1, s.parks());
        assertEquals(0, r.net.awaits(), "epoll_wait is not woken by commands");
    }

    @Test
    void waitsOnTheSocketsWhileMediaFlowsAndParksOnceItHasBeenQuietFor50Ms() {
        cycleAt(0, 1);
        cycleAt(49_000, 0);
        assertEquals(1, r.net.awaits());
        assertEquals(0, s.parks());
        cycleAt(50_001, 0);
        assertEquals(1, r.net.awaits());
        assertEquals(1, s.parks(), "no datagram for 50 ms: a command must not wait out a millisecond");
    }

    @Test
    void aLongGapAfterAnEmptySpinMeansTheCoreWasTakenAndTheWorkerBlocksWhenIdleForTheHold() {
        cycleAt(0, 1);
        cycleAt(1, 0);
        cycleAt(250, 3); // descheduled 249 µs while runnable: the packets queued meanwhile
        assertEquals(1, s.preemptions());
        assertEquals(10_000 * US, s.holdNanos(), "a lone gap gets the short hold");
        cycleAt(251, 0);
        assertEquals(1, r.net.awaits(), "spun on a contended core instead of sleeping");
        cycleAt(400, 2);
        cycleAt(401, 0);
        assertEquals(2, r.net.awaits());
        // after the hold (10 ms) the worker spins again
        cycleAt(10_300, 1);
        cycleAt(10_301, 0);
        assertEquals(2, r.net.awaits(), "still blocking after the contended hold ended");
    }

    @Test
    void theHoldDoublesWhileTheCoreIsTakenAgainSoonAfterEachHoldAndStartsShortAfterAQuietSpell() {
        long t = 0;
        cycleAt(t, 1);
        long[] expected = {10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_000_000, 1_000_000};
        for (long hold : expected) {
            cycleAt(t + 1, 0);          // an empty spin...
            cycleAt(t + 300, 1);        // ...then the core was gone for 299 µs
            assertEquals(hold * US, s.holdNanos());
            t += 300 + hold + 1;        // the hold ends; the next gap comes soon after
            cycleAt(t, 1);
        }
        // a quiet spell longer than the hold: the next gap starts short again
        t += 3_000_000;
        cycleAt(t, 1);
        cycleAt(t + 1, 0);
        cycleAt(t + 300, 1);
        assertEquals(10_000 * US, s.holdNanos());
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
        assertEquals(1, s.blocks(), "after a reset (the worker slept while empty) it must not spin blind");
        assertEquals(1, s.parks(), "nor wait on sockets a command cannot wake");
    }

    @Test
    void rejectsNegativeWindowsAndNonPositiveWaits() {
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, -1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, 1, 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, 1, 1, -1, 1));
        assertThrows(IllegalArgumentException.class, () -> new HybridIdleStrategy(r.worker, 1, 1, 1, 0));
    }
}
