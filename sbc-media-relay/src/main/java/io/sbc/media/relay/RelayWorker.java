package io.sbc.media.relay;

import io.sbc.media.io.DatagramEndpoint;
import io.sbc.media.io.DatagramPoller;
import io.sbc.media.io.DatagramTransport;
import io.sbc.nativeio.CpuAffinity;
import java.io.IOException;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * A relay worker: an Agrona {@link Agent} that owns a set of UDP sockets and every stream bound to
 * them. One duty cycle reads the clock once, drains at most {@code commandDrainLimit} control
 * commands, polls its sockets without blocking and relays every ready datagram through the
 * {@link PacketPath}, scans for media timeouts once per {@code timeoutCheckInterval}, publishes its
 * counters and returns the work count to the idle strategy ({@code spin} or {@code backoff}).
 *
 * <p><b>Ownership.</b> The worker thread (the thread that called {@link #onStart}) is the single owner
 * of all stream state: sockets, latches, statistics. Other threads reach it only through
 * {@link #add}, {@link #update}, {@link #remove} and {@link #query}, which enqueue a command on a
 * bounded many-to-one {@link CommandQueue} and return a future the worker completes. {@link #totals()} may be read
 * from any thread. With {@code -ea} the worker asserts it runs on its owner thread.
 */
public final class RelayWorker implements Agent {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(RelayWorker.class);

    private static final int RX_PACKETS = 0;
    private static final int RX_BYTES = 1;
    private static final int TX_PACKETS = 2;
    private static final int TX_BYTES = 3;
    private static final int STREAMS = 4;
    private static final int TIMEOUTS = 5;
    private static final int SOCKET_ERRORS = 6;
    private static final int RTP_EXPECTED = 7;
    private static final int RTP_LOST = 8;
    private static final int DROPS = 9;

    private final int index;
    private final RelayConfig config;
    private final MediaTimeoutListener timeoutListener;
    private final DatagramTransport transport;
    private final DatagramPoller<RelaySocket> poller;
    private final NanoClock clock;
    private final org.agrona.concurrent.EpochClock epochClock = org.agrona.concurrent.SystemEpochClock.INSTANCE;
    private final CommandQueue commands;
    private final java.util.function.Consumer<RelayCommand> executor = this::execute;
    private final PacketPath path;
    private final Long2ObjectHashMap<RelayStream> streamsById = new Long2ObjectHashMap<>();
    private final ArrayList<RelayStream> streams = new ArrayList<>();
    private final long timeoutNanos;
    private final long timeoutCheckNanos;
    private final long learningWindowNanos;
    private final AtomicLongArray published = new AtomicLongArray(DROPS + DropReason.VALUES.length);
    private final AtomicLong commandsRejected = new AtomicLong();
    private final AtomicLong agentErrors = new AtomicLong();
    private long mediaTimeouts;
    /** RTP expected / lost over the streams owned now, summed at each timeout scan (RFC 3550 A.3). */
    private long activeRtpExpected;
    private long activeRtpLost;
    private long nextTimeoutCheckNanos = Long.MIN_VALUE;
    private Thread owner;
    /** The owner thread while it sleeps without streams ({@link #sleepWhileEmpty}), else null. */
    private volatile Thread sleeper;
    /** CPU this worker's thread is pinned to, -1 when not pinned; written once in {@link #onStart}. */
    private volatile int pinnedCpu = -1;

    /**
     * @param index this worker's number, for its role name {@code relay-worker-N}
     * @param config validated settings
     * @param timeoutListener told once per silent stream, on this worker's thread
     */
    public RelayWorker(int index, RelayConfig config, MediaTimeoutListener timeoutListener) throws IOException {
        this.index = index;
        this.config = config;
        this.timeoutListener = timeoutListener;
        this.transport = config.transport();
        this.poller = transport.newPoller();
        this.clock = config.clock();
        this.commands = new CommandQueue(config.commandQueueCapacity());
        this.path = new PacketPath(config.receiveBatch(), config.connectPeers());
        this.timeoutNanos = config.mediaTimeout().toNanos();
        this.timeoutCheckNanos = config.timeoutCheckInterval().toNanos();
        this.learningWindowNanos = config.learningWindow().toNanos();
    }

    // ---- control side: any thread -------------------------------------------------------------

    /** Binds the stream's sockets and starts relaying; completes with the bound ports. */
    public CompletableFuture<BoundPorts> add(RelayStreamSpec spec) {
        CompletableFuture<BoundPorts> f = new CompletableFuture<>();
        return submit(new RelayCommand.Add(spec, f), f);
    }

    /**
     * Applies a re-offer/answer to an existing stream: sockets are kept when the ports are unchanged,
     * the latch is kept unless the peer's SDP address really changed (a hold to 0.0.0.0 keeps it),
     * statistics are kept, and the SRTP hooks become those in the new spec (pass the same instances
     * to keep contexts across hold/resume).
     */
    public CompletableFuture<BoundPorts> update(RelayStreamSpec spec) {
        CompletableFuture<BoundPorts> f = new CompletableFuture<>();
        return submit(new RelayCommand.Update(spec, f), f);
    }

    /** Stops relaying, closes the sockets and completes with the final statistics. */
    public CompletableFuture<StreamStats> remove(long streamId) {
        CompletableFuture<StreamStats> f = new CompletableFuture<>();
        return submit(new RelayCommand.Remove(streamId, f), f);
    }

    /** Completes with a statistics snapshot taken on the worker thread. */
    public CompletableFuture<StreamStats> query(long streamId) {
        CompletableFuture<StreamStats> f = new CompletableFuture<>();
        return submit(new RelayCommand.Query(streamId, f), f);
    }

    private <T> CompletableFuture<T> submit(RelayCommand c, CompletableFuture<T> f) {
        if (!commands.offer(c)) {
            commandsRejected.incrementAndGet();
            f.completeExceptionally(new RejectedExecutionException("relay worker " + index + " command queue full"));
            return f;
        }
        // offer's volatile increment comes before this volatile read, and sleepWhileEmpty writes
        // sleeper before it reads the queue size: one of the two sides sees the other
        Thread t = sleeper;
        if (t != null) {
            java.util.concurrent.locks.LockSupport.unpark(t);
        }
        return f;
    }

    /** Counters as last published by the worker (at most one duty cycle old). */
    public RelayTotals totals() {
        long[] drops = new long[DropReason.VALUES.length];
        for (int i = 0; i < drops.length; i++) {
            drops[i] = published.get(DROPS + i);
        }
        return new RelayTotals(published.get(RX_PACKETS), published.get(RX_BYTES), published.get(TX_PACKETS),
                published.get(TX_BYTES), drops, published.get(STREAMS), published.get(TIMEOUTS),
                published.get(SOCKET_ERRORS), commandsRejected.get(), agentErrors.get(),
                published.get(RTP_EXPECTED), published.get(RTP_LOST));
    }

    /** Counts an unexpected failure caught by the agent runner; logged without a stack trace. */
    void onAgentError(Throwable t) {
        if (agentErrors.getAndIncrement() < 10) {
            LOG.warn("{}: unexpected {}: {}", roleName(), t.getClass().getSimpleName(), t.getMessage());
        }
    }

    // ---- worker thread ------------------------------------------------------------------------

    @Override
    public void onStart() {
        owner = Thread.currentThread();
        int cpu = config.cpuForWorker(index);
        if (cpu >= 0) {
            CpuAffinity.Pinning p = CpuAffinity.pinCurrentThread(cpu);
            if (p.pinned()) {
                pinnedCpu = cpu;
            }
            LOG.info("{}: {}", roleName(), p.detail());
        }
    }

    /**
     * Sleeps up to {@code maxNanos} when this worker owns no stream and no command waits; a command
     * submitted meanwhile wakes it. Owner thread only (its idle strategy).
     *
     * @return true if the worker owned no stream (it slept, or a command was already waiting)
     */
    boolean sleepWhileEmpty(long maxNanos) {
        if (!streams.isEmpty()) {
            return false;
        }
        sleeper = Thread.currentThread();
        if (commands.isEmpty()) {
            java.util.concurrent.locks.LockSupport.parkNanos(this, maxNanos);
        }
        sleeper = null;
        return true;
    }

    /**
     * Parks up to {@code maxNanos}, woken at once by a submitted command (like
     * {@link #sleepWhileEmpty}, whatever the streams): for a worker whose streams carry no media now,
     * where a command (an ng {@code delete} waiting on this worker's final figures, say) must not sit
     * out a whole {@code epoll_wait} millisecond. Owner thread only (its idle strategy).
     */
    void parkForCommands(long maxNanos) {
        sleeper = Thread.currentThread();
        if (commands.isEmpty()) {
            java.util.concurrent.locks.LockSupport.parkNanos(this, maxNanos);
        }
        sleeper = null;
    }

    /**
     * Blocks up to about {@code maxNanos} until one of this worker's sockets is readable (the
     * {@code block} idle strategy). Returns at once when a control command waits. A command submitted
     * during the wait is not signalled to it: it waits at most {@code maxNanos} (1 ms by default,
     * small next to an ng round trip). Owner thread only.
     */
    void awaitMedia(long maxNanos) {
        if (!commands.isEmpty()) {
            return;
        }
        try {
            poller.awaitReadable(maxNanos);
        } catch (IOException e) {
            path.socketErrors++;
        }
    }

    /** Clock reading at the start of the current (or last) duty cycle. Owner thread only (its idle strategy). */
    long cycleStartNanos() {
        return path.nowNanos;
    }

    /** The CPU this worker runs pinned to, or -1 (pinning off, not started yet, or refused). */
    public int pinnedCpu() {
        return pinnedCpu;
    }

    private boolean onOwnerThread() {
        return owner == Thread.currentThread();
    }

    /**
     * One duty cycle. Returns the datagrams handled plus the timeouts fired, which the idle strategy
     * reads as "media is flowing"; control commands drained are not counted: a command says nothing
     * about when the next datagram comes, and counting them kept {@code hybrid} spinning its whole
     * window after each of the ~2,000 socket commands a second of 500 anchored calls/s set-up with no
     * RTP yet (0.6 of a core, and the signaling loop waited behind it). Commands left over (more than
     * the drain limit) still end a {@code hybrid}, {@code block} or empty-worker wait at once (those
     * check the queue first); {@code backoff} parks at most its {@code backoffMaxPark} before the next
     * drain, and {@code spin} does not wait.
     */
    @Override
    public int doWork() {
        assert onOwnerThread() : "relay worker state touched by " + Thread.currentThread().getName();
        long now = clock.nanoTime();
        path.nowNanos = now;
        path.epochSeconds = epochClock.time() / 1000;
        boolean commanded = commands.drain(executor, config.commandDrainLimit()) > 0;
        int work = 0;
        try {
            work += poller.pollNow(path);
        } catch (IOException e) {
            path.socketErrors++;
        }
        if (now - nextTimeoutCheckNanos >= 0 || nextTimeoutCheckNanos == Long.MIN_VALUE) {
            nextTimeoutCheckNanos = now + timeoutCheckNanos;
            work += checkTimeouts(now);
            publish(); // the scan refreshed the loss sums, even on an otherwise idle cycle
        } else if (work > 0 || commanded) {
            publish();
        }
        return work;
    }

    private int checkTimeouts(long now) {
        int fired = 0;
        long expected = 0;
        long lost = 0;
        for (int i = 0, n = streams.size(); i < n; i++) {
            RelayStream s = streams.get(i);
            // Loss figures ride on this scan (a few additions per stream, once per check interval) so
            // the packet path only updates counters and the metric needs no command per stream.
            expected += s.a.rtpIn.expected() + s.b.rtpIn.expected();
            lost += s.a.rtpIn.lost() + s.b.rtpIn.lost();
            long silent = now - s.lastMediaNanos();
            if (!s.mediaTimedOut && silent >= timeoutNanos) {
                s.mediaTimedOut = true;
                mediaTimeouts++;
                fired++;
                try {
                    timeoutListener.onMediaTimeout(s.streamId, s.callId, silent);
                } catch (RuntimeException e) {
                    onAgentError(e);
                }
            }
        }
        activeRtpExpected = expected;
        activeRtpLost = lost;
        return fired;
    }

    private void publish() {
        published.lazySet(RX_PACKETS, path.rxPackets);
        published.lazySet(RX_BYTES, path.rxBytes);
        published.lazySet(TX_PACKETS, path.txPackets);
        published.lazySet(TX_BYTES, path.txBytes);
        published.lazySet(STREAMS, streams.size());
        published.lazySet(TIMEOUTS, mediaTimeouts);
        published.lazySet(SOCKET_ERRORS, path.socketErrors);
        published.lazySet(RTP_EXPECTED, activeRtpExpected);
        published.lazySet(RTP_LOST, activeRtpLost);
        for (int i = 0; i < path.drops.length; i++) {
            published.lazySet(DROPS + i, path.drops[i]);
        }
    }

    private void execute(RelayCommand c) {
        try {
            if (c instanceof RelayCommand.Add add) {
                add.done().complete(addStream(add.spec()));
            } else if (c instanceof RelayCommand.Update up) {
                up.done().complete(updateStream(up.spec()));
            } else if (c instanceof RelayCommand.Remove rm) {
                rm.done().complete(removeStream(rm.streamId()));
            } else if (c instanceof RelayCommand.Query q) {
                RelayStream s = streamsById.get(q.streamId());
                if (s == null) {
                    throw new IllegalArgumentException("unknown stream " + q.streamId());
                }
                q.done().complete(s.snapshot(path.nowNanos));
            }
        } catch (IOException | RuntimeException e) {
            c.done().completeExceptionally(e);
        }
    }

    private BoundPorts addStream(RelayStreamSpec spec) throws IOException {
        if (streamsById.containsKey(spec.streamId())) {
            throw new IllegalArgumentException("stream " + spec.streamId() + " exists");
        }
        RelayStream s = new RelayStream(spec, path.nowNanos);
        try {
            bindLeg(s.a, spec.a());
            bindLeg(s.b, spec.b());
        } catch (IOException | RuntimeException e) {
            closeLeg(s.a);
            closeLeg(s.b);
            throw e;
        }
        streamsById.put(spec.streamId(), s);
        streams.add(s);
        publish();
        return ports(s);
    }

    private void bindLeg(RelayLeg leg, RelayLegSpec spec) throws IOException {
        leg.spec = spec;
        leg.rtp = openSocket(spec.localAddress(), spec.localRtpPort(), true, leg);
        leg.rtp.latch = new PeerLatch(spec, spec.sdpRtp(), learningWindowNanos);
        if (!spec.rtcpMux()) {
            leg.rtcp = openSocket(spec.localAddress(), spec.localRtcpPort(), false, leg);
            leg.rtcp.latch = new PeerLatch(spec, spec.sdpRtcp(), learningWindowNanos);
        } else {
            leg.rtcp = null;
        }
    }

    private RelaySocket openSocket(java.net.InetAddress address, int port, boolean rtpPort, RelayLeg leg)
            throws IOException {
        DatagramEndpoint ep = transport.bind(address, port);
        RelaySocket s = new RelaySocket(ep, rtpPort);
        s.leg = leg;
        try {
            poller.register(ep, s);
        } catch (IOException | RuntimeException e) {
            ep.close();
            throw e;
        }
        return s;
    }

    private void closeLeg(RelayLeg leg) {
        closeSocket(leg.rtp);
        closeSocket(leg.rtcp);
        leg.rtp = null;
        leg.rtcp = null;
    }

    private void closeSocket(RelaySocket s) {
        if (s != null) {
            poller.deregister(s.endpoint);
            s.endpoint.close();
        }
    }

    private BoundPorts updateStream(RelayStreamSpec spec) throws IOException {
        RelayStream s = streamsById.get(spec.streamId());
        if (s == null) {
            throw new IllegalArgumentException("unknown stream " + spec.streamId());
        }
        updateLeg(s.a, spec.a());
        updateLeg(s.b, spec.b());
        return ports(s);
    }

    private void updateLeg(RelayLeg leg, RelayLegSpec next) throws IOException {
        RelayLegSpec prev = leg.spec;
        boolean sameSockets = prev.localAddress().equals(next.localAddress())
                && prev.localRtpPort() == next.localRtpPort()
                && prev.rtcpMux() == next.rtcpMux()
                && (next.rtcpMux() || prev.localRtcpPort() == next.localRtcpPort());
        if (!sameSockets) {
            RelaySocket oldRtp = leg.rtp;
            RelaySocket oldRtcp = leg.rtcp;
            RelayLeg staging = new RelayLeg(next, path.nowNanos);
            try {
                bindLeg(staging, next);
            } catch (IOException | RuntimeException e) {
                closeLeg(staging);
                throw e;
            }
            closeSocket(oldRtp);
            closeSocket(oldRtcp);
            leg.rtp = staging.rtp;
            leg.rtcp = staging.rtcp;
            leg.rtp.leg = leg;
            if (leg.rtcp != null) {
                leg.rtcp.leg = leg;
            }
            leg.spec = next;
            return;
        }
        if (leg.rtp.latch.movedBy(next, next.sdpRtp())) {
            leg.rtp.latch = new PeerLatch(next, next.sdpRtp(), learningWindowNanos);
            disconnect(leg.rtp);
        }
        if (leg.rtcp != null && leg.rtcp.latch.movedBy(next, next.sdpRtcp())) {
            leg.rtcp.latch = new PeerLatch(next, next.sdpRtcp(), learningWindowNanos);
            disconnect(leg.rtcp);
        }
        leg.spec = next;
    }

    /**
     * A new latch learns again, which a socket connected to the old peer could not do (the kernel
     * would drop the new peer's datagrams): back to unconnected until the new latch is confirmed.
     */
    private void disconnect(RelaySocket s) {
        if (s.connectTried != null) {
            s.connectTried = null;
            try {
                s.endpoint.disconnect();
            } catch (IOException e) {
                path.socketErrors++;
            }
        }
    }

    private StreamStats removeStream(long streamId) {
        RelayStream s = streamsById.remove(streamId);
        if (s == null) {
            throw new IllegalArgumentException("unknown stream " + streamId);
        }
        StreamStats last = s.snapshot(path.nowNanos);
        int i = streams.indexOf(s);
        int lastIndex = streams.size() - 1;
        streams.set(i, streams.get(lastIndex));
        streams.remove(lastIndex);
        closeLeg(s.a);
        closeLeg(s.b);
        publish();
        return last;
    }

    private static BoundPorts ports(RelayStream s) {
        return new BoundPorts(s.streamId, s.a.rtp.localPort(), s.a.rtcpOut().localPort(),
                s.b.rtp.localPort(), s.b.rtcpOut().localPort());
    }

    @Override
    public void onClose() {
        for (RelayStream s : streams) {
            closeLeg(s.a);
            closeLeg(s.b);
        }
        streams.clear();
        streamsById.clear();
        RelayCommand c;
        while ((c = commands.poll()) != null) {
            c.done().completeExceptionally(new RejectedExecutionException("relay worker closed"));
        }
        poller.close();
    }

    @Override
    public String roleName() {
        return "relay-worker-" + index;
    }

    /** Streams currently owned (worker thread only; tests). */
    int streamCount() {
        return streams.size();
    }
}
