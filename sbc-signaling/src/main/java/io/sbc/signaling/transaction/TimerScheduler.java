package io.sbc.signaling.transaction;

/**
 * The clock of a {@link TransactionLayer}: runs tasks after a delay, on the layer's owner thread.
 *
 * <p>Production: {@link EventLoopTimerScheduler} on the Netty event loop that owns the layer. Tests:
 * {@link VirtualScheduler}, advanced by hand so timers fire in order without sleeping.
 */
public interface TimerScheduler {

    /**
     * Runs {@code task} once, {@code delayMillis} from now, on the owner thread.
     * Must be called on the owner thread.
     */
    TimerHandle schedule(long delayMillis, Runnable task);

    /** True when the calling thread is the single thread that owns the scheduler (and the layer using it). */
    boolean inOwnerThread();
}
