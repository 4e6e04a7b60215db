package io.sbc.signaling.b2bua;

import io.sbc.signaling.cdr.CdrRecord;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * What every worker's B2BUA reports about whole calls: the sink of call detail records (the CDR
 * journal's {@code submit}), per-trunk call counts by outcome ({@code sbc_calls_active},
 * {@code sbc_calls_total}), the INVITE processing-time histogram, and the node's draining flag.
 * Event loops only add to striped cells ({@link LongAdder}); the admin thread reads at scrape time.
 *
 * <p>Thread-safe. The sink is set once before the node serves; it must not block (the journal's
 * {@code submit} is a non-blocking offer).
 */
public final class CallRecords {
    /** Outcome of a call attempt, the {@code result} label of {@code sbc_calls_total} (docs/metrics.md). */
    public enum Result {
        ANSWERED, REJECTED, CANCELLED, NO_ROUTE, REFUSED, FAILED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Upper bounds (seconds) of the INVITE processing histogram; +Inf is implied after the last. */
    public static final double[] INVITE_BUCKETS_SECONDS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
        0.25, 0.5, 1, 2.5};
    private static final long[] BUCKET_NANOS = new long[INVITE_BUCKETS_SECONDS.length];

    static {
        for (int i = 0; i < BUCKET_NANOS.length; i++) {
            BUCKET_NANOS[i] = (long) (INVITE_BUCKETS_SECONDS[i] * 1e9);
        }
    }

    /** Counts of one trunk (label {@code trunk}). */
    public static final class TrunkTally {
        final LongAdder active = new LongAdder();
        final LongAdder[] results = new LongAdder[Result.values().length];

        TrunkTally() {
            for (int i = 0; i < results.length; i++) {
                results[i] = new LongAdder();
            }
        }

        public long active() {
            return active.sum();
        }

        public long total(Result r) {
            return results[r.ordinal()].sum();
        }
    }

    /** Label used when a call attempt had neither a destination nor a source trunk. */
    public static final String NO_TRUNK = "none";

    private volatile Consumer<CdrRecord> sink = r -> { };
    private volatile boolean draining;
    private final Map<String, TrunkTally> trunks = new ConcurrentHashMap<>();
    /** Per bucket (not cumulative), the last cell is +Inf. */
    private final LongAdder[] inviteBuckets = new LongAdder[BUCKET_NANOS.length + 1];
    private final LongAdder inviteSumNanos = new LongAdder();
    private final LongAdder recordsEmitted = new LongAdder();
    private final LongAdder recordsPending = new LongAdder();

    public CallRecords() {
        for (int i = 0; i < inviteBuckets.length; i++) {
            inviteBuckets[i] = new LongAdder();
        }
    }

    /** Where call detail records go (default: nowhere). Set before the node serves. */
    public void sink(Consumer<CdrRecord> sink) {
        this.sink = sink == null ? r -> { } : sink;
    }

    /** New INVITEs are refused (503 + Retry-After) from now on; calls in progress continue. */
    public void drain() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Records handed to the sink so far. */
    public long emitted() {
        return recordsEmitted.sum();
    }

    /** Calls that ended and whose record waits for the relay's final statistics. */
    public long pending() {
        return recordsPending.sum();
    }

    /** Every trunk seen so far with its counts (read at scrape time). */
    public Map<String, TrunkTally> trunks() {
        return trunks;
    }

    /** Cumulative-free bucket counts of the INVITE histogram (last = above the last bound). */
    public long[] inviteBucketCounts() {
        long[] out = new long[inviteBuckets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = inviteBuckets[i].sum();
        }
        return out;
    }

    public double inviteSumSeconds() {
        return inviteSumNanos.sum() / 1e9;
    }

    // ---- written by the event loops

    TrunkTally trunk(String name) {
        String key = name == null || name.isEmpty() ? NO_TRUNK : name;
        TrunkTally t = trunks.get(key);
        if (t == null) {
            TrunkTally fresh = new TrunkTally();
            t = trunks.putIfAbsent(key, fresh);
            if (t == null) {
                t = fresh;
            }
        }
        return t;
    }

    /**
     * Adds one observation of the INVITE processing time (a linear scan of 12 bounds, two adders;
     * any thread; public for the benchmark in bench/cdr).
     */
    public void inviteProcessed(long nanos) {
        int i = 0;
        while (i < BUCKET_NANOS.length && nanos > BUCKET_NANOS[i]) {
            i++;
        }
        inviteBuckets[i].increment();
        inviteSumNanos.add(Math.max(0, nanos));
    }

    void pendingAdded() {
        recordsPending.increment();
    }

    void pendingDone() {
        recordsPending.decrement();
    }

    void emit(CdrRecord record, String trunk, Result result) {
        trunk(trunk).results[result.ordinal()].increment();
        recordsEmitted.increment();
        sink.accept(record);
    }
}
