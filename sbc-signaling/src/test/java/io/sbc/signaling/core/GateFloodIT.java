package io.sbc.signaling.core;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.admin.AdminServer;
import io.sbc.signaling.gate.DropReason;
import io.sbc.signaling.gate.Gate;
import io.sbc.signaling.gate.GateAdmin;
import io.sbc.signaling.gate.OverloadDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Floods against the running SBC with the gate in front of its dispatcher, on loopback: legitimate
 * OPTIONS from 127.0.0.10 keep being answered while other loopback addresses flood; each flooder is
 * banned within a second; the heap stays flat. Loads are bounded (20,000 datagrams; 200 × 10
 * garbage datagrams).
 */
class GateFloodIT {
    /** Threads of our own: the common pool may run the legitimate probe and the flood one after the other. */
    private static final java.util.concurrent.ExecutorService THREADS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "gate-flood-it");
        t.setDaemon(true);
        return t;
    });

    private static final InetSocketAddress SBC = new InetSocketAddress("127.0.0.120", 5062);
    private static SignalingNode node;
    private static Gate gate;
    private static OverloadDetector overload;
    private static AdminServer admin;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final java.util.concurrent.atomic.AtomicLong FIRST_FLOOD_DATAGRAM = new java.util.concurrent.atomic.AtomicLong();

    @BeforeAll
    static void start() throws Exception {
        PolicySnapshot policy = load();
        node = SignalingNode.start(policy);
        gate = node.gate(); // the node's own gate and overload detector, as in production
        overload = node.overload();
        admin = new AdminServer(new InetSocketAddress("127.0.0.1", 0), null);
        GateAdmin.register(admin, gate);
        admin.start();
    }

    @AfterAll
    static void stop() {
        if (overload != null) {
            overload.close();
        }
        if (admin != null) {
            admin.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void optionsFloodIsBannedWithinASecondWhileLegitimateOptionsAreAllAnswered() throws Exception {
        Probe legit = new Probe();
        assertTrue(legit.options(), "warm-up OPTIONS answered");
        long heapBefore = usedHeapAfterGc();

        CompletableFuture<Integer> legitRun = CompletableFuture.supplyAsync(() -> legit.steady(60, 50), THREADS);
        long started = System.nanoTime();
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> flood("127.0.0.50", 20_000), THREADS);
        long bannedAfterMs = -1;
        while (System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5)) {
            if (gate.isBanned("127.0.0.50")) {
                // From the flooder's first datagram: it crosses its budget (burst 100) within it.
                bannedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - FIRST_FLOOD_DATAGRAM.get());
                break;
            }
            Thread.sleep(5);
        }
        flood.get(30, TimeUnit.SECONDS);
        int answered = legitRun.get(60, TimeUnit.SECONDS);

        assertTrue(bannedAfterMs >= 0 && bannedAfterMs <= 1000, "flooder banned after " + bannedAfterMs + " ms");
        assertEquals(60, answered, "every legitimate OPTIONS answered (retransmissions allowed)");
        int pbx = gate.realmIndex("pbx");
        // Most of the 20,000 datagrams overflow the socket's receive buffer in the kernel; those read
        // after the ban are dropped by the gate before parsing.
        assertTrue(gate.dropped(pbx, DropReason.BANNED_RATE) > 0, "dropped as banned");
        String bans = bansJson();
        assertTrue(bans.contains("\"127.0.0.50\"") && bans.contains("\"reason\":\"rate\""), bans);
        assertTrue(!gate.isBanned("127.0.0.10"), "the legitimate source is not banned");
        long growth = usedHeapAfterGc() - heapBefore;
        assertTrue(growth < 32L << 20, "heap grew by " + (growth >> 20) + " MiB");
    }

    @Test
    void garbageFromTwoHundredSourcesGetsEachBannedWhileLegitimateTrafficIsAnswered() throws Exception {
        Probe legit = new Probe();
        CompletableFuture<Integer> legitRun = CompletableFuture.supplyAsync(() -> legit.steady(40, 50), THREADS);
        SplittableRandom rnd = new SplittableRandom(0x6a7e);
        long malformedBefore = node.counters().malformedTotal();
        // Rounds of 10 garbage datagrams from every source not banned yet: on this shared machine the
        // kernel sometimes drops a burst when the event loop is descheduled (counted in /proc/net/udp).
        for (int round = 0; round < 4; round++) {
            for (int host = 1; host <= 200; host++) {
                if (gate.isBanned("127.0.1." + host)) {
                    continue;
                }
                try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.1." + host, 0))) {
                    for (int i = 0; i < 10; i++) {
                        byte[] junk = new byte[20 + rnd.nextInt(300)];
                        rnd.nextBytes(junk);
                        s.send(new DatagramPacket(junk, junk.length, SBC));
                        java.util.concurrent.locks.LockSupport.parkNanos(500_000);
                    }
                }
            }
            Thread.sleep(200);
        }
        int answered = legitRun.get(60, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        int banned = 0;
        while (System.nanoTime() < deadline) {
            banned = 0;
            for (int host = 1; host <= 200; host++) {
                if (gate.isBanned("127.0.1." + host)) {
                    banned++;
                }
            }
            if (banned == 200) {
                break;
            }
            Thread.sleep(20);
        }
        assertEquals(200, banned, "every garbage source banned; malformed seen " + node.counters().malformedTotal()
                + ", gate drops " + drops() + ", kernel " + kernelDrops());
        assertEquals(40, answered);
        long parsed = node.counters().malformedTotal() - malformedBefore;
        // Five malformed messages in a burst ban a source; a source whose burst the kernel cut short
        // and that resumed in the next round lost 2 points per second of decay and needs a sixth.
        assertTrue(parsed <= 200 * 6, "no source had more than 6 malformed messages parsed: " + parsed);
        assertTrue(bansJson().contains("\"127.0.1.200\""));
        assertTrue(gate.dropped(gate.realmIndex("pbx"), DropReason.BANNED_MALFORMED) >= 200,
                "garbage after each ban dropped before parsing: " + gate.dropped(gate.realmIndex("pbx"),
                        DropReason.BANNED_MALFORMED));
    }

    @Test
    void adminApiBansListsAndLiftsAddresses() throws Exception {
        assertEquals(201, call("POST", "/api/bans/127.0.0.77?seconds=120"));
        assertTrue(bansJson().contains("{\"address\":\"127.0.0.77\",\"reason\":\"manual\""), bansJson());
        assertTrue(gate.isBanned("127.0.0.77"));
        assertEquals(200, call("DELETE", "/api/bans/127.0.0.77"));
        assertEquals(404, call("DELETE", "/api/bans/127.0.0.77"));
        assertEquals(400, call("POST", "/api/bans/not-an-address"));
        assertEquals(400, call("POST", "/api/bans/127.0.0.78?seconds=0"));
        assertTrue(!gate.isBanned("127.0.0.77"));
    }

    private static int call(String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private static void flood(String from, int count) {
        byte[] msg = options("flood", from, 1).getBytes(StandardCharsets.US_ASCII);
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(from, 0));
            ch.connect(SBC);
            ByteBuffer buf = ByteBuffer.wrap(msg);
            FIRST_FLOOD_DATAGRAM.set(System.nanoTime());
            for (int i = 0; i < count; i++) {
                buf.clear();
                ch.write(buf);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String options(String callId, String from, int cseq) {
        return "OPTIONS sip:" + SBC.getHostString() + ":" + SBC.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from + ":5099;branch=z9hG4bK-" + callId + "-" + cseq + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@" + from + ">;tag=" + callId + "\r\n"
                + "To: <sip:" + SBC.getHostString() + ">\r\n"
                + "Call-ID: " + callId + "@" + from + "\r\n"
                + "CSeq: " + cseq + " OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    /** The legitimate UAC on 127.0.0.10: OPTIONS with RFC 3261 Timer E style retransmissions. */
    private static final class Probe {
        private static final AtomicInteger IDS = new AtomicInteger();

        boolean options() {
            String callId = "legit-" + IDS.incrementAndGet() + "-" + System.nanoTime();
            byte[] msg = GateFloodIT.options(callId, "127.0.0.10", 1).getBytes(StandardCharsets.US_ASCII);
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", 0))) {
                s.setSoTimeout(500);
                byte[] in = new byte[4096];
                for (int attempt = 0; attempt < 5; attempt++) {
                    s.send(new DatagramPacket(msg, msg.length, SBC));
                    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                    while (System.nanoTime() < until) {
                        DatagramPacket p = new DatagramPacket(in, in.length);
                        try {
                            s.receive(p);
                        } catch (SocketTimeoutException e) {
                            break;
                        }
                        String r = new String(in, 0, p.getLength(), StandardCharsets.US_ASCII);
                        if (r.startsWith("SIP/2.0 200") && r.contains(callId)) {
                            return true;
                        }
                    }
                }
                return false;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** {@code count} OPTIONS, one every {@code intervalMs}; returns how many were answered 200. */
        int steady(int count, long intervalMs) {
            int answered = 0;
            long next = System.nanoTime();
            for (int i = 0; i < count; i++) {
                if (options()) {
                    answered++;
                }
                next += TimeUnit.MILLISECONDS.toNanos(intervalMs);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
            }
            return answered;
        }
    }

    private static String bansJson() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + admin.port() + "/api/bans")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static String drops() {
        StringBuilder sb = new StringBuilder();
        for (DropReason d : DropReason.values()) {
            sb.append(d.label()).append('=').append(gate.dropped(gate.realmIndex("pbx"), d)).append(' ');
        }
        return sb.toString();
    }

    /** The receive-buffer drop counters of the SBC's UDP socket (the last column of /proc/net/udp*). */
    private static String kernelDrops() {
        StringBuilder sb = new StringBuilder();
        for (String f : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try {
                for (String line : java.nio.file.Files.readAllLines(Path.of(f))) {
                    if (line.contains(":13C6 ")) {
                        String[] cols = line.trim().split("\\s+");
                        sb.append(cols[cols.length - 1]).append(' ');
                    }
                }
            } catch (java.io.IOException e) {
                sb.append("? ");
            }
        }
        return sb.toString();
    }

    private static long usedHeapAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    private static PolicySnapshot load() throws Exception {
        Path p = Path.of(GateFloodIT.class.getResource("gate-policy.yaml").toURI());
        LoadResult r = PolicyLoader.withSystemEnvironment().load(p);
        if (!r.ok()) {
            throw new IllegalStateException("gate-policy.yaml invalid: " + r.problems());
        }
        return r.snapshot();
    }
}
