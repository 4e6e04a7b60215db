package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingCounters;
import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Broken input over UDP and TCP never reaches a Netty event loop as an exception: the PROTOS
 * c07-sip cases, the RFC 4475 torture messages, truncations and random garbage are each answered
 * (400/505/513 when readable) or dropped and counted, and the SBC still answers OPTIONS afterwards.
 */
class BadInputIT {
    private static final long SEED = 0x5bc0ffeeL;
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        node = SignalingNode.start(ItPolicies.load("loopback-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void survivesBrokenInputOverUdpAndStillAnswers() throws Exception {
        List<byte[]> corpus = corpus();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.40", 0))) {
            InetSocketAddress sbc = new InetSocketAddress("127.0.0.20", 5060);
            for (byte[] m : corpus) {
                s.send(new DatagramPacket(m, m.length, sbc));
            }
        }
        assertStillAnswersOptions();
        assertNothingReachedTheEventLoop();
        assertTrue(node.counters().malformedTotal() > 0, "broken input was not counted as malformed");
        assertTrue(node.counters().statelessReplies() > 0, "no readable broken request was answered 400");
    }

    @Test
    void survivesBrokenInputOverTcpAndStillAnswers() throws Exception {
        List<byte[]> corpus = corpus();
        for (byte[] m : corpus) {
            // One connection per input: a framing error closes the connection, as it must.
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress("127.0.0.40", 0));
                s.connect(new InetSocketAddress("127.0.0.20", 5060), 5000);
                s.setSoTimeout(200);
                OutputStream out = s.getOutputStream();
                out.write(m);
                out.flush();
                s.shutdownOutput();
                drain(s.getInputStream());
            } catch (IOException e) {
                // A connection reset by the SBC after a framing error is an acceptable answer.
            }
        }
        assertStillAnswersOptions();
        assertNothingReachedTheEventLoop();
        assertTrue(node.transportCounters().framingErrors() > 0 || node.counters().malformedTotal() > 0,
                "broken stream input was neither a framing error nor a malformed message");
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // read until the SBC closes or stays silent
            }
        } catch (SocketTimeoutException e) {
            // silence is fine
        }
    }

    private static void assertNothingReachedTheEventLoop() {
        assertEquals(0, node.counters().drops(SignalingCounters.Drop.INTERNAL_ERROR), node.counters()::toString);
        assertEquals(0, node.transportCounters().pipelineExceptions(), node.transportCounters()::toString);
        assertEquals(0, node.transportCounters().listenerFailures(), node.transportCounters()::toString);
    }

    private static void assertStillAnswersOptions() throws Exception {
        String options = "OPTIONS sip:127.0.0.20:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5099;branch=z9hG4bK-after-" + System.nanoTime() + ";rport\r\n"
                + "From: <sip:probe@127.0.0.10>;tag=after\r\n"
                + "To: <sip:127.0.0.20>\r\n"
                + "Call-ID: after-" + System.nanoTime() + "@127.0.0.10\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", 0))) {
            s.setSoTimeout(1000);
            byte[] b = options.getBytes(StandardCharsets.US_ASCII);
            // Retransmit like a UAC (Timer E): the flood may still fill the SBC's socket buffer, and a
            // datagram dropped by the kernel there is not the SBC failing.
            for (int attempt = 0; attempt < 10; attempt++) {
                s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.20", 5060)));
                DatagramPacket p = new DatagramPacket(new byte[4096], 4096);
                try {
                    s.receive(p);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                String answer = new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("SIP/2.0 200 OK"), "after the broken input the SBC answered: " + answer);
                return;
            }
            throw new AssertionError("no answer to OPTIONS after the broken input: " + node.counters());
        }
    }

    /** PROTOS c07-sip, RFC 4475, truncations of a good INVITE and seeded random garbage. */
    static List<byte[]> corpus() throws Exception {
        List<byte[]> out = new ArrayList<>();
        for (String dir : List.of("protos-c07-sip", "rfc4475")) {
            Path d = Path.of(BadInputIT.class.getResource("/io/sbc/signaling/codec/" + dir).toURI());
            try (Stream<Path> files = Files.list(d)) {
                for (Path f : files.sorted().toList()) {
                    String n = f.getFileName().toString();
                    if (n.endsWith(".sip") || n.endsWith(".dat")) {
                        byte[] b = Files.readAllBytes(f);
                        if (b.length <= 65_000) {
                            out.add(b);
                        }
                    }
                }
            }
        }
        byte[] invite = ("INVITE sip:bob@127.0.0.20 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.40:5060;branch=z9hG4bK-trunc\r\n"
                + "From: <sip:a@127.0.0.40>;tag=1\r\nTo: <sip:bob@127.0.0.20>\r\n"
                + "Call-ID: trunc@127.0.0.40\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: 20\r\n\r\nv=0\r\no=- 1 1 IN IP4 1\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        for (int cut = 1; cut < invite.length; cut += 7) {
            out.add(java.util.Arrays.copyOf(invite, cut));
        }
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 200; i++) {
            byte[] g = new byte[1 + random.nextInt(1400)];
            for (int k = 0; k < g.length; k++) {
                g[k] = (byte) random.nextInt(256);
            }
            out.add(g);
        }
        return out;
    }
}
