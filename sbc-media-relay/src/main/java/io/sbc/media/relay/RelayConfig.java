package io.sbc.media.relay;

import io.sbc.media.io.DatagramTransport;
import io.sbc.media.io.DatagramTransports;
import io.sbc.media.io.NioDatagramTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * @param idle {@code hybrid} (default, {@link HybridIdleStrategy}: spin while datagrams keep coming
 *     and the worker has its core to itself, else sleep in {@code epoll_wait} until a socket is
 *     readable), {@code spin} (BusySpinIdleStrategy: a dedicated core), {@code backoff} (spin, yield,
 *     then park up to {@code backoffMaxPark}, woken by the timer, not by the packet) or {@code block}
 *     ({@link AwaitMediaIdleStrategy}: spin a few duty cycles, then sleep in the kernel until a socket
 *     is readable, as an epoll-driven relay does)
 * @param backoffMaxPark longest park of the backoff strategy (default 250 µs; it bounds the extra
 *     latency of the first packet after an idle spell); with {@code block} and {@code hybrid}, the longest wait before
 *     the worker runs a duty cycle anyway (rounded up to 1 ms), which bounds how long a control
 *     command can wait
 * @param commandQueueCapacity bound of each worker's command queue (default 1024; a full queue
 *     rejects the command, which the control layer reports as overload)
 * @param commandDrainLimit commands executed per duty cycle at most (default 16), so control bursts
 *     cannot starve packets
 * @param receiveBatch datagrams read from one ready socket per duty cycle at most (default 32), so one
 *     flooding peer cannot starve the others
 * @param mediaTimeout no media from either peer for this long marks the stream dead (default 60 s)
 * @param learningWindow endpoint-learning window of {@code delayed}/{@code heuristic} (default 3 s)
 * @param timeoutCheckInterval how often the worker scans for media timeouts (default 1 s)
 * @param transport the socket layer (default {@link DatagramTransports#preferred()}: NIO with kernel
 *     receive timestamps when libsbcnative.so is loaded, else the pure-Java {@link NioDatagramTransport});
 *     kernel timestamps are on {@link System#nanoTime()}'s clock, so pair them only with {@code clock}s
 *     on that clock (the default) or with transports that have none
 * @param clock the worker's time source, read once per duty cycle (tests pass a controllable one)
 * @param workerCpus CPUs to pin the workers to, worker {@code i} on {@code workerCpus[i % size]}
 *     (default empty: no pinning). Pinning needs libsbcnative.so; without it each worker logs that it
 *     is not pinned and runs anyway. Meant for {@code spin} workers on isolated cores
 *     ({@code ops/sbc relay --cpus 1,2})
 * @param connectPeers {@code connect(2)} each relay socket to its peer once the latch is confirmed
 *     with strict source (default false; {@code ops/sbc relay --connect-peers}). Sends then skip the
 *     kernel's route lookup per datagram (about 10 % less CPU per relayed packet over loopback, see
 *     bench/results/media.md). The price: the kernel itself drops datagrams from any other source, so
 *     they are not counted as {@link DropReason#SOURCE_MISMATCH}, and it answers them with ICMP port
 *     unreachable. Socket layers that cannot connect (the pure-Java NIO one) ignore it
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
        NanoClock clock,
        List<Integer> workerCpus,
        boolean connectPeers) {

    /** Highest CPU number accepted for pinning (the native call takes up to CPU_SETSIZE - 1). */
    public static final int MAX_CPU = 1023;

    /** The settings without CPU pinning (the constructor before {@code workerCpus} existed). */
    public RelayConfig(int workers, String idle, Duration backoffMaxPark, int commandQueueCapacity,
            int commandDrainLimit, int receiveBatch, Duration mediaTimeout, Duration learningWindow,
            Duration timeoutCheckInterval, DatagramTransport transport, NanoClock clock) {
        this(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch, mediaTimeout,
                learningWindow, timeoutCheckInterval, transport, clock, List.of(), false);
    }

    /** The settings without connected peers (the constructor before {@code connectPeers} existed). */
    public RelayConfig(int workers, String idle, Duration backoffMaxPark, int commandQueueCapacity,
            int commandDrainLimit, int receiveBatch, Duration mediaTimeout, Duration learningWindow,
            Duration timeoutCheckInterval, DatagramTransport transport, NanoClock clock, List<Integer> workerCpus) {
        this(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch, mediaTimeout,
                learningWindow, timeoutCheckInterval, transport, clock, workerCpus, false);
    }

    public RelayConfig {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be 1..64: " + workers);
        }
        if (!"spin".equals(idle) && !"backoff".equals(idle) && !"block".equals(idle) && !"hybrid".equals(idle)) {
            throw new IllegalArgumentException("idle must be hybrid, spin, backoff or block: " + idle);
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
        workerCpus = List.copyOf(Objects.requireNonNull(workerCpus, "workerCpus"));
        for (int cpu : workerCpus) {
            if (cpu < 0 || cpu > MAX_CPU) {
                throw new IllegalArgumentException("workerCpus entries must be 0.." + MAX_CPU + ": " + cpu);
            }
        }
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    /** The documented defaults. */
    public static RelayConfig defaults() {
        return new RelayConfig(1, "hybrid", Duration.ofNanos(250_000), 1024, 16, 32, Duration.ofSeconds(60),
                Duration.ofSeconds(3), Duration.ofSeconds(1), DatagramTransports.preferred(), new SystemNanoClock(),
                List.of(), false);
    }

    public RelayConfig withWorkers(int n) {
        return new RelayConfig(n, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock, workerCpus, connectPeers);
    }

    public RelayConfig withIdle(String strategy) {
        return new RelayConfig(workers, strategy, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock, workerCpus, connectPeers);
    }

    public RelayConfig withMediaTimeout(Duration timeout, Duration checkInterval) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                timeout, learningWindow, checkInterval, transport, clock, workerCpus, connectPeers);
    }

    public RelayConfig withLearningWindow(Duration window) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, window, timeoutCheckInterval, transport, clock, workerCpus, connectPeers);
    }

    public RelayConfig withCommandQueue(int capacity, int drainLimit) {
        return new RelayConfig(workers, idle, backoffMaxPark, capacity, drainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock, workerCpus, connectPeers);
    }

    public RelayConfig withClock(NanoClock nanoClock) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, nanoClock, workerCpus, connectPeers);
    }

    public RelayConfig withTransport(DatagramTransport t) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, t, clock, workerCpus, connectPeers);
    }

    /** Pins worker {@code i} to {@code cpus[i % size]}; an empty list turns pinning off. */
    public RelayConfig withWorkerCpus(List<Integer> cpus) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock, cpus, connectPeers);
    }

    /** Connects relay sockets to their strictly latched peers (see {@code connectPeers}). */
    public RelayConfig withConnectPeers(boolean connect) {
        return new RelayConfig(workers, idle, backoffMaxPark, commandQueueCapacity, commandDrainLimit, receiveBatch,
                mediaTimeout, learningWindow, timeoutCheckInterval, transport, clock, workerCpus, connect);
    }

    /** The CPU worker {@code index} is pinned to, or -1 when pinning is off. */
    public int cpuForWorker(int index) {
        return workerCpus.isEmpty() ? -1 : workerCpus.get(index % workerCpus.size());
    }

    /**
     * Parses a CPU list as {@code taskset -c} and {@code --cpus} take it: {@code "1,2"}, {@code "2-5"},
     * {@code "0,4-6"}; blank means none.
     *
     * @throws IllegalArgumentException naming the bad element
     */
    public static List<Integer> parseCpuList(String text) {
        List<Integer> cpus = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return cpus;
        }
        for (String part : text.split(",")) {
            String p = part.trim();
            int dash = p.indexOf('-');
            try {
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash).trim());
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1).trim());
                if (from < 0 || to < from || to > MAX_CPU) {
                    throw new IllegalArgumentException("bad CPU range '" + p + "' (CPUs are 0.." + MAX_CPU + ")");
                }
                for (int c = from; c <= to; c++) {
                    cpus.add(c);
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad CPU '" + p + "' in CPU list '" + text + "'");
            }
        }
        return cpus;
    }

    /**
     * A fresh idle strategy instance for one worker (strategies keep per-thread state). For
     * {@code block} and {@code hybrid} this is the backoff strategy: waiting on the sockets needs the
     * worker, which {@link MediaRelay} wires itself.
     */
    public IdleStrategy newIdleStrategy() {
        return "spin".equals(idle) ? new BusySpinIdleStrategy()
                : new BackoffIdleStrategy(100, 100, 1_000, backoffMaxPark.toNanos());
    }
}
