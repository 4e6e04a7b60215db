package io.sbc.media.relay;

import org.agrona.concurrent.IdleStrategy;

/**
 * The {@code hybrid} idle strategy of a relay worker (the default): spin while datagrams keep
 * coming and the worker has its core to itself, sleep in the kernel on the worker's sockets
 * ({@link RelayWorker#awaitMedia}, {@code epoll_wait}) otherwise.
 *
 * <p>Two rules, both timed on the worker's own duty-cycle clock ({@link RelayWorker#cycleStartNanos},
 * read once per cycle anyway), so the strategy reads no clock of its own:
 * <ol>
 *   <li><b>Spin window.</b> After the last cycle with work the worker spins for {@code spinWindowNanos}
 *   (default {@value #SPIN_WINDOW_NANOS} ns), then blocks until a socket is readable. A wake-up from
 *   {@code epoll_wait} costs some 50 µs on the benchmark VM (bench/results/media.md: p50 70 µs with
 *   {@code block} against 22 µs spinning), so while datagrams arrive closer together than the window
 *   (a worker with some 40 calls or more at 20 ms packetisation, or a generator's 250 µs send slots)
 *   spinning is both faster and not much dearer; a worker with a few calls sleeps between packets.</li>
 *   <li><b>Contention.</b> Two consecutive duty cycles, the first without work, normally start a
 *   microsecond or two apart. When they start more than {@code preemptedNanos} (default
 *   {@value #PREEMPTED_NANOS} ns) apart, the thread was runnable but not running: the scheduler gave
 *   its core to another task (another JVM thread, another process). A spinning thread on a shared
 *   core uses up its fair share and then waits a whole slice (milliseconds) behind the others while
 *   datagrams queue in the socket buffers; a thread that sleeps in {@code epoll_wait} has used little
 *   and is run promptly when the datagram wakes it, which is how rtpengine behaves. So for a hold
 *   after such a gap the worker blocks as soon as a cycle finds nothing, then tries spinning again.
 *   The hold starts at {@value #MIN_HOLD_NANOS} ns and doubles, up to {@code contendedHoldNanos}
 *   (default {@value #CONTENDED_HOLD_NANOS} ns), while the core is taken again within one hold
 *   after the last one ended; a lone gap (another task's short burst on an otherwise quiet core)
 *   therefore costs the short hold only, measured: a fixed 1 s hold cost a near-quiet core a p50 of
 *   49 µs against 18 µs spinning, since a few such gaps a second kept the worker blocking.</li>
 * </ol>
 * Where it blocks depends on whether media flows: within {@value #MEDIA_QUIET_NANOS} ns of the last
 * datagram it waits in {@code epoll_wait} (woken by the next datagram); after that, or before the
 * first, it parks for at most {@code maxBlockNanos} and is woken at once by a control command
 * ({@link RelayWorker#parkForCommands}). {@code epoll_wait} is not woken by commands and waits whole
 * milliseconds, and the ng {@code delete} of a call waits on the worker for its final figures: at
 * 1,050 anchored calls/s with no RTP (the SIP benchmark) those waits filled the control thread and
 * calls failed with "relay timeout".
 * At a packet rate where every cycle has work neither rule applies: the worker never idles.
 *
 * <p>Owner: the worker's agent thread (like every {@link IdleStrategy}). Allocates nothing.
 */
final class HybridIdleStrategy implements IdleStrategy {

    /** Default spin window: longer than the gaps between the packets of a worker carrying ~40 calls. */
    static final long SPIN_WINDOW_NANOS = 300_000L;
    /**
     * Default gap between an empty cycle and the next that counts as losing the core: below a
     * scheduler slice of another task (EEVDF base slice 0.75 ms times 1 + log2 of the CPU count),
     * above most of the JVM's own stops (safepoints of 40-440 µs in the relay, -Xlog:safepoint; a
     * longer one only costs one contended hold).
     */
    static final long PREEMPTED_NANOS = 500_000L;
    /** Longest time the worker blocks at once when idle after losing its core (the hold's cap). */
    static final long CONTENDED_HOLD_NANOS = 1_000_000_000L;
    /** First hold after a lone gap. */
    static final long MIN_HOLD_NANOS = 10_000_000L;
    /** No datagram for this long: media is not flowing, so idle waits are parks woken by commands. */
    static final long MEDIA_QUIET_NANOS = 50_000_000L;

