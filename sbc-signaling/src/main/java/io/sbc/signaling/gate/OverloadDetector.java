package io.sbc.signaling.gate;

import io.netty.channel.EventLoop;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Overload control (issue #6): measures each event loop's lag by scheduling a tick every
 * {@code tick} and measuring how late it runs. Netty moves due scheduled tasks into the loop's task
 * queue, so the lateness includes both time stuck in long I/O batches and queueing delay behind
 * handed-over work.
 *
 * <p>Hysteresis: a loop enters overload when {@code enterTicks} consecutive ticks (default 3) are
 * each at least {@code enterLag} late (default 100 ms): the loop has been behind for a sustained
 * period, not merely paused once (a GC or JIT pause, a scheduler hiccup on a busy host: refusing
 * calls for those would turn a 100 ms blip into a second of 503s). It leaves only after every tick
 * for {@code calmFor} (default 1 s) was under {@code exitLag} (default 20 ms). Two late ticks in a
 * row also enter when one of them is at least five times {@code enterLag} late (500 ms): Netty runs
 * the tasks already queued before the next scheduled one, so a long backlog shows as one very late
 * tick, and the next tick being late too tells the backlog from a one-off stall that is already
 * over (the host descheduling the VM, a long GC, a first call's class loading): refusing calls
 * after such a stall would only add seconds of 503s once the loop is on time again.
 * {@link #refuseNewWork()} is true while any loop is overloaded:
 * new INVITEs and REGISTERs are answered 503 + Retry-After; requests inside dialogs (ACK, BYE,
 * re-INVITE: those with a To tag) and responses are always served, so calls in progress end cleanly.
 *
 * <p>Each episode is logged when it starts (WARN, with the lag that started it) and when it ends
 * (INFO, with its length and worst lag): an operator whose calls got 503s can tell overload control
 * from a limit or a gateway's answer. Hysteresis bounds this to one pair of lines per episode, at
 * most about one episode a second per loop.
 *
 * <p>Threading: each loop's tick writes only its own slot; {@link #refuseNewWork()} reads from any
 * thread (a few volatile reads, no lock, no allocation).
 */
public final class OverloadDetector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OverloadDetector.class);
    public static final Duration DEFAULT_TICK = Duration.ofMillis(50);
    public static final Duration DEFAULT_ENTER_LAG = Duration.ofMillis(100);
    public static final Duration DEFAULT_EXIT_LAG = Duration.ofMillis(20);
    public static final Duration DEFAULT_CALM_FOR = Duration.ofSeconds(1);
    public static final int DEFAULT_ENTER_TICKS = 3;
    /** A late tick this many times {@code enterLag} late (500 ms by default) shortens the streak needed to two. */
    static final int SEVERE_FACTOR = 5;

    private final long tickNs;
    private final long enterLagNs;
    private final long exitLagNs;
    private final long calmForNs;
    private final int enterTicks;
    private final int[] lateStreak;
    /** Per loop: the largest lag in the current streak of late ticks. */
    private final long[] streakMaxLagNs;
    private final LongSupplier clock;
    private final AtomicIntegerArray overloaded;
    private final AtomicLongArray lastLagNs;
    private final long[] calmSince;
    /** Per loop: when its current episode started and its worst lag so far (for the closing line). */
    private final long[] episodeStart;
    private final long[] episodeMaxLagNs;
    private volatile boolean closed;
    private volatile long episodes;

    public OverloadDetector(int loops, Duration tick, Duration enterLag, Duration exitLag, Duration calmFor,
            LongSupplier nanoClock) {
        this(loops, tick, enterLag, exitLag, calmFor, DEFAULT_ENTER_TICKS, nanoClock);
    }

    public OverloadDetector(int loops, Duration tick, Duration enterLag, Duration exitLag, Duration calmFor,
            int enterTicks, LongSupplier nanoClock) {
        if (loops < 1 || exitLag.compareTo(enterLag) > 0 || tick.isNegative() || tick.isZero() || enterTicks < 1) {
            throw new IllegalArgumentException(
                    "overload detector: loops >= 1, tick > 0, exitLag <= enterLag, enterTicks >= 1");
        }
        this.enterTicks = enterTicks;
        this.lateStreak = new int[loops];
        this.streakMaxLagNs = new long[loops];
        this.tickNs = tick.toNanos();
        this.enterLagNs = enterLag.toNanos();
        this.exitLagNs = exitLag.toNanos();
        this.calmForNs = calmFor.toNanos();
        this.clock = nanoClock;
        this.overloaded = new AtomicIntegerArray(loops);
        this.lastLagNs = new AtomicLongArray(loops);
        this.calmSince = new long[loops];
        this.episodeStart = new long[loops];
        this.episodeMaxLagNs = new long[loops];
    }

    /** A detector with the documented defaults, ticking on every loop. */
    public static OverloadDetector start(List<? extends EventLoop> loops) {
        OverloadDetector d = new OverloadDetector(loops.size(), DEFAULT_TICK, DEFAULT_ENTER_LAG, DEFAULT_EXIT_LAG,
                DEFAULT_CALM_FOR, System::nanoTime);
        for (int i = 0; i < loops.size(); i++) {
            d.schedule(loops.get(i), i);
        }
        return d;
    }

    private void schedule(EventLoop loop, int index) {
        if (closed || loop.isShuttingDown()) {
            return;
        }
        long expected = clock.getAsLong() + tickNs;
        loop.schedule(() -> {
            onTick(index, clock.getAsLong() - expected, clock.getAsLong());
            schedule(loop, index);
        }, tickNs, TimeUnit.NANOSECONDS);
    }

    /** One tick of loop {@code index} ran {@code lagNs} late (called on that loop; tests call it directly). */
    void onTick(int index, long lagNs, long now) {
        lastLagNs.set(index, lagNs);
        if (overloaded.get(index) == 0) {
            if (lagNs >= enterLagNs) {
                lateStreak[index]++;
                streakMaxLagNs[index] = Math.max(streakMaxLagNs[index], lagNs);
            } else {
                lateStreak[index] = 0;
                streakMaxLagNs[index] = 0;
            }
            boolean severe = lateStreak[index] >= 2 && streakMaxLagNs[index] >= SEVERE_FACTOR * enterLagNs;
            if (lateStreak[index] >= enterTicks || severe) {
                int streak = lateStreak[index];
                long worst = streakMaxLagNs[index];
                overloaded.set(index, 1);
                calmSince[index] = 0;
                lateStreak[index] = 0;
                streakMaxLagNs[index] = 0;
                episodeStart[index] = now;
                episodeMaxLagNs[index] = worst;
                episodes++;
                LOG.warn("overload: event loop {} ({}) is {} ms behind ({}): new INVITEs and REGISTERs get 503 "
                        + "until every tick for {} ms is under {} ms late", index, Thread.currentThread().getName(),
                        lagNs / 1_000_000,
                        streak >= enterTicks ? streak + " ticks in a row at least " + enterLagNs / 1_000_000 + " ms late"
                                : "2 ticks in a row late, one of them at least " + SEVERE_FACTOR * enterLagNs / 1_000_000
                                        + " ms",
                        calmForNs / 1_000_000, exitLagNs / 1_000_000);
            }
            return;
        }
        if (lagNs > episodeMaxLagNs[index]) {
            episodeMaxLagNs[index] = lagNs;
        }
        if (lagNs >= exitLagNs) {
            calmSince[index] = 0;
        } else if (calmSince[index] == 0) {
            calmSince[index] = now;
        } else if (now - calmSince[index] >= calmForNs) {
            overloaded.set(index, 0);
            LOG.info("overload over: event loop {} ({}) calm again after {} ms in overload (worst lag {} ms)", index,
                    Thread.currentThread().getName(), (now - episodeStart[index]) / 1_000_000,
                    episodeMaxLagNs[index] / 1_000_000);
        }
    }

    /** True while any loop lags: refuse new INVITE/REGISTER with 503 + Retry-After. */
    public boolean refuseNewWork() {
        for (int i = 0; i < overloaded.length(); i++) {
            if (overloaded.get(i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The last measured lag of a loop, in nanoseconds. */
    public long lagNs(int loop) {
        return lastLagNs.get(loop);
    }

    /** Largest last-measured lag over the loops (for the gauge). */
    public long maxLastLagNs() {
        long m = 0;
        for (int i = 0; i < lastLagNs.length(); i++) {
            m = Math.max(m, lastLagNs.get(i));
        }
        return m;
    }

    /** How many times a loop entered overload. */
    public long episodes() {
        return episodes;
    }

    @Override
    public void close() {
        closed = true;
    }
}
