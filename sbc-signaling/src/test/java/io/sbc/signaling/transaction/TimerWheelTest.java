package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The hashed timing wheel on a clock the test moves by hand. */
class TimerWheelTest {
    private static final long MS = 1_000_000L;
    private static final long TICK = 10 * MS;

    private final List<RuntimeException> failures = new ArrayList<>();

    private TimerWheel wheel(long origin) {
        return new TimerWheel(TICK, 16, origin, failures::add);
    }

    @Test
    void firesOnTheFirstTickAtOrAfterTheDeadlineAndNeverBefore() {
        TimerWheel w = wheel(1_000 * MS);
        List<String> fired = new ArrayList<>();
        w.schedule(1_003 * MS, 500 * MS, () -> fired.add("500 ms from 3 ms past the origin"));
        assertEquals(0, w.advance(1_502 * MS));
        assertEquals(List.of(), fired);
        assertEquals(0, w.advance(1_509 * MS)); // due at 1,503: the tick that covers it ends at 1,510
        assertEquals(1, w.advance(1_510 * MS));
        assertEquals(List.of("500 ms from 3 ms past the origin"), fired);
        assertEquals(0, w.pending());
    }

    @Test
    void timersDueOnTheSameTickFireInSchedulingOrder() {
        TimerWheel w = wheel(0);
        List<Integer> fired = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            w.schedule(0, 40 * MS, () -> fired.add(n));
        }
        w.advance(40 * MS);
        assertEquals(List.of(0, 1, 2, 3, 4), fired);
    }

    @Test
    void aCancelledTimerNeverFiresEvenWhenCancelledByATaskOfTheSameTick() {
        TimerWheel w = wheel(0);
        List<String> fired = new ArrayList<>();
        TimerHandle[] second = new TimerHandle[1];
        w.schedule(0, 20 * MS, () -> {
            fired.add("first");
            second[0].cancel();
        });
        second[0] = w.schedule(0, 20 * MS, () -> fired.add("second"));
        TimerHandle third = w.schedule(0, 30 * MS, () -> fired.add("third"));
        third.cancel();
        third.cancel(); // twice is harmless
        w.advance(100 * MS);
        assertEquals(List.of("first"), fired);
        assertEquals(0, w.pending());
    }

    @Test
    void aTaskThatSchedulesAZeroDelayTimerSeesItOnTheNextTickAndATaskThatThrowsDoesNotStopTheWheel() {
        TimerWheel w = wheel(0);
        List<String> fired = new ArrayList<>();
        w.schedule(0, 10 * MS, () -> {
            fired.add("outer");
            w.schedule(10 * MS, 0, () -> fired.add("inner"));
            throw new IllegalStateException("task bug");
        });
        w.schedule(0, 10 * MS, () -> fired.add("sibling"));
        assertEquals(2, w.advance(10 * MS));
        assertEquals(List.of("outer", "sibling"), fired);
        assertEquals(1, failures.size());
        assertEquals(1, w.advance(20 * MS));
        assertEquals(List.of("outer", "sibling", "inner"), fired);
    }

    @Test
    void timersManyRevolutionsAwayWaitForTheirOwnTickAndALateAdvanceCatchesUp() {
        TimerWheel w = wheel(0); // 16 slots of 10 ms: one revolution is 160 ms
        List<Long> fired = new ArrayList<>();
        for (long d : new long[] {32_000, 170, 10, 181_000}) {
            w.schedule(0, d * MS, () -> fired.add(d));
        }
        w.advance(169 * MS);
        assertEquals(List.of(10L), fired);
        w.advance(31_999 * MS);
        assertEquals(List.of(10L, 170L), fired);
        w.advance(200_000 * MS); // an owner stalled far past two deadlines: both fire, in deadline order
        assertEquals(List.of(10L, 170L, 32_000L, 181_000L), fired);
    }

    @Test
    void rejectsABadConfigurationAndANegativeDelay() {
        assertThrows(IllegalArgumentException.class, () -> new TimerWheel(TICK, 100, 0, e -> { }));
        assertThrows(IllegalArgumentException.class, () -> new TimerWheel(1000, 16, 0, e -> { }));
        assertThrows(IllegalArgumentException.class, () -> wheel(0).schedule(0, -1, () -> { }));
    }

    /**
     * Random schedules, cancels and clock moves against a model: every timer not cancelled fires exactly
     * once, at a clock reading at or after its deadline; no cancelled timer fires.
     */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 20261121})
    void matchesTheModelUnderRandomSchedulesCancelsAndClockSteps(long seed) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        long[] now = {random.nextLong(0, 1_000_000 * MS)};
        TimerWheel w = new TimerWheel(TICK, 64, now[0], failures::add);
        Map<Integer, Long> deadlines = new HashMap<>();
        Map<Integer, TimerHandle> handles = new HashMap<>();
        Map<Integer, Long> firedAt = new HashMap<>();
        List<Integer> cancelled = new ArrayList<>();
        int next = 0;
        for (int op = 0; op < 5_000; op++) {
            int kind = random.nextInt(10);
            if (kind < 5) {
                int id = next++;
                long delay = random.nextInt(4) == 0 ? random.nextLong(0, 40_000 * MS) : random.nextLong(0, 2_000 * MS);
                deadlines.put(id, now[0] + delay);
                handles.put(id, w.schedule(now[0], delay, () -> {
                    Long prior = firedAt.put(id, now[0]);
                    assertEquals(null, prior, "seed " + seed + ": timer " + id + " fired twice");
                }));
            } else if (kind < 7 && !handles.isEmpty()) {
                int id = random.nextInt(next);
                if (!firedAt.containsKey(id) && handles.containsKey(id)) {
                    handles.get(id).cancel();
                    cancelled.add(id);
                }
            } else {
                now[0] += random.nextLong(0, 300 * MS);
                w.advance(now[0]);
            }
        }
        now[0] += 50_000 * MS;
        w.advance(now[0]);
        for (int id = 0; id < next; id++) {
            if (cancelled.contains(id)) {
                assertTrue(!firedAt.containsKey(id), "seed " + seed + ": cancelled timer " + id + " fired");
                continue;
            }
            Long at = firedAt.get(id);
            assertTrue(at != null, "seed " + seed + ": timer " + id + " never fired");
            assertTrue(at >= deadlines.get(id), "seed " + seed + ": timer " + id + " fired early");
        }
        assertEquals(0, w.pending(), "seed " + seed);
        assertEquals(List.of(), failures);
    }
}
