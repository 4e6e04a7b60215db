package io.sbc.signaling.transaction;

import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link TimerScheduler} on virtual time, for tests of anything built on the transaction layer
 * (transactions, dialogs, B2BUA legs): time moves only when {@link #advance(Duration)} is called,
 * and due timers fire in deadline order (ties in scheduling order), each seeing {@link #nowMillis()}
 * equal to its own deadline. No sleeping, fully deterministic.
 *
 * <p>Owned by the thread that created it; {@link #inOwnerThread()} reports that thread.
 */
public final class VirtualScheduler implements TimerScheduler {

    private static final class Entry implements TimerHandle, Comparable<Entry> {
        final long dueMillis;
        final long sequence;
        final Runnable task;
        boolean cancelled;

        Entry(long dueMillis, long sequence, Runnable task) {
            this.dueMillis = dueMillis;
            this.sequence = sequence;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Entry o) {
            int byDue = Long.compare(dueMillis, o.dueMillis);
            return byDue != 0 ? byDue : Long.compare(sequence, o.sequence);
        }
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private final Thread owner = Thread.currentThread();
    private long nowMillis;
    private long nextSequence;

    @Override
    public TimerHandle schedule(long delayMillis, Runnable task) {
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis);
        }
        Entry entry = new Entry(nowMillis + delayMillis, nextSequence++, task);
        queue.add(entry);
        return entry;
    }

    @Override
    public boolean inOwnerThread() {
        return Thread.currentThread() == owner;
    }

    /** Virtual milliseconds since creation. */
    public long nowMillis() {
        return nowMillis;
    }

    /**
     * Moves time forward by {@code duration}, firing every timer that falls due on the way (including
     * timers scheduled by fired tasks), and returns how many fired.
     */
    public int advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go back: " + duration);
        }
        long target = nowMillis + duration.toMillis();
        int fired = 0;
        while (!queue.isEmpty() && queue.peek().dueMillis <= target) {
            Entry entry = queue.poll();
            if (entry.cancelled) {
                continue;
            }
            nowMillis = entry.dueMillis;
            entry.task.run();
            fired++;
        }
        nowMillis = target;
        return fired;
    }

    /** Moves time to the next pending timer and fires every timer due at that instant; returns how many fired (0 when none is pending). */
    public int advanceToNextTimer() {
        purgeCancelled();
        if (queue.isEmpty()) {
            return 0;
        }
        return advance(Duration.ofMillis(queue.peek().dueMillis - nowMillis));
    }

    /** Timers scheduled and neither fired nor cancelled. */
    public int pendingTimers() {
        purgeCancelled();
        int pending = 0;
        for (Entry e : queue) {
            if (!e.cancelled) {
                pending++;
            }
        }
        return pending;
    }

    private void purgeCancelled() {
        while (!queue.isEmpty() && queue.peek().cancelled) {
            queue.poll();
        }
    }
}
