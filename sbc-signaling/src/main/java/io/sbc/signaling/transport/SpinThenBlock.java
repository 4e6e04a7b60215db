package io.sbc.signaling.transport;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;

import java.util.function.LongSupplier;

/**
 * The signaling event loop's idle strategy (issue #5, INVITE to 100 Trying): when the loop runs out
 * of work it may poll epoll without blocking for up to {@code spinNanos} before it blocks in
 * {@code epoll_wait}, so that a datagram arriving within that window is read at once instead of
 * after a sleep and a scheduler wake-up. SIP arrives in bursts (an INVITE, then the peer's
 * 100/180/200 within microseconds). Off by default ({@link #DEFAULT_SPIN_MICROS} = 0): on the
 * 2-core benchmark host, shared with SIPp and the sniffer, 50 µs of spin did not reduce the loop's
 * schedule-ins (3,607/s against 2,525-3,472/s without) and raised its run-queue wait, because a
 * spinning thread is preempted instead of sleeping (bench/results/sip.md, session 5). It is for
 * hosts where the signaling loop has a core to itself: JVM property
 * {@value #SPIN_MICROS_PROPERTY}. An idle node spins only right after its last message: at most
 * {@code spinNanos} per burst, never continuously (unlike Netty's BUSY_WAIT).
 *
 * <p>Tasks submitted from other threads while it spins do not wake it (the loop counts as awake):
 * they wait at most {@code spinNanos}. Stateless apart from its settings: one per event loop.
 */
final class SpinThenBlock implements SelectStrategy {
    /** The JVM system property that overrides {@link #DEFAULT_SPIN_MICROS} (0: no spin). */
    static final String SPIN_MICROS_PROPERTY = "sbc.ioSpinMicros";
    /** Microseconds of non-blocking polls before the loop blocks; bounds 0..1000. */
    static final int DEFAULT_SPIN_MICROS = 0;
    static final int MAX_SPIN_MICROS = 1000;

    private final long spinNanos;
    private final LongSupplier nanoClock;

    SpinThenBlock(long spinNanos, LongSupplier nanoClock) {
        this.spinNanos = spinNanos;
        this.nanoClock = nanoClock;
    }

    /** The configured spin: the property when it is a number 0..1000, else the default. */
    static long spinNanos(String property) {
        if (property != null) {
            try {
                int us = Integer.parseInt(property.trim());
                if (us >= 0 && us <= MAX_SPIN_MICROS) {
                    return us * 1000L;
                }
            } catch (NumberFormatException e) {
                // the default below
            }
        }
        return DEFAULT_SPIN_MICROS * 1000L;
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
        if (hasTasks) {
            return selectSupplier.get(); // Netty's default: poll, then run the tasks
        }
        if (spinNanos > 0) {
            long end = nanoClock.getAsLong() + spinNanos;
            do {
                int ready = selectSupplier.get();
                if (ready > 0) {
                    return ready;
                }
                Thread.onSpinWait();
            } while (nanoClock.getAsLong() - end < 0);
        }
        return SelectStrategy.SELECT;
    }
}
