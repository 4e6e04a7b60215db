package io.sbc.signaling.cli;

import io.sbc.policy.PolicyHolder;
import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.load.Problem;
import io.sbc.policy.reload.PolicyFileWatcher;
import io.sbc.policy.reload.PolicyReloader;
import io.sbc.policy.reload.ReloadOutcome;
import io.sbc.signaling.Main;
import io.sbc.signaling.admin.AdminResponse;
import io.sbc.signaling.admin.AdminServer;
import io.sbc.signaling.admin.CallsApi;
import io.sbc.signaling.admin.Json;
import io.sbc.signaling.admin.StatusApi;
import io.sbc.signaling.b2bua.TrunkDigestChallenges;
import io.sbc.signaling.capture.HepSender;
import io.sbc.signaling.capture.SipCapture;
import io.sbc.signaling.capture.SipTraceStore;
import io.sbc.signaling.gate.GateAdmin;
import io.sbc.signaling.logging.LogFormatFilter;
import io.sbc.signaling.gate.GateMetrics;
import io.sbc.signaling.cdr.CdrJournal;
import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.metrics.SbcMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;
import sun.misc.Signal;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code sbc run [--policy FILE]}: loads and validates the policy, starts the signaling plane on
 * every realm address, then serves until SIGTERM (or SIGINT), when it stops and exits 0. SIGHUP and
 * a change of the policy file reload the policy (validate, then swap; a bad file keeps the running
 * policy and logs every problem).
 */
public final class RunCommand {

    /**
     * Call-IDs whose messages the admin API's trace keeps (both legs of a call count): system
     * property {@code sbc.trace.calls}, default 2,048, 0 keeps none. A knob for measurements
     * (bench/sip/heap.sh sets 0: the store is bounded and independent of the calls held, but its
     * content differs between an idle and a loaded SBC, which blurred the heap per held call).
     */
    static final int TRACE_CALLS = Math.max(0, Integer.getInteger("sbc.trace.calls", 2_048));

    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    private RunCommand() {}

    public static int run(String[] args, PrintStream err) {
        Path policyFile = null;
        for (int i = 0; i < args.length; i++) {
            if ("--policy".equals(args[i]) && i + 1 < args.length) {
                policyFile = Path.of(args[++i]);
            } else {
                err.println("usage: sbc run [--policy FILE]");
                return 2;
            }
        }
        if (policyFile == null) {
            policyFile = Path.of("ops/policy/example.yaml");
        }
        if (!Files.isRegularFile(policyFile)) {
            err.println("sbc run: no policy file at " + policyFile);
            return 1;
        }
        routeJulToSlf4j();
        PolicyLoader loader = PolicyLoader.withSystemEnvironment();
        LoadResult loaded = loader.load(policyFile);
        if (!loaded.ok()) {
            for (Problem p : loaded.problems()) {
                err.println(p);
            }
            err.println("sbc run: the policy has " + loaded.problems().size() + " problem(s); not starting");
            return 1;
        }
        PolicySnapshot snapshot = loaded.snapshot();
        applyLogFormat(snapshot);
        LOG.info("sbc {} starting: node {}, policy {}", Main.version(), snapshot.policy().node().name(),
                policyFile.toAbsolutePath());

        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());

        // CDR journal: opened before the node, closed after it so the last calls' records are written.
        CdrJournal journal;
        try {
            journal = CdrJournal.open(Path.of(snapshot.policy().node().cdrDirectory()),
                    snapshot.policy().node().cdrRetention());
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot open the CDR journal: {}", e.getMessage());
            return 1;
        }

