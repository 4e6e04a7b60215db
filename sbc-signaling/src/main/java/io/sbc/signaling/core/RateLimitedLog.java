package io.sbc.signaling.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets at most one log line through per interval, so a flood of bad input cannot flood the log
 * (the drops are counted anyway). Lock-free; shared by event loops.
 */
final class RateLimitedLog {
    private final long intervalNanos;
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);

    RateLimitedLog(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    boolean allow() {
        long now = System.nanoTime();
        long due = next.get();
        return (due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos);
    }
}
