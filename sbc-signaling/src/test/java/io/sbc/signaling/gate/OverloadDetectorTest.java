package io.sbc.signaling.gate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OverloadDetectorTest {
    private static final long MS = 1_000_000L;

    private final OverloadDetector d = new OverloadDetector(2, Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(20), Duration.ofSeconds(1), () -> 0);

    @Test
    void entersOverloadWhenOneLoopLagsPastTheThresholdForThreeTicksInARow() {
        d.onTick(0, 5 * MS, 0);
        d.onTick(1, 99 * MS, 0);
        assertFalse(d.refuseNewWork());
        d.onTick(1, 100 * MS, 50 * MS);
        d.onTick(1, 150 * MS, 100 * MS);
        assertFalse(d.refuseNewWork(), "two late ticks are a pause, not overload");
        d.onTick(1, 120 * MS, 150 * MS);
        assertTrue(d.refuseNewWork());
    }

    @Test
    void ignoresASinglePauseSuchAsAGcOrJitStall() {
        d.onTick(0, 400 * MS, 0);
        d.onTick(0, 3 * MS, 50 * MS);
        d.onTick(0, 250 * MS, 100 * MS);
        d.onTick(0, 2 * MS, 150 * MS);
        assertFalse(d.refuseNewWork(), "isolated late ticks must not refuse calls");
        assertEquals(0, d.episodes());
    }

    @Test
    void entersAtOnceOnOneTickFiveTimesTheThresholdLateABacklog() {
        d.onTick(0, 500 * MS, 0);
        assertTrue(d.refuseNewWork());
    }

    @Test
    void leavesOverloadOnlyAfterOneCalmSecond() {
        d.onTick(0, 300 * MS, 0);
        d.onTick(0, 300 * MS, 0);
        d.onTick(0, 300 * MS, 0);
        long now = 0;
        for (int i = 0; i < 20; i++) { // 50 ms ticks, lag between exit and enter: stays overloaded
            now += 50 * MS;
            d.onTick(0, 50 * MS, now);
        }
        assertTrue(d.refuseNewWork(), "lag between 20 and 100 ms keeps the loop overloaded (hysteresis)");
        for (int i = 0; i < 20; i++) {
            now += 50 * MS;
            d.onTick(0, 2 * MS, now);
        }
        assertTrue(d.refuseNewWork(), "calm for 950 ms only");
        now += 50 * MS;
        d.onTick(0, 2 * MS, now);
        assertFalse(d.refuseNewWork());
    }
}
