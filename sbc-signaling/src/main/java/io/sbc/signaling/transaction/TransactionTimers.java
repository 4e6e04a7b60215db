package io.sbc.signaling.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The base timer values of RFC 3261 §17 (Table 4) and every transaction timer derived from them.
 *
 * <p>Only T1, T2 and T4 are configurable, as RFC 3261 §17.1.1.1 allows ("T1 ... MAY be chosen
 * smaller/larger ... T2 and T4 ..."). Timers A to M are computed here and never configured, so a
 * misconfiguration cannot make them inconsistent with one another (style.md §6). Values are returned
 * as primitive milliseconds so the transaction code allocates no {@link Duration} per timer start.
 *
 * <p>Immutable; safe to share between event loops.
 *
 * @param t1 RTT estimate, default 500 ms; must be positive and at most 60 s
 * @param t2 maximum retransmit interval for non-INVITE requests and INVITE responses, default 4 s;
 *           must be at least T1 and at most 10 min
 * @param t4 maximum time a message stays in the network, default 5 s; must be positive and at most 10 min
 */
public record TransactionTimers(Duration t1, Duration t2, Duration t4) {

    /** RFC 3261 Table 4 defaults. */
    public static final Duration DEFAULT_T1 = Duration.ofMillis(500);
    public static final Duration DEFAULT_T2 = Duration.ofSeconds(4);
    public static final Duration DEFAULT_T4 = Duration.ofSeconds(5);

    private static final Duration MAX_T1 = Duration.ofSeconds(60);
    private static final Duration MAX_T2_T4 = Duration.ofMinutes(10);

    /**
     * RFC 3261 §17.1.1.2: Timer D "at least 32 seconds for unreliable transports". We take
     * max(32 s, 64*T1) so that D still covers the server's Timer H window (64*T1, during which it
     * retransmits its final response) when T1 is configured above 500 ms.
     */
    private static final long TIMER_D_FLOOR_MILLIS = 32_000;

    /** RFC 3261 §16.6 step 11 / Table 4: Timer C "> 3 min" (proxy INVITE transaction). */
    private static final long TIMER_C_MILLIS = 180_000 + 1_000;

    public TransactionTimers {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        if (t1.isNegative() || t1.isZero() || t1.compareTo(MAX_T1) > 0) {
            throw new IllegalArgumentException("t1 must be in (0, 60s], was " + t1);
        }
        if (t2.compareTo(t1) < 0 || t2.compareTo(MAX_T2_T4) > 0) {
            throw new IllegalArgumentException("t2 must be in [t1, 10min], was " + t2 + " with t1 " + t1);
        }
        if (t4.isNegative() || t4.isZero() || t4.compareTo(MAX_T2_T4) > 0) {
            throw new IllegalArgumentException("t4 must be in (0, 10min], was " + t4);
        }
    }

    /** T1 = 500 ms, T2 = 4 s, T4 = 5 s (RFC 3261 Table 4). */
    public static TransactionTimers defaults() {
        return new TransactionTimers(DEFAULT_T1, DEFAULT_T2, DEFAULT_T4);
    }

    public long t1Millis() {
        return t1.toMillis();
    }

    public long t2Millis() {
        return t2.toMillis();
    }

    public long t4Millis() {
        return t4.toMillis();
    }

    /** Timer A, initial INVITE retransmit interval, UDP only: T1 (RFC 3261 §17.1.1.2); doubles on each firing. */
    public long timerAMillis() {
        return t1Millis();
    }

    /** Timer B, INVITE transaction timeout: 64*T1 (RFC 3261 §17.1.1.2). */
    public long timerBMillis() {
        return 64 * t1Millis();
    }

    /**
     * Timer C, proxy INVITE transaction timeout: &gt; 3 min (RFC 3261 §16.6 step 11). Used by a stateful
     * proxy only, not by the four transaction machines; exposed so a proxy-style TU reads it from here.
     */
    public long timerCMillis() {
        return TIMER_C_MILLIS;
    }

    /** Timer D, wait time for response retransmits: max(32 s, 64*T1) for UDP, 0 for reliable (RFC 3261 §17.1.1.2). */
    public long timerDMillis(boolean reliable) {
        return reliable ? 0 : Math.max(TIMER_D_FLOOR_MILLIS, 64 * t1Millis());
    }

    /** Timer E, initial non-INVITE retransmit interval, UDP only: T1 (RFC 3261 §17.1.2.2); doubles, capped at T2. */
    public long timerEMillis() {
        return t1Millis();
    }

    /** Timer F, non-INVITE transaction timeout: 64*T1 (RFC 3261 §17.1.2.2). */
    public long timerFMillis() {
        return 64 * t1Millis();
    }

    /** Timer G, initial INVITE response retransmit interval, UDP only: T1 (RFC 3261 §17.2.1); doubles, capped at T2. */
    public long timerGMillis() {
        return t1Millis();
    }

    /** Timer H, wait time for ACK receipt: 64*T1 (RFC 3261 §17.2.1). */
    public long timerHMillis() {
        return 64 * t1Millis();
    }

    /** Timer I, wait time for ACK retransmits: T4 for UDP, 0 for reliable (RFC 3261 §17.2.1). */
    public long timerIMillis(boolean reliable) {
        return reliable ? 0 : t4Millis();
    }

    /** Timer J, wait time for non-INVITE request retransmits: 64*T1 for UDP, 0 for reliable (RFC 3261 §17.2.2). */
    public long timerJMillis(boolean reliable) {
        return reliable ? 0 : 64 * t1Millis();
    }

    /** Timer K, wait time for response retransmits: T4 for UDP, 0 for reliable (RFC 3261 §17.1.2.2). */
    public long timerKMillis(boolean reliable) {
        return reliable ? 0 : t4Millis();
    }

    /**
     * Timer L, wait time for INVITE retransmits in the server's Accepted state: 64*T1 (RFC 3261
     * Table 4 as extended by RFC 6026). Same on every transport: it absorbs INVITE retransmissions and lets the 2xx/ACK
     * exchange, which the TU retransmits end to end, complete.
     */
    public long timerLMillis() {
        return 64 * t1Millis();
    }

    /** Timer M, wait time for 2xx retransmits in the client's Accepted state: 64*T1 (RFC 3261 Table 4 as extended by RFC 6026). */
    public long timerMMillis() {
        return 64 * t1Millis();
    }
}
