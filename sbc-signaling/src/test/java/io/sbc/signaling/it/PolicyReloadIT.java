package io.sbc.signaling.it;

import io.sbc.policy.PolicyHolder;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.reload.PolicyReloader;
import io.sbc.policy.reload.ReloadOutcome;
import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.registration.RegistrationState;
import io.sbc.signaling.registration.RegistrationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live reload against the running signaling plane: a valid file swaps the policy and opens and
 * closes the listen addresses it adds and removes; an invalid file keeps everything as it was; trunk
 * registrations follow the reloaded {@code register} settings (a SIPp registrar sees them).
 */
class PolicyReloadIT {
    private static final String BEFORE = """
            version: 1
            node: {name: reload-it, admin: 127.0.0.1:18090, cdr: target/reload-cdr}
            realms:
              pbx:
                listen: [udp://127.0.0.20:5160]
                media-address: 127.0.0.20
            """;
    private static final String AFTER = """
            version: 1
            node: {name: reload-it, admin: 127.0.0.1:18090, cdr: target/reload-cdr}
            realms:
              pbx:
                listen: [udp://127.0.0.20:5161]
                media-address: 127.0.0.20
              carrier:
                listen: [udp://127.0.0.21:5162]
                media-address: 127.0.0.21
            """;

    @Test
    void reloadOpensAndClosesListenAddressesAndKeepsTheRunningPolicyOnErrors(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, BEFORE);
        PolicyLoader loader = PolicyLoader.withSystemEnvironment();
        LoadResult first = loader.load(file);
        assertTrue(first.ok(), first.problems()::toString);
        try (SignalingNode node = SignalingNode.start(first.snapshot())) {
            PolicyHolder holder = new PolicyHolder(first.snapshot());
            PolicyReloader reloader = new PolicyReloader(file, loader, holder);
            reloader.addListener(node::reload);
            assertTrue(answersOptions("127.0.0.20", 5160));

            Files.writeString(file, AFTER);
            ReloadOutcome ok = reloader.reload();
            assertTrue(ok.ok(), ok.problems()::toString);
            assertTrue(answersOptions("127.0.0.20", 5161), "the new pbx address does not answer");
            assertTrue(answersOptions("127.0.0.21", 5162), "the new carrier realm does not answer");
            assertFalse(answersOptions("127.0.0.20", 5160), "the removed address still answers");
            assertEquals(2, node.listening().size());

            Files.writeString(file, AFTER.replace("listen: [udp://127.0.0.21:5162]", "listen: [udp://127.0.0.21:99999]"));
            ReloadOutcome bad = reloader.reload();
            assertFalse(bad.ok());
            assertEquals(1, reloader.reloadsFailed());
            assertEquals(ok.running(), holder.current(), "a bad file must leave the running policy in place");
            assertTrue(answersOptions("127.0.0.21", 5162), "a bad file must not close listeners");
        }
    }

    private static boolean answersOptions(String ip, int port) throws Exception {
        String options = "OPTIONS sip:" + ip + ":" + port + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5199;branch=z9hG4bK-reload-" + System.nanoTime() + ";rport\r\n"
                + "From: <sip:probe@127.0.0.10>;tag=r\r\nTo: <sip:" + ip + ">\r\n"
                + "Call-ID: reload-" + System.nanoTime() + "@127.0.0.10\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", 0))) {
            s.setSoTimeout(700);
            byte[] b = options.getBytes(StandardCharsets.US_ASCII);
            for (int attempt = 0; attempt < 3; attempt++) {
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress(ip, port)));
                DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                try {
                    s.receive(p);
                    return new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII).startsWith("SIP/2.0 200");
                } catch (SocketTimeoutException | java.net.PortUnreachableException e) {
                    // retry like a UAC
                }
            }
            return false;
        }
    }

    @Test
    void reloadStartsChangesAndStopsTrunkRegistrations() throws Exception {
        OptionsSippIT.assumeSipp();
        String test = "register-reload";
        // Two registrations (Call-IDs): the one for 600 s, then the one for 300 s; each ends with Expires: 0.
        SippPeer registrar = SippPeer.uas(test, "registrar", ItPolicies.resource("register-reload-uas.xml"),
                "127.0.0.95", 5097, 2, Duration.ofSeconds(40)).start();
        io.sbc.policy.PolicySnapshot none = ItPolicies.load("auth/register-reload-none.yaml");
        io.sbc.policy.PolicySnapshot long600 = ItPolicies.load("auth/register-reload-600.yaml");
        io.sbc.policy.PolicySnapshot short300 = ItPolicies.load("auth/register-reload-300.yaml");
        try (SignalingNode node = SignalingNode.start(none)) {
            assertTrue(node.trunkRegistrations().isEmpty(), node.trunkRegistrations()::toString);
            node.reload(none, long600);
            awaitRegistered(node, 600);
            node.reload(long600, short300);
            awaitRegistered(node, 300);
            node.reload(short300, none);
            assertEquals(0, registrar.await(), registrar::describe);
            assertTrue(node.trunkRegistrations().isEmpty(), node.trunkRegistrations()::toString);
        } finally {
            registrar.kill();
        }
        List<String> registers = registrar.received().stream().filter(m -> m.startsWith("REGISTER ")).toList();
        assertEquals(4, registers.size(), registers::toString);
        assertEquals(List.of("600", "0", "300", "0"),
                registers.stream().map(m -> TraceLog.header(m, "Expires")).toList());
    }

    /** Waits up to 10 s for the one trunk registration to be REGISTERED with {@code seconds} asked. */
    private static void awaitRegistered(SignalingNode node, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<RegistrationStatus> s = node.trunkRegistrations();
        while (System.nanoTime() < deadline && !(s.size() == 1 && s.get(0).state() == RegistrationState.REGISTERED
                && s.get(0).expiresAtMillis() - System.currentTimeMillis() > (seconds - 60) * 1000L
                && s.get(0).expiresAtMillis() - System.currentTimeMillis() <= seconds * 1000L)) {
            Thread.sleep(50);
            s = node.trunkRegistrations();
        }
        assertEquals(1, s.size(), s::toString);
        assertEquals(RegistrationState.REGISTERED, s.get(0).state(), s::toString);
    }
}
