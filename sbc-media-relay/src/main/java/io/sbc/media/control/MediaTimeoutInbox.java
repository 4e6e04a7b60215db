package io.sbc.media.control;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Media timeouts on their way from the relay workers to the control thread. A worker reports a
 * silent stream on its own thread ({@code MediaTimeoutListener}, which must not block), while the
 * call state belongs to the control thread; so the report is queued here and the control thread
 * drains it in {@link NgCommandDispatcher#housekeeping()}.
 *
 * <p>Bounded ({@link #DEFAULT_CAPACITY} by default): a report that finds the inbox full is dropped and
 * counted; the call still shows the timeout to a polling controller ({@code query}: the relay's stream
 * statistics) and the next poll learns it. Pass {@code inbox::offer} as the relay's
 * {@code MediaTimeoutListener}.
 *
 * <p>Producers: relay worker threads. Consumer: the control thread.
 */
public final class MediaTimeoutInbox {
    /** Pending reports kept before new ones are dropped. */
    public static final int DEFAULT_CAPACITY = 4096;

    /** One worker report. */
    record Report(long streamId, String callId, long silentNanos) {
    }

    private final ConcurrentLinkedQueue<Report> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final int capacity;

    public MediaTimeoutInbox() {
        this(DEFAULT_CAPACITY);
    }

    public MediaTimeoutInbox(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** Any thread, never blocks. Same shape as {@code MediaTimeoutListener.onMediaTimeout}. */
    public void offer(long streamId, String callId, long silentNanos) {
        if (callId == null || size.incrementAndGet() > capacity) {
            if (callId != null) {
                size.decrementAndGet();
            }
            dropped.incrementAndGet();
            return;
        }
        queue.offer(new Report(streamId, callId, silentNanos));
    }

    /** Next report or null. Consumer thread only. */
    Report poll() {
        Report r = queue.poll();
        if (r != null) {
            size.decrementAndGet();
        }
        return r;
    }

    /** Reports dropped because the inbox was full. */
    public long dropped() {
        return dropped.get();
    }
}
