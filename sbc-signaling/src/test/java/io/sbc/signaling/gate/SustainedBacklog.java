package io.sbc.signaling.gate;

import io.netty.channel.EventLoop;

import java.util.concurrent.TimeUnit;

/**
 * Test load for overload detection: keeps an event loop busy 240 ms of every 250 ms for a while,
 * so that every tick of the {@link OverloadDetector} runs behind (a backlog that lasts), unlike one
 * long stall that is over by the next tick. The busy task reschedules itself on the loop 10 ms
 * after it ends, so the pattern does not depend on another thread's timing.
 */
public final class SustainedBacklog {
    private static final long BUSY_NS = TimeUnit.MILLISECONDS.toNanos(240);

    private SustainedBacklog() {}

    /** Starts the load on {@code loop}; it stops by itself after {@code millis}. */
    public static void start(EventLoop loop, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        loop.execute(new Runnable() {
            @Override
            public void run() {
                long stop = System.nanoTime() + BUSY_NS;
                while (System.nanoTime() < stop) {
                    Thread.onSpinWait();
                }
                if (System.nanoTime() < end) {
                    loop.schedule(this, 10, TimeUnit.MILLISECONDS);
                }
            }
        });
    }
}
