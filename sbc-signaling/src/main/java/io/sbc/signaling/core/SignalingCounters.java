package io.sbc.signaling.core;

import io.sbc.signaling.codec.ParseErrorReason;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the signaling core: what was received, dropped and answered without a transaction.
 * Written from every event loop (LongAdder: no contention between loops), read by the admin API and
 * metrics. The metrics issue exports them as {@code sbc_sip_*}.
 */
public final class SignalingCounters {

    /** Why a received message went no further than the core. */
    public enum Drop {
        /** A message arrived before the workers were ready (start-up) or after stop. */
        NOT_READY,
        /** Unparseable, or a malformed response/ACK (never answered). */
        MALFORMED,
        /** Bigger than the realm's max-message-size. */
        OVERSIZE,
        /** A response matching no client transaction (RFC 6026 §7.2). */
        STRAY_RESPONSE,
        /** The transaction table was full; answered 503 when the request was not an ACK. */
        TABLE_FULL,
        /** A new INVITE or REGISTER refused with 503 + Retry-After while an event loop lagged. */
        OVERLOAD,
        /** The listener failed unexpectedly (a bug): counted, logged once per second, never rethrown. */
        INTERNAL_ERROR
    }

    private final SipMessageCounts messages = new SipMessageCounts();
    private final LongAdder requests = new LongAdder();
    private final LongAdder responses = new LongAdder();
    private final LongAdder retransmissionsAbsorbed = new LongAdder();
    private final LongAdder statelessReplies = new LongAdder();
    private final LongAdder handoffs = new LongAdder();
    private final LongAdder[] drops = adders(Drop.values().length);
    private final LongAdder[] malformed = adders(ParseErrorReason.values().length);

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }

    void request() {
        requests.increment();
    }

    void response() {
        responses.increment();
    }

    void retransmissionAbsorbed() {
        retransmissionsAbsorbed.increment();
    }

    void statelessReply() {
        statelessReplies.increment();
    }

    void handoff() {
        handoffs.increment();
    }

    void drop(Drop reason) {
        drops[reason.ordinal()].increment();
    }

    void countMalformed(ParseErrorReason reason) {
        malformed[reason.ordinal()].increment();
    }

    /** Messages per realm, direction and method or status code. */
    public SipMessageCounts messages() {
        return messages;
    }

    public long requests() {
        return requests.sum();
    }

    public long responses() {
        return responses.sum();
    }

    public long retransmissionsAbsorbed() {
        return retransmissionsAbsorbed.sum();
    }

    /** Responses sent without a transaction: 400/505/513 to malformed requests, 503 when tables are full. */
    public long statelessReplies() {
        return statelessReplies.sum();
    }

    /** Messages parsed on one event loop and handed to the loop that owns their Call-ID. */
    public long handoffs() {
        return handoffs.sum();
    }

    public long drops(Drop reason) {
        return drops[reason.ordinal()].sum();
    }

    public long malformed(ParseErrorReason reason) {
        return malformed[reason.ordinal()].sum();
    }

    public long malformedTotal() {
        long sum = 0;
        for (LongAdder a : malformed) {
            sum += a.sum();
        }
        return sum;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SignalingCounters[requests=").append(requests()).append(", responses=")
                .append(responses()).append(", retransmissionsAbsorbed=").append(retransmissionsAbsorbed())
                .append(", statelessReplies=").append(statelessReplies()).append(", handoffs=").append(handoffs());
        for (Drop d : Drop.values()) {
            long n = drops(d);
            if (n > 0) {
                sb.append(", drop.").append(d.name().toLowerCase(java.util.Locale.ROOT)).append('=').append(n);
            }
        }
        for (ParseErrorReason r : ParseErrorReason.values()) {
            long n = malformed(r);
            if (n > 0) {
                sb.append(", malformed.").append(r.metricLabel()).append('=').append(n);
            }
        }
        return sb.append(']').toString();
    }
}