        // Capture: the per-call trace for the admin API always (bounded), HEP to Homer when the
        // policy names a collector.
        SipTraceStore traces = new SipTraceStore(TRACE_CALLS, 32L * 1024 * 1024);
        HepSender hep = null;
        var hepTarget = snapshot.policy().node().hep();
        if (hepTarget != null) {
            try {
                hep = new HepSender(new InetSocketAddress(hepTarget.host(), hepTarget.port()),
                        snapshot.policy().node().name().hashCode() & 0x7fffffff, null);
            } catch (IOException e) {
                LOG.warn("HEP capture to {} not started: {}", hepTarget, e.getMessage());
            }
        }
        SipCapture capture = SipCapture.both(traces, hep == null ? SipCapture.NONE : hep);

        SignalingNode node;
        try {
            node = SignalingNode.start(snapshot, new TrunkDigestChallenges(), capture, journal::submit, null);
        } catch (IOException | RuntimeException e) {
            LOG.error("cannot start: {}", e.getMessage());
            journal.close();
            return 1;
        }
        // Failed digest logins feed the gate's per-source score (brute force gets banned).
        node.authFailures(node.gate()::onAuthFailure);
        node.registrationListener((trunk, from, to) -> LOG.info("trunk {} registration {} -> {}", trunk, from, to));
        PolicyHolder holder = new PolicyHolder(snapshot);
        PolicyReloader reloader = new PolicyReloader(policyFile, loader, holder);
        // Validated, swapped: new calls use the new policy, listen addresses follow it.
        reloader.addListener(node::reload);
        reloader.addListener((previous, next) -> applyLogFormat(next));
        Signal.handle(new Signal("HUP"), s -> reload(reloader, "SIGHUP"));
        PolicyFileWatcher watcher = null;
        try {
            watcher = new PolicyFileWatcher(reloader, PolicyFileWatcher.DEFAULT_DEBOUNCE).start();
        } catch (IOException e) {
            LOG.warn("policy file changes will not be noticed (SIGHUP still reloads): {}", e.getMessage());
        }
        SbcMetrics metrics = new SbcMetrics();
        metrics.bindSignaling(node.counters(), node.transportCounters());
        metrics.bindPolicyReloads(reloader::reloadsOk, reloader::reloadsFailed);
        metrics.bindMedia(node::mediaFigures);
        metrics.bindTrunkRegistrations(node::trunkRegistrations);
        GateMetrics.bind(metrics, node.gate(), node.overload());
        metrics.bindCalls(node.calls().records());
        AdminServer admin = startAdmin(snapshot, metrics, reloader);
        if (admin == null) {
            node.close();
            journal.close();
            return 1;
        }
        GateAdmin.register(admin, node.gate());
        admin.route("GET", "/api/trunks", r -> AdminResponse.json(200, trunksJson(holder.current(), node)));
        CallsApi.register(admin, node::callSnapshot, node::activeCalls);
        admin.routePrefix("GET", "/api/calls/", r -> callTrace(traces, r.pathAfter("/api/calls/")));
        try {
            StatusApi.register(admin, statusSources(holder, node));
        } catch (IOException e) {
            LOG.warn("status page not available: {}", e.getMessage());
        }
        admin.healthCheck(() -> !node.draining());
        LOG.info("serving; SIGTERM stops, SIGHUP reloads {}", policyFile);
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("stopping");
        drain(node, snapshot.policy().node().drainTimeout());
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException e) {
                LOG.debug("watcher close: {}", e.toString());
            }
        }
        try {
            // RFC 3261 §10.2.2: take the trunks' registrations down (Expires: 0) before leaving.
            node.unregisterTrunks().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("trunk un-REGISTER did not complete: {}", e.toString());
        }
        admin.close();
        node.close();
        journal.close();
        if (hep != null) {
            hep.close();
        }
        LOG.info("stopped");
        return 0;
    }


    /**
     * "SIGTERM drains: /health turns 503, new calls get 503, calls in progress may finish until a
     * drain timeout, then get BYE on both legs." After a terminateAll it pauses 1 s for the BYEs to
     * leave, then waits (at most 3 s) for records still waiting on the media relay's reply.
     */
    static void drain(SignalingNode node, java.time.Duration timeout) {
        node.drain();
        long active = node.activeCalls();
        LOG.info("draining: {} call(s) in progress, new calls refused, up to {} s", active, timeout.toSeconds());
        long deadline = System.nanoTime() + timeout.toNanos();
        while (node.activeCalls() > 0 && System.nanoTime() < deadline && pause(100)) {
            // calls in progress may finish on their own
        }
        if (node.activeCalls() > 0) {
            int ended = node.terminateAll("drain timeout");
            LOG.info("drain timeout: ended {} call(s) with BYE on both legs", ended);
            pause(1000); // the BYEs leave and their 200s come back (T1 retransmission covered once)
        }
        long grace = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        while (node.pendingRecords() > 0 && System.nanoTime() < grace && pause(50)) {
            // records waiting for the relay's last statistics (its ng reply, at most 2 s)
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }


    /** The admin API on {@code node.admin}; null (and logged) when it cannot bind. */
    private static AdminServer startAdmin(PolicySnapshot snapshot, SbcMetrics metrics, PolicyReloader reloader) {
        var node = snapshot.policy().node();
        String token = node.adminToken() == null ? null : node.adminToken().reveal();
        AdminServer admin = new AdminServer(new InetSocketAddress(node.admin().host(), node.admin().port()), token);
        admin.route("GET", "/metrics", r -> new AdminResponse(200, metrics.contentType(), metrics.scrape()));
        admin.route("POST", "/api/reload", r -> {
            var outcome = reloader.reload();
            StringBuilder problems = new StringBuilder("[");
            for (Problem p : outcome.problems()) {
                problems.append(problems.length() > 1 ? "," : "").append(Json.string(p.toString()));
            }
            problems.append(']');
            return AdminResponse.json(outcome.ok() ? 200 : 422, "{\"result\":" + Json.string(outcome.ok() ? "ok" : "error")
                    + ",\"generation\":" + outcome.running().generation() + ",\"problems\":" + problems + "}");
        });
        try {
            admin.start();
            return admin;
        } catch (IOException e) {
            LOG.error("cannot start the admin API: {}", e.getMessage());
            return null;
        }
    }

    /** {@code GET /api/calls/{call-id}/trace}: the kept SIP messages of one leg's Call-ID. */
    private static AdminResponse callTrace(SipTraceStore traces, String rest) {
        if (!rest.endsWith("/trace")) {
            return AdminResponse.error(404, "use /api/calls/{call-id}/trace");
        }
        String callId = java.net.URLDecoder.decode(rest.substring(0, rest.length() - "/trace".length()),
                java.nio.charset.StandardCharsets.UTF_8);
        List<SipTraceStore.Entry> entries = traces.trace(callId);
        if (entries.isEmpty()) {
            return AdminResponse.error(404, "no trace kept for Call-ID " + callId);
        }
        StringBuilder sb = new StringBuilder("{\"callId\":").append(Json.string(callId)).append(",\"messages\":[");
        for (int i = 0; i < entries.size(); i++) {
            SipTraceStore.Entry e = entries.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"timeMicros\":").append(e.timeMicros())
                    .append(",\"direction\":").append(Json.string(e.inbound() ? "in" : "out"))
                    .append(",\"transport\":").append(Json.string(e.transport()))
                    .append(",\"source\":").append(Json.string(e.source()))
                    .append(",\"destination\":").append(Json.string(e.destination()))
                    .append(",\"message\":").append(Json.string(e.text())).append('}');
        }
        return AdminResponse.json(200, sb.append("]}").toString());
    }

    /** {@code GET /api/trunks}: every trunk with its gateways' state and its registration. */
    private static String trunksJson(PolicySnapshot policy, SignalingNode node) {
        java.util.Map<String, io.sbc.signaling.registration.RegistrationStatus> regs = new java.util.HashMap<>();
        for (var st : node.trunkRegistrations()) {
            regs.put(st.trunk(), st);
        }
        StringBuilder sb = new StringBuilder("{\"trunks\":[");
        boolean first = true;
        for (var t : policy.policy().trunks().values()) {
            sb.append(first ? "" : ",").append("{\"name\":").append(Json.string(t.name()))
                    .append(",\"realm\":").append(Json.string(t.realm())).append(",\"gateways\":[");
            boolean g1 = true;
            for (var g : t.gateways()) {
                String uri = g.uri().toString();
                sb.append(g1 ? "" : ",").append("{\"uri\":").append(Json.string(uri)).append(",\"state\":")
                        .append(Json.string(node.gatewayHealth().isUp(uri) ? "up" : "down")).append('}');
                g1 = false;
            }
            sb.append("],\"registration\":");
            var st = regs.get(t.name());
            if (st == null) {
                sb.append("null");
            } else {
                sb.append("{\"state\":").append(Json.string(st.state().name().toLowerCase(java.util.Locale.ROOT)))
                        .append(",\"expiresAt\":").append(st.expiresAtMillis())
                        .append(",\"nextAttemptAt\":").append(st.nextAttemptAtMillis())
                        .append(",\"lastStatus\":").append(st.lastStatusCode())
                        .append(",\"lastReason\":").append(Json.string(st.lastReason()))
                        .append(",\"consecutiveFailures\":").append(st.consecutiveFailures()).append('}');
            }
            sb.append('}');
            first = false;
        }
        return sb.append("]}").toString();
    }

    /** What the status page shows, read live from the running node and the current policy. */
    private static StatusApi.Sources statusSources(PolicyHolder holder, SignalingNode node) {
        return new StatusApi.Sources(holder.current().policy().node().name(), Main.version(), () -> !node.draining(),
                () -> node.calls().active(), () -> node.calls().started(),
                () -> {
                    List<StatusApi.TrunkView> out = new ArrayList<>();
                    for (var t : holder.current().policy().trunks().values()) {
                        List<StatusApi.GatewayView> gws = new ArrayList<>();
                        for (var g : t.gateways()) {
                            String uri = g.uri().toString();
                            gws.add(new StatusApi.GatewayView(uri, node.gatewayHealth().isUp(uri) ? "up" : "down"));
                        }
                        String reg = "not registering";
                        for (var st : node.trunkRegistrations()) {
                            if (st.trunk().equals(t.name())) {
                                reg = st.state().name().toLowerCase(java.util.Locale.ROOT);
                            }
                        }
                        out.add(new StatusApi.TrunkView(t.name(), reg, gws));
                    }
                    return out;
                },
                () -> {
                    List<StatusApi.BanView> out = new ArrayList<>();
                    for (var b : node.gate().bans()) {
                        out.add(new StatusApi.BanView(b.address(), b.reason(), b.remainingSeconds()));
                    }
                    return out;
                },
                () -> {
                    var f = node.mediaFigures();
                    if (f == null) {
                        return List.of();
                    }
                    return List.of(new String[] {"sessions", Long.toString(f.streamsActive())},
                            new String[] {"packets in", Long.toString(f.rxPackets())},
                            new String[] {"packets out", Long.toString(f.txPackets())},
                            new String[] {"SRTP failures", Long.toString(f.srtpFailures())});
                });
    }

    /** The policy's {@code node.log-format}, unless {@code SBC_LOG_FORMAT} overrides it. */
    private static void applyLogFormat(PolicySnapshot snapshot) {
        var wanted = snapshot.policy().node().logFormat();
        if (wanted != null) {
            LogFormatFilter.select(wanted.name());
        }
    }

    private static void reload(PolicyReloader reloader, String trigger) {
        ReloadOutcome outcome = reloader.reload();
        LOG.info("policy reload ({}): {}", trigger, outcome);
    }

    /** Bouncy Castle's JSSE logs through java.util.logging; send it through SLF4J with our levels. */
    private static void routeJulToSlf4j() {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        java.util.logging.Logger.getLogger("org.bouncycastle").setLevel(java.util.logging.Level.WARNING);
    }
}
