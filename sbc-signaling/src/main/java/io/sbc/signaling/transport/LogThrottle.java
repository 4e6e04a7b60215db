package io.sbc.signaling.transport;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets at most one log line per interval through, so a flood of bad input cannot flood the log
 * (style.md §4: rate-limited log lines). Thread-safe; one instance per kind of event.
 */
public final class LogThrottle {
    private final long intervalNanos;
    private final AtomicLong nextAllowedNanos = new AtomicLong(Long.MIN_VALUE);

    public LogThrottle(long intervalMillis) {
        this.intervalNanos = intervalMillis * 1_000_000L;
    }

    /** True if the caller may log now. */
    public boolean allow() {
        long now = System.nanoTime();
        long next = nextAllowedNanos.get();
        return (next == Long.MIN_VALUE || now - next >= 0) && nextAllowedNanos.compareAndSet(next, now + intervalNanos);
    }
}
