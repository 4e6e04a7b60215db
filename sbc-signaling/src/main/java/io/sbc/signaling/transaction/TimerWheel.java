package io.sbc.signaling.transaction;

import java.util.function.Consumer;

/**
 * A hashed timing wheel (Varghese and Lauck, "Hashed and Hierarchical Timing Wheels", 1987): every
 * timer goes into the slot of the tick it is due in, modulo the number of slots, and each tick visits
 * one slot. Insert and cancel are O(1) (doubly linked slot lists, no search); a tick costs the timers
 * hashed to its slot. It stands in for a binary heap of scheduled tasks, where at 1,000 calls/s about
 * 100,000 transaction timers (RFC 3261 Timers B, D, F, H, J, K, L and M run 32 s; Timer C 181 s) made
 * every insert and cancel an O(log n) walk through cold memory.
 *
 * <p>Resolution: a timer fires on the first tick at or after its deadline, never before it and at
 * most one tick after it (plus however late the owner runs {@link #advance}). Timers due on the same
 * tick fire in the order they were scheduled. SIP's shortest timers (T1 = 500 ms) make a 10 ms tick
 * a 2% jitter at worst.
 *
 * <p>Pure data structure: it reads no clock and runs nothing on its own; the owner passes the time to
 * {@link #schedule} and {@link #advance} ({@link EventLoopTimerScheduler} drives one per event loop).
 *
 * <p>Owner: one thread (the event loop); not thread-safe.
 */
public final class TimerWheel {
    /** Default tick: 10 ms (see the class comment on resolution). */
    public static final long DEFAULT_TICK_NANOS = 10_000_000L;
    /** Default slots: 1024 (one revolution = 10.24 s at the default tick; a 32 s timer is seen 4 times). */
    public static final int DEFAULT_SLOTS = 1024;

    /** A scheduled timer: a node of its slot's list until it fires or is cancelled. */
    static final class Timeout implements TimerHandle {
        private static final int PENDING = 0;
        private static final int FIRING = 1;
        private static final int DONE = 2;

        final TimerWheel wheel;
        final long deadlineTick;
        final Runnable task;
        Timeout prev;
        Timeout next;
        int state;

        Timeout(TimerWheel wheel, long deadlineTick, Runnable task) {
            this.wheel = wheel;
            this.deadlineTick = deadlineTick;
            this.task = task;
        }

        @Override
        public void cancel() {
            wheel.cancel(this);
        }
    }

    private final long tickNanos;
    private final long originNanos;
    private final Timeout[] heads;
    private final Timeout[] tails;
    private final int mask;
    private final Consumer<RuntimeException> onTaskFailure;
    /** Every tick up to and including this one has been fired. */
    private long firedTick;
    private int pending;
    /** Due timers detached from their slot, chained through {@code next}, fired one by one. */
    private Timeout firingHead;

    /**
     * @param tickNanos     the resolution, at least 1 ms
     * @param slots         a power of two, 16..65536
     * @param originNanos   the clock reading that is tick 0 (the owner's clock, e.g. {@code System.nanoTime()})
     * @param onTaskFailure told about a task that threw; the wheel goes on with the next timer
     */
    public TimerWheel(long tickNanos, int slots, long originNanos, Consumer<RuntimeException> onTaskFailure) {
        if (tickNanos < 1_000_000L) {
            throw new IllegalArgumentException("tick must be at least 1 ms: " + tickNanos + " ns");
        }
        if (slots < 16 || slots > 65_536 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two in 16..65536: " + slots);
        }
        this.tickNanos = tickNanos;
        this.originNanos = originNanos;
        this.heads = new Timeout[slots];
        this.tails = new Timeout[slots];
        this.mask = slots - 1;
        this.onTaskFailure = onTaskFailure;
    }

    /** Runs {@code task} on the first tick at or after {@code nowNanos + delayNanos}. */
    public TimerHandle schedule(long nowNanos, long delayNanos, Runnable task) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delayNanos);
        }
        long due = nowNanos - originNanos + delayNanos;
        // Ceiling: a timer never fires before its deadline. Never in a tick already fired.
        long tick = Math.max(Math.floorDiv(due + tickNanos - 1, tickNanos), firedTick + 1);
        Timeout t = new Timeout(this, tick, task);
        int slot = (int) (tick & mask);
        Timeout tail = tails[slot];
        if (tail == null) {
            heads[slot] = t;
        } else {
            tail.next = t;
            t.prev = tail;
        }
        tails[slot] = t;
        pending++;
        return t;
    }

    /**
     * Fires every timer due at or before {@code nowNanos}, tick by tick, in deadline-tick order (timers
     * scheduled by a firing task and due by then fire in this call too). Returns how many fired.
     */
    public int advance(long nowNanos) {
        long nowTick = Math.floorDiv(nowNanos - originNanos, tickNanos);
        int fired = 0;
        while (firedTick < nowTick) {
            long tick = ++firedTick;
            if (pending == 0) {
                firedTick = nowTick; // nothing can be due: skip the empty ticks
                break;
            }
            fired += fireSlot(tick);
        }
        return fired;
    }

    private int fireSlot(long tick) {
        int slot = (int) (tick & mask);
        // Detach the due timers first, so tasks may schedule and cancel freely while they run.
        Timeout last = null;
        for (Timeout t = heads[slot]; t != null; ) {
            Timeout next = t.next;
            if (t.deadlineTick <= tick) {
                unlink(t, slot);
                t.state = Timeout.FIRING;
                if (last == null) {
                    firingHead = t;
                } else {
                    last.next = t;
                }
                last = t;
            }
            t = next;
        }
        int fired = 0;
        while (firingHead != null) {
            Timeout t = firingHead;
            firingHead = t.next;
            t.next = null;
            if (t.state != Timeout.FIRING) {
                continue; // cancelled by an earlier task of this tick
            }
            t.state = Timeout.DONE;
            fired++;
            try {
                t.task.run();
            } catch (RuntimeException e) {
                onTaskFailure.accept(e);
            }
        }
        return fired;
    }

    private void cancel(Timeout t) {
        if (t.state == Timeout.PENDING) {
            unlink(t, (int) (t.deadlineTick & mask));
        }
        t.state = Timeout.DONE;
    }

    private void unlink(Timeout t, int slot) {
        if (t.prev == null) {
            heads[slot] = t.next;
        } else {
            t.prev.next = t.next;
        }
        if (t.next == null) {
            tails[slot] = t.prev;
        } else {
            t.next.prev = t.prev;
        }
        t.prev = null;
        t.next = null;
        pending--;
    }

    /** Timers scheduled and neither fired nor cancelled. */
    public int pending() {
        return pending;
    }

    /** The clock reading at which the next tick starts (when {@link #advance} should run next). */
    public long nextTickNanos() {
        return originNanos + (firedTick + 1) * tickNanos;
    }

    public long tickNanos() {
        return tickNanos;
    }
}
