package io.sbc.signaling.b2bua;

import java.util.concurrent.atomic.LongAdder;

/**
 * Call counters of the B2BUA, summed over every worker (each worker adds to striped cells; readers
 * are the admin API and tests).
 */
public final class B2buaCounters {
    final LongAdder started = new LongAdder();
    final LongAdder answered = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder ended = new LongAdder();
    final LongAdder refusedTableFull = new LongAdder();
    final LongAdder failovers = new LongAdder();
    final LongAdder mediaFailures = new LongAdder();
    final LongAdder active = new LongAdder();
    final LongAdder mediaTimeouts = new LongAdder();
    final LongAdder refusedAdmission = new LongAdder();
    private final CallRecords records = new CallRecords();

    /** Per-call records: CDR sink, per-trunk outcomes, INVITE processing time, draining. */
    public CallRecords records() {
        return records;
    }

    /** New calls refused by a trunk's or the node's cps/concurrent limit. */
    public long refusedAdmission() {
        return refusedAdmission.sum();
    }
    final LongAdder durationLimits = new LongAdder();
    final LongAdder ackTimeouts = new LongAdder();
    final LongAdder stepFailures = new LongAdder();

    /**
     * Call steps that threw (a bug, not a peer's fault): each is logged at most every 10 s, so a
     * non-zero figure here is the thing to look for when a call seems stuck.
     */
    public long stepFailures() {
        return stepFailures.sum();
    }

    /** Calls ended because the ACK for a 2xx never came within 64*T1 (RFC 3261 §13.3.1.4). */
    public long ackTimeouts() {
        return ackTimeouts.sum();
    }

    /** Calls ended because the relay saw no media for media.timeout. */
    public long mediaTimeouts() {
        return mediaTimeouts.sum();
    }

    /** Calls ended by the trunk's max-call-duration. */
    public long durationLimits() {
        return durationLimits.sum();
    }

    public long started() {
        return started.sum();
    }

    public long answered() {
        return answered.sum();
    }

    public long failed() {
        return failed.sum();
    }

    public long ended() {
        return ended.sum();
    }

    public long refusedTableFull() {
        return refusedTableFull.sum();
    }

    public long failovers() {
        return failovers.sum();
    }

    public long mediaFailures() {
        return mediaFailures.sum();
    }

    /** Calls in the call tables now. */
    public long active() {
        return active.sum();
    }

    @Override
    public String toString() {
        return "calls started=" + started() + " answered=" + answered() + " failed=" + failed() + " ended=" + ended()
                + " active=" + active() + " refused=" + refusedTableFull() + " refusedAdmission=" + refusedAdmission() + " failovers=" + failovers()
                + " mediaFailures=" + mediaFailures() + " mediaTimeouts=" + mediaTimeouts() + " durationLimits="
                + durationLimits() + " ackTimeouts=" + ackTimeouts() + " stepFailures=" + stepFailures();
    }
}
