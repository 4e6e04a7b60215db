package io.sbc.signaling.it;

import io.sbc.policy.PolicyHolder;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.reload.PolicyReloader;
import io.sbc.policy.reload.ReloadOutcome;
import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live reload against the running signaling plane: a valid file swaps the policy and opens and
 * closes the listen addresses it adds and removes; an invalid file keeps everything as it was.
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
}
