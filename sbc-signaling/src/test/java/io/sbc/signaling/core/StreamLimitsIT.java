package io.sbc.signaling.core;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.gate.DropReason;
import io.sbc.signaling.gate.Gate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stream limits of a running SBC on loopback (issue #6 "Streams"): connections per source and in
 * total. Loads are bounded (a handful of connections).
 */
class StreamLimitsIT {
    static final String HOST = "127.0.0.123";
    static final InetSocketAddress TCP = new InetSocketAddress(HOST, 5062);
    static final InetSocketAddress TLS = new InetSocketAddress(HOST, 5063);
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        node = SignalingNode.start(load("streams-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void closesTheConnectionOverTheSourceLimitAndTheTotalWhileOthersAreServed() throws Exception {
        Gate gate = node.gate();
        int pbx = gate.realmIndex("pbx");
        long refusedBefore = gate.dropped(pbx, DropReason.CONNECTION_LIMIT);
        List<Socket> open = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                open.add(connect("127.0.0.10"));
            }
            for (Socket s : open) {
                assertTrue(answersOptions(s), "a connection within the source's limit is served");
            }
            Socket fourth = connect("127.0.0.10");
            assertTrue(closedByPeer(fourth), "the 4th connection from one source is closed at once");
            fourth.close();

            Socket other = connect("127.0.0.11");
            open.add(other);
            assertTrue(answersOptions(other), "another source is still accepted and served");
            open.add(connect("127.0.0.11"));
            assertTrue(answersOptions(open.get(4)), "5 connections in total are allowed");

            Socket overTotal = connect("127.0.0.12");
            assertTrue(closedByPeer(overTotal), "a 6th connection (over the total of 5) is closed at once");
            overTotal.close();

            assertEquals(2, gate.dropped(pbx, DropReason.CONNECTION_LIMIT) - refusedBefore,
                    "both refusals counted as connection_limit");
            assertEquals(3, node.connectionLimiter().open(java.net.InetAddress.getByName("127.0.0.10")));

            open.remove(0).close();
            awaitOpen(4);
            Socket again = connect("127.0.0.12");
            open.add(again);
            assertTrue(answersOptions(again), "a closed connection frees its place");
        } finally {
            for (Socket s : open) {
                s.close();
            }
        }
        awaitOpen(0);
    }

    @Test
    void closesAConnectionWhosePeerNeverReadsItsResponses() throws Exception {
        long closedBefore = node.transportCounters().writeBacklogClosed() + node.transportCounters().unwritableClosed();
        Socket s = new Socket();
        s.setReceiveBufferSize(4096); // before connect: a small window, so the backlog builds on the SBC
        s.bind(new InetSocketAddress("127.0.0.13", 0));
        s.connect(TCP, 2000);
        // Each OPTIONS carries ~27 KB of Via headers that its 200 echoes (RFC 3261 section 8.2.6.2):
        // 600 of them ask for ~16 MB of responses, far past the kernel's buffers and the SBC's cap.
        StringBuilder vias = new StringBuilder();
        String pad = "a".repeat(880);
        for (int i = 0; i < 30; i++) {
            vias.append("Via: SIP/2.0/TCP 192.0.2.").append(i + 1).append(":5060;branch=z9hG4bK-pad").append(i)
                    .append(";x-pad=").append(pad).append("\r\n");
        }
        boolean writeFailed = false;
        try (s) {
            InetSocketAddress local = (InetSocketAddress) s.getLocalSocketAddress();
            for (int i = 0; i < 600 && !writeFailed; i++) {
                String callId = "slow-reader-" + i;
                String msg = "OPTIONS sip:" + HOST + ":5062;transport=tcp SIP/2.0\r\n"
                        + "Via: SIP/2.0/TCP " + local.getHostString() + ":" + local.getPort() + ";branch=z9hG4bK-" + callId + "\r\n"
                        + vias
                        + "Max-Forwards: 70\r\n"
                        + "From: <sip:probe@127.0.0.13>;tag=" + callId + "\r\n"
                        + "To: <sip:" + HOST + ">\r\n"
                        + "Call-ID: " + callId + "\r\n"
                        + "CSeq: 1 OPTIONS\r\n"
                        + "Content-Length: 0\r\n\r\n";
                try {
                    s.getOutputStream().write(msg.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    writeFailed = true; // the SBC closed the connection
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (node.transportCounters().writeBacklogClosed() + node.transportCounters().unwritableClosed()
                    == closedBefore && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        }
        assertEquals(1, node.transportCounters().writeBacklogClosed() + node.transportCounters().unwritableClosed()
                - closedBefore, "the connection of the peer that never reads is closed and counted ("
                + node.transportCounters() + ")");
        awaitOpen(0);
    }

    @Test
    void closesATlsConnectionThatNeverStartsItsHandshakeAfterTheTimeout() throws Exception {
        long timeoutsBefore = node.transportCounters().tlsHandshakeTimeouts();
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress("127.0.0.14", 0));
            s.connect(TLS, 2000);
            s.setSoTimeout(5000);
            long started = System.nanoTime();
            int read;
            try {
                read = s.getInputStream().read(); // sends nothing, not even a ClientHello
            } catch (IOException e) {
                read = -1; // reset
            }
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(-1, read, "the SBC closed the connection");
            // security.tls-handshake-timeout: 1s in the policy (the default is 10 s).
            assertTrue(elapsedMs >= 900 && elapsedMs < 4000, "closed after " + elapsedMs + " ms");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (node.transportCounters().tlsHandshakeTimeouts() == timeoutsBefore && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(1, node.transportCounters().tlsHandshakeTimeouts() - timeoutsBefore, "counted as a timeout");
        awaitOpen(0);
    }

    private static void awaitOpen(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (node.connectionLimiter().open() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(expected, node.connectionLimiter().open(), "connections the limiter counts");
    }

    static Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(TCP, 2000);
        s.setSoTimeout(3000);
        return s;
    }

    /** True when the peer closes (EOF or reset) within 3 s without sending anything. */
    static boolean closedByPeer(Socket s) throws IOException {
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static int seq;

    /** Sends an OPTIONS to the SBC over {@code s} and waits for its 200. */
    static boolean answersOptions(Socket s) throws IOException {
        String callId = "streams-" + (++seq) + "-" + System.nanoTime();
        InetSocketAddress local = (InetSocketAddress) s.getLocalSocketAddress();
        String msg = "OPTIONS sip:" + HOST + ":5062;transport=tcp SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP " + local.getHostString() + ":" + local.getPort() + ";branch=z9hG4bK-" + callId + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@" + local.getHostString() + ">;tag=" + callId + "\r\n"
                + "To: <sip:" + HOST + ">\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
        s.getOutputStream().write(msg.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[4096];
        try {
            while (!got.toString().contains("\r\n\r\n")) {
                int n = in.read(buf);
                if (n < 0) {
                    return false;
                }
                got.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        } catch (SocketTimeoutException e) {
            return false;
        }
        assertFalse(got.isEmpty());
        return got.toString().startsWith("SIP/2.0 200") && got.toString().contains(callId);
    }

    static PolicySnapshot load(String name) throws Exception {
        Path p = Path.of(StreamLimitsIT.class.getResource(name).toURI());
        LoadResult r = PolicyLoader.withSystemEnvironment().load(p);
        if (!r.ok()) {
            throw new IllegalStateException(name + " invalid: " + r.problems());
        }
        return r.snapshot();
    }
}
