package io.sbc.media.session;

import java.time.Duration;
import java.util.function.LongSupplier;

/** A monotonic nanosecond clock that only moves when a test advances it. */
public final class VirtualClock implements LongSupplier {
    private long nowNs = 1_000_000_000L;

    @Override
    public long getAsLong() {
        return nowNs;
    }

    public void advance(Duration d) {
        nowNs += d.toNanos();
    }
}
