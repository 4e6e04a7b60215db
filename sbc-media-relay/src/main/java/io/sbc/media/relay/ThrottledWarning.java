package io.sbc.media.relay;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One kind of warning that can come once per call: at most one line per interval, which says how
 * many were left out since the line before. A relay out of file descriptors fails every new call's
 * command, and each failed add is followed by a failed remove: one benchmark step logged 4,736
 * "errno 24" lines and 13,485 "unknown stream" lines. The calls themselves get an error reply (the
 * SBC answers 503) and are counted. Lock-free; called from any thread.
 */
public final class ThrottledWarning {
    private final Logger log;
    private final String what;
    private final long intervalNanos;
    private final LongSupplier nanoClock;
    /** When the next line may be written; {@link Long#MIN_VALUE} before the first. */
    private final AtomicLong next = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong unlogged = new AtomicLong();

    /**
     * @param what           the line's prefix ("relay command failed")
     * @param intervalMillis at least this long between two lines
     * @param nanoClock      monotonic nanoseconds (System::nanoTime; a virtual clock in tests)
     */
    public ThrottledWarning(Logger log, String what, long intervalMillis, LongSupplier nanoClock) {
        this.log = log;
        this.what = what;
        this.intervalNanos = intervalMillis * 1_000_000L;
        this.nanoClock = nanoClock;
    }

    public ThrottledWarning(Logger log, String what, long intervalMillis) {
        this(log, what, intervalMillis, System::nanoTime);
    }

    public void warn(String reason) {
        long now = nanoClock.getAsLong();
        long due = next.get();
        if ((due == Long.MIN_VALUE || now - due >= 0) && next.compareAndSet(due, now + intervalNanos)) {
            long more = unlogged.getAndSet(0);
            if (more > 0) {
                log.warn("{}: {} ({} more since the last line; at most one line every {} s)", what, reason, more,
                        intervalNanos / 1_000_000_000L);
            } else {
                log.warn("{}: {}", what, reason);
            }
        } else {
            unlogged.incrementAndGet();
        }
    }
}
