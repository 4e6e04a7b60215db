package io.sbc.media.relay;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The bounded many-producer/single-consumer command queue from the control layer to one worker.
 *
 * <p>Why not Agrona's {@code ManyToOneConcurrentArrayQueue}: Agrona 2.x's queues reach
 * {@code jdk.internal.misc.Unsafe} and fail to load ({@code IllegalAccessError}) unless every JVM
 * that runs the relay (tests, launcher, benchmarks) gets
 * {@code --add-exports java.base/jdk.internal.misc=ALL-UNNAMED}. This queue composes two JDK
 * lock-free structures instead, so the relay runs on a stock JVM: a {@link ConcurrentLinkedQueue}
 * (an empty poll, the worker's usual case, is one volatile read and allocates nothing) and an
 * {@link AtomicInteger} that enforces the bound. Producers allocate one node per command, which is
 * control-path only. If the flag is adopted project-wide this class can become the Agrona queue.
 *
 * <p>Producers: any thread ({@link #offer}). Consumer: the owning worker thread ({@link #drain}).
 */
final class CommandQueue {

    private final ConcurrentLinkedQueue<RelayCommand> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;

    CommandQueue(int capacity) {
        this.capacity = capacity;
    }

    /** @return false, without enqueueing, if {@code capacity} commands are already waiting */
    boolean offer(RelayCommand c) {
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        queue.offer(c);
        return true;
    }

    /** True when no command is waiting or being offered (a volatile read). */
    boolean isEmpty() {
        return size.get() == 0;
    }

    /** Hands at most {@code limit} commands to {@code handler}; returns how many. Consumer thread only. */
    int drain(Consumer<RelayCommand> handler, int limit) {
        int n = 0;
        RelayCommand c;
        while (n < limit && (c = queue.poll()) != null) {
            size.decrementAndGet();
            n++;
            handler.accept(c);
        }
        return n;
    }

    /** Removes one waiting command, or null (shutdown only). */
    RelayCommand poll() {
        RelayCommand c = queue.poll();
        if (c != null) {
            size.decrementAndGet();
        }
        return c;
    }
}