    private final RelayWorker worker;
    private final long spinWindowNanos;
    private final long preemptedNanos;
    private final long contendedHoldNanos;
    private final long maxBlockNanos;
    /** Start of the last cycle that had work. */
    private long lastWorkNanos;
    /** Start of the previous cycle, when it was an empty spinning one; else {@link #NONE}. */
    private long lastEmptySpinNanos = NONE;
    /** Until when an idle worker blocks at once (contention seen). */
    private long contendedUntilNanos = NONE;
    /** Length of the current (or last) hold. */
    private long holdNanos;
    private boolean everWorked;
    private long preemptions;
    private long blocks;
    private long parks;

    private static final long NONE = Long.MIN_VALUE;

    HybridIdleStrategy(RelayWorker worker, long spinWindowNanos, long preemptedNanos, long contendedHoldNanos,
            long maxBlockNanos) {
        if (spinWindowNanos < 0 || preemptedNanos <= 0 || contendedHoldNanos < 0 || maxBlockNanos <= 0) {
            throw new IllegalArgumentException("spinWindowNanos >= 0, preemptedNanos > 0, contendedHoldNanos >= 0 "
                    + "and maxBlockNanos > 0 required");
        }
        this.worker = worker;
        this.spinWindowNanos = spinWindowNanos;
        this.preemptedNanos = preemptedNanos;
        this.contendedHoldNanos = contendedHoldNanos;
        this.maxBlockNanos = maxBlockNanos;
        this.holdNanos = Math.min(MIN_HOLD_NANOS, contendedHoldNanos);
    }

    /** The defaults above, blocking at most {@code maxBlockNanos} at a time. */
    static HybridIdleStrategy withDefaults(RelayWorker worker, long maxBlockNanos) {
        return new HybridIdleStrategy(worker, SPIN_WINDOW_NANOS, PREEMPTED_NANOS, CONTENDED_HOLD_NANOS, maxBlockNanos);
    }

    @Override
    public void idle(int workCount) {
        long now = worker.cycleStartNanos();
        if (lastEmptySpinNanos != NONE && now - lastEmptySpinNanos > preemptedNanos) {
            preemptions++;
            // taken again within one hold of the last hold's end: contention persists, hold longer
            boolean again = contendedUntilNanos != NONE && now - contendedUntilNanos < holdNanos;
            holdNanos = again ? Math.min(holdNanos * 2, contendedHoldNanos) : Math.min(MIN_HOLD_NANOS, contendedHoldNanos);
            contendedUntilNanos = now + holdNanos;
        }
        if (workCount > 0) {
            lastWorkNanos = now;
            everWorked = true;
            lastEmptySpinNanos = NONE; // a cycle with work may take long by itself: not a gap
            return;
        }
        boolean contended = contendedUntilNanos != NONE && now - contendedUntilNanos < 0;
        if (contended || !everWorked || now - lastWorkNanos >= spinWindowNanos) {
            lastEmptySpinNanos = NONE; // the sleep is not a gap either
            blocks++;
            if (!everWorked || now - lastWorkNanos >= MEDIA_QUIET_NANOS) {
                parks++;
                worker.parkForCommands(maxBlockNanos);
            } else {
                worker.awaitMedia(maxBlockNanos);
            }
        } else {
            lastEmptySpinNanos = now;
            Thread.onSpinWait();
        }
    }

    @Override
    public void idle() {
        Thread.onSpinWait();
    }

    @Override
    public void reset() {
        lastEmptySpinNanos = NONE;
        everWorked = false;
    }

    /** Gaps seen that started a contended spell (owner thread; tests and diagnostics). */
    long preemptions() {
        return preemptions;
    }

    /** Length of the current or last contended hold (owner thread; tests). */
    long holdNanos() {
        return holdNanos;
    }

    /** Blocks that were parks woken by commands, media being quiet (owner thread; tests and diagnostics). */
    long parks() {
        return parks;
    }

    /** Times the worker went to block (owner thread; tests and diagnostics). */
    long blocks() {
        return blocks;
    }

    @Override
    public String alias() {
        return "hybrid";
    }
}
