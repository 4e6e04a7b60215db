package io.sbc.media.relay;

import org.agrona.concurrent.IdleStrategy;

/**
 * The {@code block} idle strategy of a relay worker: after {@code spinCycles} duty cycles in a row
 * without work, the worker sleeps in the kernel on its own sockets ({@link RelayWorker#awaitMedia},
 * i.e. {@code epoll_wait} on the worker's set) until a datagram arrives or {@code maxBlockNanos}
 * pass, and the next duty cycle relays what woke it.
 *
 * <p>Why: a worker that spins ({@code spin}) owns its core only when nothing else wants it. On a
 * core it shares (other JVM threads, other processes), the scheduler charges the spin as CPU use, so
 * the worker waits behind the other runnable tasks for its next turn, and every datagram that arrives
 * meanwhile waits too: milliseconds, measured in bench/results/media.md. A thread that sleeps in
 * {@code epoll_wait} is woken by the packet's arrival and, having used little CPU, runs promptly, which
 * is how rtpengine and the C forwarder behave. {@code backoff} parks blind (up to 250 µs) and is
 * woken by the timer, not by the packet. The short spin first keeps a busy worker from paying a sleep
 * and a wake-up per packet: at a high packet rate it never sleeps.
 *
 * <p>Owner: the worker's agent thread (like every {@link IdleStrategy}).
 */
final class AwaitMediaIdleStrategy implements IdleStrategy {

    /**
     * Empty duty cycles before sleeping. One empty cycle is about a microsecond (one non-blocking
     * poll), so this spins some 50 to 100 µs: about one packet interval of a worker at 10,000-20,000
     * packets/s, below which waking per packet costs less than spinning.
     */
    static final int SPIN_CYCLES = 64;

    private final RelayWorker worker;
    private final int spinCycles;
    private final long maxBlockNanos;
    private int idleCycles;

    AwaitMediaIdleStrategy(RelayWorker worker, int spinCycles, long maxBlockNanos) {
        if (spinCycles < 0 || maxBlockNanos <= 0) {
            throw new IllegalArgumentException("spinCycles >= 0 and maxBlockNanos > 0 required");
        }
        this.worker = worker;
        this.spinCycles = spinCycles;
        this.maxBlockNanos = maxBlockNanos;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            idleCycles = 0;
        } else {
            idle();
        }
    }

    @Override
    public void idle() {
        if (idleCycles < spinCycles) {
            idleCycles++;
            Thread.onSpinWait();
        } else {
            worker.awaitMedia(maxBlockNanos);
        }
    }

    @Override
    public void reset() {
        idleCycles = 0;
    }

    @Override
    public String alias() {
        return "await-media";
    }
}
