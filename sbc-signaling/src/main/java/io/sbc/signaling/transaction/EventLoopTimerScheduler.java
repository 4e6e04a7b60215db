package io.sbc.signaling.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Production {@link TimerScheduler}: timers on the Netty event loop that owns the transaction layer,
 * so timer tasks run on the same thread as message handling and need no locks (style.md §3).
 *
 * <p>Immutable; the wrapped executor is the owner.
 */
public final class EventLoopTimerScheduler implements TimerScheduler {

    private final EventExecutor eventLoop;

    public EventLoopTimerScheduler(EventExecutor eventLoop) {
        this.eventLoop = Objects.requireNonNull(eventLoop, "eventLoop");
    }

    @Override
    public TimerHandle schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> future = eventLoop.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public boolean inOwnerThread() {
        return eventLoop.inEventLoop();
    }
}
