package io.sbc.media.relay;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;

/**
 * The relay's packet path as the control layer uses it: starts {@code workers} {@link RelayWorker}s,
 * each on its own thread ({@code relay-worker-N}) with the configured idle strategy, and routes every
 * stream command to the worker that owns the stream. All streams of one call go to the same worker
 * (chosen by a hash of the Call-ID), so a call's state has a single owner thread.
 *
 * <p>Thread-safe: any thread may call the command methods; they return futures completed on the
 * owning worker thread (do not block a worker in a callback).
 */
public final class MediaRelay implements AutoCloseable {

    private final RelayWorker[] workers;
    private final AgentRunner[] runners;
    private final ConcurrentHashMap<Long, RelayWorker> owners = new ConcurrentHashMap<>();

    private MediaRelay(RelayWorker[] workers, AgentRunner[] runners) {
        this.workers = workers;
        this.runners = runners;
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MediaRelay.class);

    /**
     * Creates and starts the workers, after logging one line on native code: e.g. "relay: native
     * library libsbcnative.so in use (linux-x86_64); socket layer native-epoll" or "relay:
     * native library not in use (no library for Mac OS X/aarch64, only linux-x86_64), running in pure
     * Java; socket layer nio".
     */
    public static MediaRelay start(RelayConfig config, MediaTimeoutListener timeoutListener) throws IOException {
        LOG.info("relay: {}{}{}", io.sbc.media.io.DatagramTransports.describe(config.transport()),
                config.workerCpus().isEmpty() ? "" : "; worker CPUs " + config.workerCpus(),
                config.connectPeers() ? "; sockets connected to their latched peers" : "");
        RelayWorker[] workers = new RelayWorker[config.workers()];
        AgentRunner[] runners = new AgentRunner[workers.length];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new RelayWorker(i, config, timeoutListener);
        }
        for (int i = 0; i < workers.length; i++) {
            RelayWorker w = workers[i];
            IdleStrategy busy = switch (config.idle()) {
                case "block" -> new AwaitMediaIdleStrategy(w, AwaitMediaIdleStrategy.SPIN_CYCLES,
                        config.backoffMaxPark().toNanos());
                case "hybrid" -> HybridIdleStrategy.withDefaults(w, config.backoffMaxPark().toNanos());
                default -> config.newIdleStrategy();
            };
            IdleStrategy idle = new SleepWhenEmptyIdleStrategy(w, busy);
            runners[i] = new AgentRunner(idle, w::onAgentError, null, w);
            AgentRunner.startOnThread(runners[i]);
        }
        return new MediaRelay(workers, runners);
    }

    /** Binds and starts relaying a new stream; completes with its bound ports. */
    public CompletableFuture<BoundPorts> addStream(RelayStreamSpec spec) {
        RelayWorker w = workers[Math.floorMod(spec.callId().hashCode(), workers.length)];
        RelayWorker prev = owners.putIfAbsent(spec.streamId(), w);
        if (prev != null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("stream " + spec.streamId() + " exists"));
        }
        return w.add(spec).whenComplete((ports, err) -> {
            if (err != null) {
                owners.remove(spec.streamId(), w);
            }
        });
    }

    /** Re-offer/answer of an existing stream (see {@link RelayWorker#update}). */
    public CompletableFuture<BoundPorts> updateStream(RelayStreamSpec spec) {
        RelayWorker w = owners.get(spec.streamId());
        return w == null ? unknown(spec.streamId()) : w.update(spec);
    }

    /** Stops relaying; completes with the final statistics. */
    public CompletableFuture<StreamStats> removeStream(long streamId) {
        RelayWorker w = owners.remove(streamId);
        return w == null ? unknown(streamId) : w.remove(streamId);
    }

    /** Statistics snapshot of one stream, taken by its worker. */
    public CompletableFuture<StreamStats> queryStream(long streamId) {
        RelayWorker w = owners.get(streamId);
        return w == null ? unknown(streamId) : w.query(streamId);
    }

    /** Counters summed over all workers, for metrics. */
    public RelayTotals totals() {
        RelayTotals t = workers[0].totals();
        for (int i = 1; i < workers.length; i++) {
            t = t.plus(workers[i].totals());
        }
        return t;
    }

    /** CPU each worker is pinned to (-1: not pinned), by worker index. */
    public int[] pinnedCpus() {
        int[] cpus = new int[workers.length];
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = workers[i].pinnedCpu();
        }
        return cpus;
    }

    public int workerCount() {
        return workers.length;
    }

    private static <T> CompletableFuture<T> unknown(long streamId) {
        return CompletableFuture.failedFuture(new IllegalArgumentException("unknown stream " + streamId));
    }

    /** Stops every worker and closes every socket. */
    @Override
    public void close() {
        for (AgentRunner r : runners) {
            r.close();
        }
    }
}
