package io.sbc.signaling.core;

import io.netty.channel.EventLoop;
import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.MediaRelay;
import io.sbc.policy.model.Realm;
import io.sbc.signaling.b2bua.B2buaContext;
import io.sbc.signaling.b2bua.B2buaCounters;
import io.sbc.signaling.b2bua.TrunkChallenges;
import io.sbc.signaling.cdr.CdrRecord;
import io.sbc.signaling.b2bua.RealmAccess;
import io.sbc.signaling.b2bua.TrunkDigestChallenges;
import io.sbc.signaling.auth.AuthFailureListener;
import io.sbc.signaling.auth.NonceManager;
import io.sbc.signaling.dns.DnsClient;
import io.sbc.signaling.dns.Rfc3263Resolver;
import io.sbc.signaling.registration.Registrar;
import io.sbc.signaling.registration.RegistrationListener;
import io.sbc.signaling.registration.RegistrationStatus;
import io.sbc.signaling.mediactl.NgClient;
import io.sbc.signaling.routing.GatewayHealth;
import io.sbc.policy.model.SipTimers;
import io.sbc.signaling.transaction.TransactionConfig;
import io.sbc.signaling.transaction.TransactionTimers;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.SipTransportManager;
import io.sbc.signaling.transport.TransportConfig;
import io.sbc.signaling.transport.TransportCounters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The signaling plane of one SBC: transports on every realm address, the parse-and-dispatch stage,
 * and one {@link SignalingWorker} per event loop. Started from a policy snapshot; stopped once.
 *
 * <p>Threading: {@link #start} and {@link #close} run on the control thread (main or the signal
 * handler); message processing runs on the event loops.
 */
