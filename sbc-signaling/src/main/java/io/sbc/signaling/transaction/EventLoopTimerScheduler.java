package io.sbc.signaling.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Ticker;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Production {@link TimerScheduler}: timers on the Netty event loop that owns the transaction layer,
 * so timer tasks run on the same thread as message handling and need no locks (style.md §3).
 *
 * <p>The timers live in a {@link TimerWheel} (10 ms tick), not in Netty's scheduled-task heap: one
 * Netty task per tick drives the wheel while any timer is pending, and none while the wheel is empty.
 * A timer fires at most one tick after its deadline, never before. Share one instance among
 * everything on a loop (the worker's transaction layers and B2BUA), so one tick drives them all.
 *
 * <p>Owner: the wrapped event loop. {@link #schedule} and {@link TimerHandle#cancel()} called from
 * another thread are handed over to it (the handle is returned at once).
 */
public final class EventLoopTimerScheduler implements TimerScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoopTimerScheduler.class);
    /** At most one failed-task log line per this many nanoseconds. */
    private static final long FAILURE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventExecutor eventLoop;
    private final Ticker clock;
    private final TimerWheel wheel;
    private final Runnable tick = this::tick;
    private boolean ticking;
    private long lastFailureLogNanos = Long.MIN_VALUE / 2;

    public EventLoopTimerScheduler(EventExecutor eventLoop) {
        this.eventLoop = Objects.requireNonNull(eventLoop, "eventLoop");
        this.clock = eventLoop.ticker();
        this.wheel = new TimerWheel(TimerWheel.DEFAULT_TICK_NANOS, TimerWheel.DEFAULT_SLOTS, clock.nanoTime(),
                this::taskFailed);
    }

    @Override
    public TimerHandle schedule(long delayMillis, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (delayMillis < 0) {
            throw new IllegalArgumentException("negative delay " + delayMillis);
        }
        if (!eventLoop.inEventLoop()) {
            return scheduleFromOutside(delayMillis, task);
        }
        TimerHandle handle = wheel.schedule(clock.nanoTime(), TimeUnit.MILLISECONDS.toNanos(delayMillis), task);
        startTicking();
        return handle;
    }

    /** A caller off the loop: the deadline counts from now; the timer joins the wheel on the loop. */
    private TimerHandle scheduleFromOutside(long delayMillis, Runnable task) {
        long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis);
        HandedOver handle = new HandedOver();
        try {
            eventLoop.execute(() -> {
                if (!handle.cancelled) {
                    handle.inner = wheel.schedule(clock.nanoTime(), Math.max(0, deadline - clock.nanoTime()), task);
                    startTicking();
                }
            });
        } catch (RejectedExecutionException e) {
            handle.cancelled = true; // the loop has shut down: nothing runs on it any more
        }
        return handle;
    }

    /** The handle of a timer scheduled off the loop; cancel is likewise handed to the loop. */
    private final class HandedOver implements TimerHandle {
        TimerHandle inner;
        boolean cancelled;

        @Override
        public void cancel() {
            if (!eventLoop.inEventLoop()) {
                try {
                    eventLoop.execute(this::cancel);
                } catch (RejectedExecutionException e) {
                    // shut down: the timer will never fire anyway
                }
                return;
            }
            cancelled = true;
            if (inner != null) {
                inner.cancel();
            }
        }
    }

    private void startTicking() {
        if (!ticking && wheel.pending() > 0) {
            ticking = true;
            scheduleTick();
        }
    }

    private void scheduleTick() {
        long delay = Math.max(0, wheel.nextTickNanos() - clock.nanoTime());
        try {
            eventLoop.schedule(tick, delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            ticking = false; // the loop is shutting down
        }
    }

    private void tick() {
        wheel.advance(clock.nanoTime());
        if (wheel.pending() > 0) {
            scheduleTick();
        } else {
            ticking = false;
        }
    }

    private void taskFailed(RuntimeException e) {
        long now = clock.nanoTime();
        if (now - lastFailureLogNanos >= FAILURE_LOG_INTERVAL_NANOS) {
            lastFailureLogNanos = now;
            LOG.error("a timer task failed: {}", e.toString());
        }
    }

    /** Timers pending on this scheduler's wheel (tests, diagnostics); call on the loop. */
    public int pendingTimers() {
        return wheel.pending();
    }

    @Override
    public boolean inOwnerThread() {
        return eventLoop.inEventLoop();
    }
}
