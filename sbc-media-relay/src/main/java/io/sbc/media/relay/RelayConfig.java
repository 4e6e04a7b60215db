package io.sbc.media.relay;

import io.sbc.media.io.DatagramTransport;
import io.sbc.media.io.NioDatagramTransport;
import java.time.Duration;
import java.util.Objects;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

/**
 * The relay's packet-path settings, validated at construction (all cross-field checks happen
 * before any thread starts).
 *
 * @param workers number of worker threads, 1–64 (default 1); a call's streams all live on one worker
 * @param idle {@code spin} (BusySpinIdleStrategy: a dedicated core, lowest latency) or
 *     {@code backoff} (default: spin, yield, then park up to {@code backoffMaxPark}, so an idle box
 *     does not burn a core)
 * @param backoffMaxPark longest park of the backoff strategy (default 250 µs; it bounds the extra
 *     latency of the first packet after an idle spell)
 * @param commandQueueCapacity bound of each worker's command queue (default 1024; a full queue
 *     rejects the command, which the control layer reports as overload)
 * @param commandDrainLimit commands executed per duty cycle at most (default 16), so control bursts
 *     cannot starve packets
 * @param receiveBatch datagrams read from one ready socket per duty cycle at most (default 32), so one
 *     flooding peer cannot starve the others
 * @param mediaTimeout no media from either peer for this long marks the stream dead (default 60 s)
 * @param learningWindow endpoint-learning window of {@code delayed}/{@code heuristic} (default 3 s)
 * @param timeoutCheckInterval how often the worker scans for media timeouts (default 1 s)
 * @param transport the socket layer (default {@link NioDatagramTransport}, pure Java)
 * @param clock the worker's time source, read once per duty cycle (tests pass a controllable one)
 */
public record RelayConfig(
        int workers,
        String idle,
        Duration backoffMaxPark,
        int commandQueueCapacity,
        int commandDrainLimit,
        int receiveBatch,
        Duration mediaTimeout,
        Duration learningWindow,
        Duration timeoutCheckInterval,
        DatagramTransport transport,
        NanoClock clock) {

    public RelayConfig {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be 1..64: " + workers);
        }
        if (!"spin".equals(idle) && !"backoff".equals(idle)) {
            throw new IllegalArgumentException("idle must be spin or backoff: " + idle);
        }
        requirePositive(backoffMaxPark, "backoffMaxPark");
        if (commandQueueCapacity < 2 || commandQueueCapacity > 1 << 20) {
            throw new IllegalArgumentException("commandQueueCapacity must be 2..1048576: " + commandQueueCapacity);
        }
        if (commandDrainLimit < 1 || commandDrainLimit > commandQueueCapacity) {
            throw new IllegalArgumentException("commandDrainLimit must be 1..commandQueueCapacity: " + commandDrainLimit);
        }
        if (receiveBatch < 1 || receiveBatch > 1024) {
            throw new IllegalArgumentException("receiveBatch must be 1..1024: " + receiveBatch);
        }
        requirePositive(mediaTimeout, "mediaTimeout");
        Objects.requireNonNull(learningWindow, "learningWindow");
        requirePositive(timeoutCheckInterval, "timeoutCheckInterval");
        if (timeoutCheckInterval.compareTo(mediaTimeout) > 0) {
            throw new IllegalArgumentException("timeoutCheckInterval must not exceed mediaTimeout");
        }
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(clock, "clock");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** The documented defaults. */
    public static RelayConfig defaults() {
        return new RelayConfig(1, "backoff", Duration.ofNanos(250_000), 1024, 16, 32, Duration.ofSeconds(60),
                Duration.ofSeconds(3), Duration.ofSeconds(1), new NioDatagramTransport(), new SystemNanoClock());
    }

    public RelayConfig withWorkers(int n) {
        return new RelayConfig(n, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock);
    }

    public RelayConfig withIdle(String strategy) {
        return new RelayConfig(workers, strategy, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock);
    }

    public RelayConfig withMediaTimeout(Duration timeout, Duration checkInterval) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                timeout, learningWindow, checkInterval, transport, clock);
    }

    public RelayConfig withLearningWindow(Duration window) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, window, timeoutCheckInterval, transport, clock);
    }

    public RelayConfig withCommandQueue(int capacity, int drainLimit) {
        return new RelayConfig(workers, idle, backoffMaxPark, capacity, drainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock);
    }

    public RelayConfig withClock(NanoClock nanoClock) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, nanoClock);
    }

    public RelayConfig withTransport(DatagramTransport t) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, t, clock);
    }

    /** A fresh idle strategy instance for one worker (strategies keep per-thread state). */
    public IdleStrategy newIdleStrategy() {
        return "spin".equals(idle) ? new BusySpinIdleStrategy()
                : new BackoffIdleStrategy(100, 100, 1_000, backoffMaxPark.toNanos());
    }
}
