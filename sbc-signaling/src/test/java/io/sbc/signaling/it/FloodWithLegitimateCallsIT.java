package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.gate.Gate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #6's headline test: SIPp places legitimate calls from 127.0.0.10 through the SBC to a SIPp
 * UAS on 127.0.0.30 at 20 calls/s for 20 s while, at the same time, 127.0.0.50 floods INVITEs as
 * fast as a Java sender can, 127.0.0.51 floods OPTIONS and REGISTERs (each from a process of its
 * own at nice 19, {@link FloodSender}: as from the network, not on the SBC's CPU), and 100 addresses
 * (127.0.1.x) send garbage. Every legitimate call must succeed (SIPp exits 0 only when all 400
 * did: at least 99.9%), each flooder must be banned within 1 s of its first datagram, and the heap
 * after GC must not grow by more than 48 MiB from warm-up to the end. Bounded: 400 calls, 60,000
 * flood datagrams per flooder, at most 5,000 garbage datagrams; under 60 s.
 */
class FloodWithLegitimateCallsIT {
    private static final InetSocketAddress SBC = new InetSocketAddress("127.0.0.20", 5086);
    private static final int CALLS = 400;
    private static SignalingNode node;
    /** Per flooder address: epoch microseconds of its first datagram. */
    private static final ConcurrentHashMap<String, Long> FIRST_PACKET = new ConcurrentHashMap<>();
    private static final StringBuffer FLOODER_OUTPUT = new StringBuffer();

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/flood-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void legitimateCallsSucceedWhileFloodersAreBannedWithinASecond() throws Exception {
        String test = "flood-with-legitimate-calls";
        Gate gate = node.gate();
        Process inviteFlooder = null;
        Process optionsFlooder = null;
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5296, CALLS,
                Duration.ofSeconds(55)).start();
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("flood-caller.xml"), "127.0.0.10", 5297,
                "127.0.0.20:5086", CALLS, Duration.ofSeconds(50)).arg("-r", "20", "-l", "100", "-d", "100",
                "-s", "5551234567");
        caller.start();
        try {
            Thread.sleep(2000); // warm-up: calls flowing, JIT done for the call path
            long heapWarm = usedHeapAfterGc();
            // The flooders are processes of their own at nice 19 (see FloodSender); the ban times are
            // polled here.
            java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
            CompletableFuture<Long> invites = CompletableFuture.supplyAsync(() -> banTime(gate, "127.0.0.50"), threads);
            CompletableFuture<Long> options = CompletableFuture.supplyAsync(() -> banTime(gate, "127.0.0.51"), threads);
            threads.shutdown(); // the two tasks run to their end; no new ones
            inviteFlooder = startFlooder("127.0.0.50", 60_000, "INVITE");
            optionsFlooder = startFlooder("127.0.0.51", 60_000, "OPTIONS");
            SplittableRandom rnd = new SplittableRandom(0xF100D);
            garbage(gate, rnd); // during the floods: the kernel drops much of it (full receive buffer)
            awaitFlooder(inviteFlooder, 60_000);
            awaitFlooder(optionsFlooder, 60_000);
            for (int round = 0; round < 4; round++) {
                Thread.sleep(200);
                garbage(gate, rnd); // again from the sources not banned yet, as a scanner keeps trying
            }
            long inviteBanMs = invites.get(10, TimeUnit.SECONDS);
            long optionsBanMs = options.get(10, TimeUnit.SECONDS);

            assertEquals(0, caller.await(), "every legitimate call succeeded\n" + caller.describe());
            int calleeExit = callee.await();
            assertTrue(inviteBanMs >= 0 && inviteBanMs <= 1000, "INVITE flooder banned after " + inviteBanMs + " ms");
            assertTrue(optionsBanMs >= 0 && optionsBanMs <= 1000, "OPTIONS/REGISTER flooder banned after "
                    + optionsBanMs + " ms");
            int garbageBanned = 0;
            for (int host = 1; host <= 100; host++) {
                if (gate.isBanned("127.0.1." + host)) {
                    garbageBanned++;
                }
            }
            // Five malformed messages ban a source; a burst cut short by the kernel under the floods
            // is completed by the next round. Most must be banned.
            assertTrue(garbageBanned >= 90, "garbage sources banned: " + garbageBanned);
            assertTrue(!gate.isBanned("127.0.0.10") && !gate.isBanned("127.0.0.30"), "the PBX and the carrier are not banned");
            ActiveCalls.awaitNone(node);
            long growth = usedHeapAfterGc() - heapWarm;
            assertTrue(growth < 48L << 20, "heap grew by " + (growth >> 20) + " MiB");
            // Last: the callee's view (its 200 answered by the SBC's ACK, its BYE answered).
            assertEquals(0, calleeExit, callee::describe);
        } finally {
            caller.kill();
            callee.kill();
            for (Process p : new Process[] {inviteFlooder, optionsFlooder}) {
                if (p != null && p.isAlive()) {
                    p.destroyForcibly(); // by its PID
                }
            }
        }
    }

    /**
     * Milliseconds from the source's first datagram (as its flooder reported it) to its ban, polled
     * every 2 ms; -1 if none within 8 s.
     */
    private static long banTime(Gate gate, String source) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        while (System.nanoTime() < deadline) {
            Long first = FIRST_PACKET.get(source);
            if (first != null && gate.isBanned(source)) {
                return (FloodSender.epochMicros() - first) / 1_000;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000);
        }
        return -1;
    }

    /** Starts a {@link FloodSender} at nice 19; a thread records its first datagram's time. */
    private static Process startFlooder(String from, int count, String method) throws java.io.IOException {
        List<String> cmd = List.of("nice", "-n", "19",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), FloodSender.class.getName(), from,
                Integer.toString(count), method, SBC.getHostString(), Integer.toString(SBC.getPort()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.US_ASCII))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("first ")) {
                        FIRST_PACKET.put(from, Long.parseLong(line.substring(6).trim()));
                    } else {
                        FLOODER_OUTPUT.append(from).append(": ").append(line).append('\n');
                    }
                }
            } catch (java.io.IOException e) {
                // the child is gone; its exit is checked by awaitFlooder
            }
        }, "flooder-" + from);
        reader.setDaemon(true);
        reader.start();
        return p;
    }

    private static void awaitFlooder(Process p, long timeoutMs) throws InterruptedException {
        assertTrue(p.waitFor(timeoutMs, TimeUnit.MILLISECONDS), "flooder " + p.pid() + " still running");
        assertEquals(0, p.exitValue(), () -> "flooder " + p.pid() + " failed:\n" + FLOODER_OUTPUT);
    }

    /** 10 garbage datagrams from each of 127.0.1.1-100 not banned yet. */
    private static void garbage(Gate gate, SplittableRandom rnd) throws java.io.IOException {
        for (int host = 1; host <= 100; host++) {
            if (gate.isBanned("127.0.1." + host)) {
                continue;
            }
            try (DatagramChannel ch = DatagramChannel.open()) {
                ch.bind(new InetSocketAddress("127.0.1." + host, 0));
                for (int i = 0; i < 10; i++) {
                    byte[] junk = new byte[20 + rnd.nextInt(300)];
                    rnd.nextBytes(junk);
                    ch.send(ByteBuffer.wrap(junk), SBC);
                    java.util.concurrent.locks.LockSupport.parkNanos(300_000);
                }
            }
        }
    }

    private static long usedHeapAfterGc() {
        var mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
