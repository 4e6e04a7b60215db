package io.sbc.signaling.gate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Style guide §5: token buckets never exceed their configured rate. Random arrival patterns
 * (bursts, gaps, steady floods) against random rate/burst settings; in every window between two
 * admitted messages, the admitted count is at most {@code burst + rate × window}.
 */
class TokenBucketPropertyTest {
    private static final long SEC = 1_000_000_000L;

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 42L, 1234L, 98765L, 20261121L, -7L})
    void admittedMessagesNeverExceedRateTimesWindowPlusBurst(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int rate = 1 + rnd.nextInt(2_000);
        int burst = 1 + rnd.nextInt(500);
        long interval = RealmRules.interval(rate);
        long tolerance = RealmRules.tolerance(rate, burst);
        SourceTable table = new SourceTable(64);
        long now = rnd.nextLong(); // nanoTime may be anything, negative included
        List<Long> admitted = new ArrayList<>();
        int offered = 0;
        for (int i = 0; i < 4_000; i++) {
            int pattern = rnd.nextInt(10);
            long gap = pattern < 6 ? rnd.nextLong(SEC / rate + 1) : pattern < 9 ? 0 : rnd.nextLong(3 * SEC);
            now += gap;
            offered++;
            int s = table.slot(42L, now);
            if (table.take(s, now, interval, tolerance)) {
                admitted.add(now);
            }
        }
        String context = "seed " + seed + " rate " + rate + " burst " + burst;
        // Window [t_i, t_j] holds j - i + 1 admitted messages. With f(k) = k - rate × (t_k - t_0), the
        // property for every pair is max_j (f(j) - min_{i<=j} f(i)) + 1 <= burst: one pass.
        long t0 = admitted.get(0);
        double minF = Double.MAX_VALUE;
        for (int j = 0; j < admitted.size(); j++) {
            double f = j - (double) rate * (admitted.get(j) - t0) / SEC;
            minF = Math.min(minF, f);
            assertTrue(f - minF + 1 <= burst + 1e-6,
                    context + ": window ending at message " + j + " holds " + (f - minF + 1) + " over the rate line");
        }
        assertTrue(admitted.size() >= Math.min(burst, offered), context + ": the first burst is admitted");
    }

    @ParameterizedTest
    @ValueSource(longs = {5L, 6L, 77L})
    void saturatingSourceGetsTheFullRate(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        int rate = 10 + rnd.nextInt(1_000);
        int burst = 1 + rnd.nextInt(100);
        SourceTable table = new SourceTable(64);
        long now = 0;
        long step = SEC / (rate * 4L);
        int admitted = 0;
        long end = 10 * SEC;
        while (now < end) {
            if (table.take(table.slot(7L, now), now, RealmRules.interval(rate), RealmRules.tolerance(rate, burst))) {
                admitted++;
            }
            now += step;
        }
        double expected = burst + rate * 10.0;
        assertTrue(admitted >= expected * 0.98 && admitted <= expected + 1,
                "seed " + seed + " rate " + rate + " burst " + burst + ": admitted " + admitted + ", expected ~" + expected);
    }
}
