package io.sbc.signaling.gate;

import java.time.Duration;

/**
 * Sizes and thresholds of the gate. Every table is a fixed-size primitive array allocated up front;
 * memory is {@code shards × realms × sourcesPerRealm × 60 B + banTableSize × 20 B} whatever the
 * number of distinct sources (defaults: 65,536 × 60 B ≈ 3.9 MB per realm and event loop).
 *
 * @param sourcesPerRealm     per-source entries per realm and per event loop; power of two, 64..2^24.
 *                            Default 65,536. When full, a new source evicts the least valuable entry
 *                            of its probe window (unscored and least recently active first).
 * @param banTableSize        ban entries shared by all realms and loops; power of two, 64..2^22.
 *                            Default 16,384. When full, an automatic ban evicts the automatic ban
 *                            that expires first in its probe window; manual bans are never evicted
 *                            (a manual ban that finds no room is refused and counted).
 * @param maxShards           most threads that may call the gate (each gets its own single-writer
 *                            tables); default 64, bounds 1..1024. A further thread is refused with
 *                            IllegalStateException (the event loops are a fixed set).
 * @param trustedBudgetFactor trusted sources get the realm's rate and burst times this; default 10.
 * @param banScore            score at which an untrusted source is banned; default 100.
 * @param rateScore           points per message dropped over the token bucket; default 10 (a source
 *                            is banned after 10 messages past its burst, well within a second).
 * @param malformedScore      points per unparseable message; default 20 (banned at the fifth).
 * @param scoreDecayPerSecond points forgiven per second; default 2 (one malformed message per 10 s,
 *                            or one message over the bucket per 5 s, is forgiven).
 * @param authSameUserFailures failed authentications for one username from one source (counted
 *                            consecutively for the same username) that ban the source; default 8.
 * @param authDistinctUsers   distinct usernames failing from one source that ban it; default 8
 *                            (phones behind one NAT each failing once or twice stay below it).
 * @param authWindow          authentication failures older than this are forgotten; default 10 min.
 * @param defaultManualBan    duration of an admin ban when none is given; default 1 h.
 * @param retryAfterSeconds   Retry-After of the 503 sent to trusted sources over budget and to new
 *                            requests refused under overload; default 5.
 */
public record GateConfig(int sourcesPerRealm, int banTableSize, int maxShards, int trustedBudgetFactor,
        int banScore, int rateScore, int malformedScore, int scoreDecayPerSecond, int authSameUserFailures,
        int authDistinctUsers, Duration authWindow, Duration defaultManualBan, int retryAfterSeconds) {

    public GateConfig {
        requirePowerOfTwo("sourcesPerRealm", sourcesPerRealm, 64, 1 << 24);
        requirePowerOfTwo("banTableSize", banTableSize, 64, 1 << 22);
        if (maxShards < 1 || maxShards > 1024) {
            throw new IllegalArgumentException("maxShards must be 1..1024: " + maxShards);
        }
        if (trustedBudgetFactor < 1 || banScore < 1 || rateScore < 0 || malformedScore < 0 || scoreDecayPerSecond < 0
                || authSameUserFailures < 1 || authDistinctUsers < 1 || authDistinctUsers > 64 || retryAfterSeconds < 0) {
            throw new IllegalArgumentException("gate thresholds out of range: " + this);
        }
        if (authWindow.isNegative() || authWindow.isZero() || defaultManualBan.isNegative() || defaultManualBan.isZero()) {
            throw new IllegalArgumentException("gate durations must be positive: " + this);
        }
    }

    private static void requirePowerOfTwo(String name, int v, int min, int max) {
        if (v < min || v > max || Integer.bitCount(v) != 1) {
            throw new IllegalArgumentException(name + " must be a power of two in " + min + ".." + max + ": " + v);
        }
    }

    public static GateConfig defaults() {
        return new GateConfig(65_536, 16_384, 64, 10, 100, 10, 20, 2, 8, 8, Duration.ofMinutes(10),
                Duration.ofHours(1), 5);
    }

    public GateConfig withSourcesPerRealm(int v) {
        return new GateConfig(v, banTableSize, maxShards, trustedBudgetFactor, banScore, rateScore, malformedScore,
                scoreDecayPerSecond, authSameUserFailures, authDistinctUsers, authWindow, defaultManualBan,
                retryAfterSeconds);
    }

    public GateConfig withBanTableSize(int v) {
        return new GateConfig(sourcesPerRealm, v, maxShards, trustedBudgetFactor, banScore, rateScore, malformedScore,
                scoreDecayPerSecond, authSameUserFailures, authDistinctUsers, authWindow, defaultManualBan,
                retryAfterSeconds);
    }
}