public final class SignalingNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SignalingNode.class);

    /**
     * {@code -Dsbc.udpEdge=false} serves UDP listen sockets on the worker loops (one SO_REUSEPORT
     * socket per loop) instead of the {@code sip-edge} receive thread ({@link TransportConfig#udpEdge()}).
     */
    static final String UDP_EDGE_PROPERTY = "sbc.udpEdge";

    /**
     * {@code -Dsbc.edgePriority=N}: the {@code sip-edge} thread's {@code SCHED_FIFO} priority, 0 for
     * normal scheduling ({@link TransportConfig#edgePriority()}; default 1 with 2 CPUs or more).
     */
    static final String EDGE_PRIORITY_PROPERTY = "sbc.edgePriority";

    /** The system property that overrides {@link #DEFAULT_IO_THREADS}. */
    static final String IO_THREADS_PROPERTY = "sbc.ioThreads";

    /**
     * I/O event loops: one per two cores (the media relay's busy-poll workers want the others), or
     * the JVM system property {@value #IO_THREADS_PROPERTY} (1..256; e.g. a signaling-only node, or
     * a benchmark). Each UDP listen point gets one socket per loop (SO_REUSEPORT, design "Signaling
     * data flow" step 1), so a worker sends from a socket of its own loop, never through another's.
     */
    static final int DEFAULT_IO_THREADS = ioThreads(System.getProperty(IO_THREADS_PROPERTY),
            Runtime.getRuntime().availableProcessors());

    /** Event loops for a property value (null or not a number 1..256: half the cores, at least 1). */
    static int ioThreads(String property, int cores) {
        return intProperty(IO_THREADS_PROPERTY, property, 1, 256, Math.max(1, cores / 2));
    }

    /** The edge's priority for a property value (null: the default for {@code cpus}; not 0..98: the default, warned). */
    static int edgePriority(String property, int cpus) {
        return intProperty(EDGE_PRIORITY_PROPERTY, property, 0, TransportConfig.MAX_EDGE_PRIORITY,
                TransportConfig.defaultEdgePriority(cpus));
    }

    /** {@code value} as an int in {@code min..max}; null gives {@code fallback}, anything else invalid is warned too. */
    private static int intProperty(String name, String value, int min, int max, int fallback) {
        if (value != null) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // fall through to the default
            }
            LOG.warn("{}={} is not a number {}..{}: using {}", name, value, min, max, fallback);
        }
        return fallback;
    }

    private final SignalingCounters counters = new SignalingCounters();
    private final PolicyListenPoints listenPoints = new PolicyListenPoints();
    private final InboundDispatcher dispatcher;
    private final SipTransportManager transports;
    private SignalingWorker[] workers;
    private final B2buaCounters callCounters = new B2buaCounters();
    private final GatewayHealth gatewayHealth = new GatewayHealth();
    private volatile PolicySnapshot policy;
    private EmbeddedRelay embeddedRelay;
    private NgClient media;
    private TrunkChallenges challenges;
    private io.sbc.signaling.gate.Gate gate;
    private io.sbc.signaling.gate.OverloadDetector overload;
    private io.sbc.signaling.gate.ConnectionLimiter connections;
    private io.sbc.signaling.gate.PeerOverload peerOverload;
    /** Sources the connection limiter tracks at once (a source finding no slot is refused, counted). */
    static final int CONNECTION_SOURCES = 16_384;
    private volatile io.sbc.signaling.capture.SipCapture capture = io.sbc.signaling.capture.SipCapture.NONE;
    private Map<String, TransactionConfig> transactionConfigs;

    private SignalingNode(PolicySnapshot snapshot) {
        this.policy = snapshot;
        int maxBytes = 0;
        Duration idle = null;
        for (Realm r : snapshot.policy().realms().values()) {
            maxBytes = Math.max(maxBytes, r.maxMessageBytes());
            // One idle timeout for all stream connections: the shortest any realm asks for.
            idle = idle == null || r.idleTimeout().compareTo(idle) < 0 ? r.idleTimeout() : idle;
        }
        TransportConfig config = TransportConfig.defaults()
                .withMaxMessageBytes(Math.max(maxBytes, TransportConfig.DEFAULT_MAX_MESSAGE_BYTES))
                .withIdleTimeout(idle == null ? TransportConfig.DEFAULT_IDLE_TIMEOUT : idle)
                .withIoThreads(DEFAULT_IO_THREADS, DEFAULT_IO_THREADS)
                .withUdpEdge(!"false".equalsIgnoreCase(System.getProperty(UDP_EDGE_PROPERTY, "true").trim()))
                .withEdgePriority(edgePriority(System.getProperty(EDGE_PRIORITY_PROPERTY),
                        Runtime.getRuntime().availableProcessors()))
                .withMaxConnections(snapshot.policy().limits().maxConnections())
                .withTlsHandshakeTimeout(snapshot.policy().security().tlsHandshakeTimeout());
        this.dispatcher = new InboundDispatcher(counters, config.maxMessageBytes());
        this.transports = new SipTransportManager(config, dispatcher);
    }

    /** Binds every listen address of the policy's realms and starts serving. */
    public static SignalingNode start(PolicySnapshot snapshot) throws IOException {
        return start(snapshot, new TrunkDigestChallenges());
    }

    /**
     * As {@link #start(PolicySnapshot)}, with the answerer of trunk challenges (401/407 to the B
     * leg's INVITE; the auth package), or null to relay them to the caller as failures.
     */
    public static SignalingNode start(PolicySnapshot snapshot, TrunkChallenges challenges) throws IOException {
        return start(snapshot, challenges, io.sbc.signaling.capture.SipCapture.NONE, null, null);
    }

    /**
     * As {@link #start(PolicySnapshot, TrunkChallenges)}, with the DNS server that locates gateways
     * and trunk registrars named by host name (RFC 3263); null: the first nameserver of
     * /etc/resolv.conf.
     */
    public static SignalingNode start(PolicySnapshot snapshot, TrunkChallenges challenges, InetSocketAddress dnsServer)
            throws IOException {
        return start(snapshot, challenges, io.sbc.signaling.capture.SipCapture.NONE, null, dnsServer);
    }

    /**
     * As {@link #start(PolicySnapshot, TrunkChallenges)}, with
     *
     * @param capture   sees every SIP message received and sent (HEP, per-call traces)
     * @param cdrSink   the sink of call detail records: every call attempt hands exactly one
     *                  {@link CdrRecord} to it, on an event loop, so it must not block
     *                  ({@code CdrJournal::submit}); null: records are counted but go nowhere
     * @param dnsServer the DNS server for gateways named by host name; null: /etc/resolv.conf's first
     */
    public static SignalingNode start(PolicySnapshot snapshot, TrunkChallenges challenges,
            io.sbc.signaling.capture.SipCapture capture, Consumer<CdrRecord> cdrSink, InetSocketAddress dnsServer)
            throws IOException {
        SignalingNode node = new SignalingNode(snapshot);
        node.challenges = challenges;
        node.dnsServer = dnsServer;
        node.capture = capture;
        node.dispatcher.capture(capture);
        node.callCounters.records().sink(cdrSink);
        try {
            node.startServing(snapshot);
        } catch (IOException | RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startServing(PolicySnapshot snapshot) throws IOException {
        // The gate sits before parsing (design, signaling data flow step 2); built before the
        // sockets open so no connection or message escapes it.
        gate = io.sbc.signaling.gate.Gate.fromPolicy(snapshot);
        connections = new io.sbc.signaling.gate.ConnectionLimiter(gate, CONNECTION_SOURCES,
                snapshot.policy().limits().maxConnections());
        transports.admission(connections);
        transports.start(listenPoints.listenPoints(snapshot));
        List<ListenPoint> bound = transports.listening();
        ResponseSender sender = new ResponseSender(transports, counters.messages(), capture);
        List<EventLoop> loops = transports.eventLoops();
        // The ng client's socket is served by the first event loop (so replies complete on a loop, not
        // on a reader thread): started once the loops exist. No worker runs before it, so no call
        // sees the B2BUA without its relay.
        try {
            media = startMedia(snapshot, loops.isEmpty() ? null : loops.get(0));
        } catch (IOException | RuntimeException e) {
            // Signaling still serves (OPTIONS, bypass trunks); anchored calls get 503 until a restart.
            LOG.error("media relay not available: {}", e.toString());
            media = null;
        }
        B2buaContext b2bua = new B2buaContext(() -> policy, media, gatewayHealth, callCounters,
                new io.sbc.signaling.routing.TrunkAdmission(), challenges);
        // The overload detector watches every event loop's lag so new INVITEs/REGISTERs are refused first.
        overload = io.sbc.signaling.gate.OverloadDetector.start(loops);
        // RFC 7339 both ways: oc values for upstream clients, and reductions gateways ask for.
        sender.overloadControl(new io.sbc.signaling.gate.OverloadControl(overload, System::currentTimeMillis));
        peerOverload = new io.sbc.signaling.gate.PeerOverload();
        dispatcher.usePeerOverload(peerOverload);
        gatewayHealth.overloadControl(peerOverload);
        dispatcher.useGate(gate);
        SignalingWorker[] ws = new SignalingWorker[loops.size()];
        Map<String, TransactionConfig> configs = transactionConfigs(snapshot);
        this.transactionConfigs = configs;
        int maxCalls = snapshot.policy().limits().maxCalls() > 0
                ? Math.max(1, snapshot.policy().limits().maxCalls() / ws.length) : DEFAULT_MAX_CALLS_PER_WORKER;
        SignalingWorker.AuthWiring auth = authWiring(snapshot);
        // RFC 5626 §5.3 spirit: a contact registered over a TCP/TLS/WS connection is reachable only
        // through it; when it closes, its bindings go, so calls do not try a dead flow.
        transports.onConnectionClosed(flow -> {
            RealmAccess access = realmAccess;
            if (access != null && access.flowClosed(flow.connectionId()) > 0) {
                LOG.info("connection {} closed: its registrations were removed", flow);
            }
        });
        for (int i = 0; i < ws.length; i++) {
            EventLoop loop = loops.get(i);
            int index = i;
            // Each worker's state is created on its own loop: its owner thread from the first write.
            ws[i] = submit(loop, () -> new SignalingWorker(loop, bound, configs, sender, counters, b2bua, index,
                    ws.length, maxCalls, auth));
        }
        for (SignalingWorker w : ws) {
            w.overload = overload;
        }
        workers = ws;
        Map<String, Integer> maxBytes = new HashMap<>();
        for (Realm r : snapshot.policy().realms().values()) {
            maxBytes.put(r.name(), r.maxMessageBytes());
        }
        dispatcher.tryingOnReceipt(tryingOnReceiptRealms(snapshot, configs), overload);
        dispatcher.ready(ws, sender, maxBytes);
        LOG.info("signaling ready: {} event loop(s), {} transport", ws.length, transports.usesEpoll() ? "epoll" : "nio");
    }

    /**
     * The ng client of the policy's first media relay: the embedded one (started here, on a free
     * loopback port) or {@code udp://HOST:PORT}. Several relays (load sharing) are not used yet: the
     * first one serves every call.
     */
    private NgClient startMedia(PolicySnapshot snapshot, EventLoop loop) throws IOException {
        if (snapshot.policy().media().relays().isEmpty()) {
            return null;
        }
        MediaRelay first = snapshot.policy().media().relays().get(0);
        InetSocketAddress control;
        if (first.embedded()) {
            embeddedRelay = EmbeddedRelay.start(snapshot);
            control = embeddedRelay.control();
        } else {
            // A relay address is an IP literal or a host name resolved once here, at start, never per call.
            control = new InetSocketAddress(InetAddress.getByName(first.control().host()), first.control().port());
        }
        LOG.info("media relay control: udp:{}{}", control, first.embedded() ? " (embedded)" : "");
        return loop == null ? NgClient.open(control) : NgClient.open(control, loop, transports.datagramChannelClass());
    }

    /** Calls per worker when the policy sets no global max-calls. */
    static final int DEFAULT_MAX_CALLS_PER_WORKER = 65_536;

    /** Installs a newly loaded policy: new calls use it, calls in progress keep theirs. */
    public void policy(PolicySnapshot snapshot) {
        this.policy = snapshot;
        if (realmAccess != null) {
            realmAccess.policy(snapshot); // realm users and trust CIDRs of the new policy (auth wiring)
        }
    }

    // ---------------------------------------------------------------- auth and registration (issue #5)

    private RealmAccess realmAccess;
    private Rfc3263Resolver resolver;
    private InetSocketAddress dnsServer;
    private volatile AuthFailureListener authFailures = AuthFailureListener.NONE;
    private volatile RegistrationListener registrationListener = RegistrationListener.NONE;

    private SignalingWorker.AuthWiring authWiring(PolicySnapshot snapshot) {
        realmAccess = new RealmAccess(snapshot, NonceManager.withRandomKey(RealmAccess.NONCE_LIFETIME,
                System::currentTimeMillis), (source, realm) -> authFailures.onFailure(source, realm),
                System::currentTimeMillis);
        InetSocketAddress dns = dnsServer != null ? dnsServer
                : DnsClient.firstNameserver(java.nio.file.Path.of("/etc/resolv.conf"));
        // Without a resolv.conf nameserver only IP-literal registrars resolve (they need no query).
        resolver = Rfc3263Resolver.create(dns != null ? dns
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), 53));
        return new SignalingWorker.AuthWiring(realmAccess, resolver,
                (trunk, from, to) -> registrationListener.onStateChange(trunk, from, to), snapshot);
    }

    /**
     * Told about every failed digest authentication on a PBX-side realm (issue #6: the DoS gate's
     * score, e.g. {@code (src, realm) -> gate.onAuthFailure(src, realm, null)}). Any time; no-op by default.
     */
    public void authFailures(AuthFailureListener listener) {
        this.authFailures = listener == null ? AuthFailureListener.NONE : listener;
    }

    /** Told about every trunk registration state change (for a metric); called on worker 0's loop. */
    public void registrationListener(RegistrationListener listener) {
        this.registrationListener = listener == null ? RegistrationListener.NONE : listener;
    }

    /** Trunk registration states for {@code /api/trunks}, sorted by trunk; any thread. */
    public List<RegistrationStatus> trunkRegistrations() {
        SignalingWorker[] ws = workers;
        return ws == null || ws[0].ownRequests == null ? List.of() : ws[0].ownRequests.statuses();
    }

    /**
     * Un-registers every trunk (REGISTER with Expires: 0, RFC 3261 §10.2.2) and stops NAT keep-alives;
     * completes when every registrar answered (or gave up). Call on SIGTERM before {@link #close()},
     * with a bound on the wait.
     */
    public java.util.concurrent.CompletableFuture<Void> unregisterTrunks() {
        SignalingWorker[] ws = workers;
        if (ws == null || ws[0].ownRequests == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }
        SignalingWorker w = ws[0];
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        w.loop.execute(() -> w.ownRequests.stopAll().whenComplete((v, e) -> done.complete(null)));
        return done;
    }

    /** Registered contacts of a realm (PBX/phones registered with the SBC), or null when it takes none. */
    public Registrar registrar(String realm) {
        return realmAccess == null ? null : realmAccess.registrar(realm);
    }

    /** Per-realm digest and registrar state (tests, admin). */
    public RealmAccess realmAccess() {
        return realmAccess;
    }

    /**
     * Realms whose new INVITEs may be answered 100 Trying on receipt: those with no delayed 100 and no
     * digest users (a challenged INVITE gets 407 without a 100 first).
     */
    static java.util.Set<String> tryingOnReceiptRealms(PolicySnapshot snapshot,
            Map<String, TransactionConfig> configs) {
        java.util.Set<String> realms = new java.util.HashSet<>();
        for (Realm r : snapshot.policy().realms().values()) {
            TransactionConfig c = configs.getOrDefault(r.name(), TransactionConfig.defaults());
            boolean challenges = r.auth() != null && r.auth().challenges();
            if (c.tryingDelay().isZero() && !challenges) {
                realms.add(r.name());
            }
        }
        return realms;
    }

    private static Map<String, TransactionConfig> transactionConfigs(PolicySnapshot snapshot) {
        Map<String, TransactionConfig> configs = new HashMap<>();
        for (Realm r : snapshot.policy().realms().values()) {
            configs.put(r.name(), TransactionConfig.defaults().withTimers(timers(r.timers())));
        }
        return configs;
    }

    /**
     * A reloaded policy: new calls use {@code next}; listen addresses it adds are opened and those it
     * removes are closed (connections already accepted stay until they end); trunk registrations
     * follow the new {@code register} settings ({@code OwnRequests.reload}). Runs on the control
     * thread (the reloader's). A listen point that cannot be bound is logged and skipped: the rest
     * of the policy still applies.
     */
    public synchronized void reload(PolicySnapshot previous, PolicySnapshot next) {
        policy(next);
        if (gate != null) {
            gate.update(next); // limits, ACLs, trust and ban durations of the new policy; bans stay
            connections.maxTotal(next.policy().limits().maxConnections());
        }
        SignalingWorker[] ws = workers;
        if (ws == null) {
            return;
        }
        SignalingWorker first = ws[0];
        if (first.ownRequests != null) {
            // Trunks that gained, lost or changed `register` (owned by worker 0's loop).
            first.loop.execute(() -> first.ownRequests.reload(next));
        }
        List<ListenPoint> before = listenPoints.listenPoints(previous);
        List<ListenPoint> after = listenPoints.listenPoints(next);
        Map<String, TransactionConfig> configs = transactionConfigs(next);
        this.transactionConfigs = configs;
        dispatcher.tryingOnReceipt(tryingOnReceiptRealms(next, configs), overload);
        for (ListenPoint old : before) {
            if (!after.contains(old)) {
                ListenPoint bound = boundOf(old);
                if (bound != null && transports.close(bound)) {
                    for (SignalingWorker w : ws) {
                        w.loop.execute(() -> w.closeListenPoint(bound));
                    }
                }
            }
        }
        for (ListenPoint fresh : after) {
            if (!before.contains(fresh)) {
                try {
                    ListenPoint bound = transports.open(fresh);
                    TransactionConfig config = configs.getOrDefault(bound.realm(), TransactionConfig.defaults());
                    for (SignalingWorker w : ws) {
                        w.loop.execute(() -> w.openListenPoint(bound, config));
                    }
                } catch (IOException | RuntimeException e) {
                    LOG.error("policy reload: cannot listen on {}: {}", fresh, e.getMessage());
                }
            }
        }
    }

    /** The bound listen point for a configured one (same transport, address and realm; port 0 resolved). */
    private ListenPoint boundOf(ListenPoint configured) {
        for (ListenPoint p : transports.listening()) {
            if (p.transport() == configured.transport() && p.realm().equals(configured.realm())
                    && p.address().getAddress().equals(configured.address().getAddress())
                    && (configured.address().getPort() == 0 || p.address().getPort() == configured.address().getPort())) {
                return p;
            }
        }
        return null;
    }

    /** The DoS gate (before parsing); null before start. */
    public io.sbc.signaling.gate.Gate gate() {
        return gate;
    }

    /** Stream connections per source and in total (the transport's accept hook); null before start. */
    public io.sbc.signaling.gate.ConnectionLimiter connectionLimiter() {
        return connections;
    }

    /** RFC 7339 reductions asked by downstream gateways; null before start. */
    public io.sbc.signaling.gate.PeerOverload peerOverload() {
        return peerOverload;
    }

    /** The event-loop lag watcher that refuses new work under overload; null before start. */
    public io.sbc.signaling.gate.OverloadDetector overload() {
        return overload;
    }

    /** Figures of the embedded media relay for metrics, or null when the relay is external or absent. */
    public EmbeddedRelay.Figures mediaFigures() {
        EmbeddedRelay r = embeddedRelay;
        return r == null ? null : r.figures();
    }

    /** Call counters of the B2BUA. */
    public B2buaCounters calls() {
        return callCounters;
    }

    // ---- graceful drain (issue #7: "SIGTERM drains")

    /** From now on new INVITEs get 503 with Retry-After; calls in progress and in-dialog requests go on. */
    public void drain() {
        callCounters.records().drain();
    }

    /** True once {@link #drain()} was called (the admin {@code /health} answers 503 then). */
    public boolean draining() {
        return callCounters.records().draining();
    }

    /** Calls in the call tables of every worker now. */
    public long activeCalls() {
        return callCounters.active();
    }

    /** Ended calls whose record still waits for the relay's final statistics (at most 2 s each). */
    public long pendingRecords() {
        return callCounters.records().pending();
    }

    /**
     * Ends every call on every worker (BYE on both legs; 503 to callers still being set up), each
     * recorded as ended by DRAIN. Waits for each worker up to 5 s; returns how many calls were ended.
     */
    public int terminateAll(String reason) {
        SignalingWorker[] ws = workers;
        int n = 0;
        if (ws == null) {
            return 0;
        }
        for (SignalingWorker w : ws) {
            try {
                n += w.loop.submit(() -> w.b2bua.terminateAll(reason)).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return n;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("a worker did not end its calls: {}", e.toString());
            }
        }
        return n;
    }

    /**
     * Copies of at most {@code limit} calls in progress, oldest first, for the admin API. Each
     * worker copies its own table on its own loop (calls are never read from this thread); a worker
     * that does not answer within 2 s is left out of the list and logged.
     */
    public List<io.sbc.signaling.b2bua.ActiveCall> callSnapshot(int limit) {
        SignalingWorker[] ws = workers;
        List<io.sbc.signaling.b2bua.ActiveCall> out = new ArrayList<>();
        if (ws == null || limit <= 0) {
            return out;
        }
        List<java.util.concurrent.Future<List<io.sbc.signaling.b2bua.ActiveCall>>> parts = new ArrayList<>(ws.length);
        for (SignalingWorker w : ws) {
            parts.add(w.loop.submit(() -> w.b2bua.snapshot(limit)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (var part : parts) {
            try {
                out.addAll(part.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("a worker did not list its calls: {}", e.toString());
            }
        }
        out.sort(java.util.Comparator.comparingLong(io.sbc.signaling.b2bua.ActiveCall::startMillis));
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    /** Gateway up/down state from OPTIONS keep-alive. */
    public GatewayHealth gatewayHealth() {
        return gatewayHealth;
    }

    /** The media relay's ng control address, or null without a relay. */
    public InetSocketAddress mediaControl() {
        return media == null ? null : media.relay();
    }

    static TransactionTimers timers(SipTimers t) {
        return t == null ? TransactionTimers.defaults() : new TransactionTimers(t.t1(), t.t2(), t.t4());
    }

    private static <T> T submit(EventLoop loop, java.util.concurrent.Callable<T> task) throws IOException {
        try {
            return loop.submit(task).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting the signaling workers", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not start a signaling worker: " + e, e);
        }
    }

    /** The event loops that run every channel and worker (tests stall one to provoke overload). */
    public List<EventLoop> eventLoops() {
        return transports.eventLoops();
    }

    /** The listen points as bound (ports resolved). */
    public List<ListenPoint> listening() {
        return transports.listening();
    }

    public SignalingCounters counters() {
        return counters;
    }

    public TransportCounters transportCounters() {
        return transports.counters();
    }

    /** Open client and server transactions on every worker (each counted on its own loop). */
    public int openTransactions() {
        SignalingWorker[] ws = workers;
        if (ws == null) {
            return 0;
        }
        int n = 0;
        for (SignalingWorker w : ws) {
            try {
                n += w.loop.submit(w::transactions).get(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return n;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("worker did not answer", e);
            }
        }
        return n;
    }

    @Override
    public void close() {
        if (overload != null) {
            overload.close();
        }
        dispatcher.stopped();
        SignalingWorker[] ws = workers;
        workers = null;
        if (ws != null) {
            for (SignalingWorker w : ws) {
                w.loop.execute(w::stop);
            }
        }
        transports.close();
        listenPoints.close();
        if (media != null) {
            media.close();
        }
        if (embeddedRelay != null) {
            embeddedRelay.close();
        }
        if (resolver != null) {
            resolver.close();
        }
    }

    /** Listen points of a policy (for reload diffs and the dry run). */
    List<ListenPoint> listenPointsOf(PolicySnapshot snapshot) {
        return new ArrayList<>(listenPoints.listenPoints(snapshot));
    }
}
