package io.sbc.media.relay;

import org.agrona.concurrent.IdleStrategy;

/**
 * The idle strategy of one relay worker: the configured strategy ({@code spin} or {@code backoff})
 * while the worker owns streams, and a real sleep while it owns none.
 *
 * <p>Why: with no stream there is no packet to wait for, yet the backoff strategy still wakes every
 * {@code backoffMaxPark} (250 µs): about 4,000 wake-ups a second, measured at 7 to 9% of a core on an
 * idle SBC whose trunks all bypass media. The only event that can give an empty worker work is a
 * control command, and {@link RelayWorker#submit} wakes a sleeping worker, so sleeping costs no
 * latency; the sleep is still bounded ({@link #EMPTY_SLEEP_NANOS}) so that a lost wake-up can only
 * delay a command, never stall it.
 *
 * <p>Owner: the worker's agent thread (like every {@link IdleStrategy}).
 */
final class SleepWhenEmptyIdleStrategy implements IdleStrategy {

    /** Longest sleep of a worker without streams. */
    static final long EMPTY_SLEEP_NANOS = 50_000_000L;

    private final RelayWorker worker;
    private final IdleStrategy whenBusy;

    SleepWhenEmptyIdleStrategy(RelayWorker worker, IdleStrategy whenBusy) {
        this.worker = worker;
        this.whenBusy = whenBusy;
    }

    @Override
    public void idle(int workCount) {
        if (workCount > 0) {
            whenBusy.idle(workCount);
        } else if (worker.sleepWhileEmpty(EMPTY_SLEEP_NANOS)) {
            whenBusy.reset();
        } else {
            whenBusy.idle(workCount);
        }
    }

    @Override
    public void idle() {
        whenBusy.idle();
    }

    @Override
    public void reset() {
        whenBusy.reset();
    }

    @Override
    public String alias() {
        return "sleep-when-empty/" + whenBusy.alias();
    }
}
