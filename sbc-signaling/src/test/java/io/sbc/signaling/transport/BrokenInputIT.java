package io.sbc.signaling.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static io.sbc.signaling.transport.TransportItSupport.bound;
import static io.sbc.signaling.transport.TransportItSupport.bytes;
import static io.sbc.signaling.transport.TransportItSupport.eventually;
import static io.sbc.signaling.transport.TransportItSupport.loopback;
import static io.sbc.signaling.transport.TransportItSupport.readExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fires a corpus of broken inputs at UDP and TCP (PROTOS c07-sip, RFC 4475 torture messages, seeded
 * random garbage, truncated messages, bad Content-Length, oversize, non-UTF-8, NULs) and proves that
 * afterwards the transport still echoes a good message, nothing reached Netty's pipeline tail, and no
 * exception was caught anywhere but where input problems are expected.
 */
class BrokenInputIT {
    private static final int MAX_MESSAGE_BYTES = 8192;
    private static final long SEED = Long.getLong("sbc.test.seed", 7118L);
    private final EchoListener listener = new EchoListener();
    private NettyTailWatcher tail;
    private SipTransportManager manager;

    @BeforeEach
    void start() throws IOException {
        tail = new NettyTailWatcher();
        manager = TransportItSupport.start(TransportConfig.defaults().withMaxMessageBytes(MAX_MESSAGE_BYTES), listener,
                List.of(ListenPoint.of(Transport.UDP, loopback(0), "pbx"), ListenPoint.of(Transport.TCP, loopback(0), "pbx")));
    }

    @AfterEach
    void stop() {
        manager.stop();
        tail.close();
    }

    static List<byte[]> corpus() throws IOException {
        List<byte[]> inputs = new ArrayList<>();
        try (InputStream index = BrokenInputIT.class.getResourceAsStream("corpus/index.txt")) {
            for (String name : new String(index.readAllBytes(), StandardCharsets.US_ASCII).split("\n")) {
                if (!name.isBlank()) {
                    try (InputStream in = BrokenInputIT.class.getResourceAsStream("corpus/" + name.trim())) {
                        inputs.add(in.readAllBytes());
                    }
                }
            }
        }
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        for (int i = 0; i < 40; i++) {
            byte[] garbage = new byte[1 + random.nextInt(3000)];
            random.nextBytes(garbage);
            inputs.add(garbage);
        }
        String good = FramerHarness.request("truncated", "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\n");
        for (int i = 0; i < 20; i++) {
            inputs.add(bytes(good.substring(0, random.nextInt(good.length()))));
        }
        for (String length : List.of("-1", "abc", "99999999999999999999", "1 1", "", "0x10", "5\r\nContent-Length: 6")) {
            inputs.add(bytes("INVITE sip:a@b SIP/2.0\r\nCall-ID: cl\r\nContent-Length: " + length + "\r\n\r\nhello!"));
        }
        inputs.add(bytes("OPTIONS sip:a@b SIP/2.0\r\nCall-ID: nocl\r\n\r\n"));
        inputs.add(bytes(FramerHarness.request("over", "x".repeat(MAX_MESSAGE_BYTES + 10))));
        inputs.add(bytes("INVITE sip:a@b SIP/2.0\r\n" + "X-Pad: y\r\n".repeat(2000)));
        byte[] nonUtf8 = bytes(FramerHarness.request("nonutf8", "\u00ff\u00fe\u0080\u00c3\u0028"));
        nonUtf8[9] = (byte) 0xC3;
        nonUtf8[10] = (byte) 0x28;
        inputs.add(nonUtf8);
        inputs.add(new byte[] {0, 0, 0, 0, '\r', '\n', '\r', '\n', 0});
        inputs.add(bytes("\r".repeat(100) + "\n".repeat(100) + "\r\n\r\n".repeat(50)));
        inputs.add(new byte[0]);
        return inputs;
    }

    @Test
    void survivesBrokenDatagramsAndStillEchoesAGoodOne() throws Exception {
        InetSocketAddress server = bound(manager, Transport.UDP).address();
        try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
            client.setReceiveBufferSize(4 << 20);
            for (byte[] input : corpus()) {
                if (input.length > 0 && input.length <= 65_000) {
                    client.send(new DatagramPacket(input, input.length, server));
                }
            }
            // UDP on loopback drops when a burst overflows a receive buffer, so the good datagram is
            // re-sent until its echo arrives (at most 10 times).
            String good = FramerHarness.request("after-udp-corpus", "");
            DatagramPacket reply = new DatagramPacket(new byte[70_000], 70_000);
            client.setSoTimeout(500);
            boolean echoed = false;
            for (int attempt = 0; attempt < 10 && !echoed; attempt++) {
                client.send(new DatagramPacket(bytes(good), good.length(), server));
                try {
                    for (int i = 0; i < 1000 && !echoed; i++) {
                        client.receive(reply); // echoes of corpus entries may come first
                        echoed = good.equals(new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1));
                    }
                } catch (java.net.SocketTimeoutException lost) {
                    // try again
                }
            }
            assertTrue(echoed, "the good datagram was echoed after the corpus");
        }
        assertTrue(manager.counters().oversize() >= 1, manager.counters().toString());
        assertNothingEscaped();
    }

    @Test
    void survivesBrokenStreamsAndStillEchoesAGoodMessage() throws Exception {
        InetSocketAddress server = bound(manager, Transport.TCP).address();
        List<byte[]> corpus = corpus();
        for (byte[] input : corpus) {
            try (Socket s = TransportItSupport.connect(server)) {
                s.getOutputStream().write(input);
                s.shutdownOutput(); // EOF mid-message is part of the test
                drain(s.getInputStream());
            }
        }
        // Everything on one connection: the first framing error ends it.
        try (Socket s = TransportItSupport.connect(server)) {
            for (byte[] input : corpus) {
                try {
                    s.getOutputStream().write(input);
                } catch (IOException closedByServer) {
                    break;
                }
            }
        }
        String good = FramerHarness.request("after-tcp-corpus", "ok");
        try (Socket s = TransportItSupport.connect(server)) {
            s.getOutputStream().write(bytes(good));
            assertEquals(good, readExactly(s.getInputStream(), good.length()));
        }
        TransportCounters c = manager.counters();
        assertTrue(c.framingErrors(FramingError.MISSING_CONTENT_LENGTH) > 0, c.toString());
        assertTrue(c.framingErrors(FramingError.BAD_CONTENT_LENGTH) > 0, c.toString());
        assertTrue(c.framingErrors(FramingError.CONFLICTING_CONTENT_LENGTH) > 0, c.toString());
        assertTrue(c.oversize() >= 2, c.toString());
        assertTrue(eventually(Duration.ofSeconds(5), () -> c.openConnections() == 0), c.toString());
        assertEquals(c.accepted(), c.closed());
        assertNothingEscaped();
    }

    private static void drain(InputStream in) {
        try {
            in.readNBytes(1 << 20); // until the server closes or echoes end; bounded by the socket timeout
        } catch (IOException e) {
            // reset or timeout: the server may close a connection with unread data
        }
    }

    private void assertNothingEscaped() throws InterruptedException {
        System.gc();
        Thread.sleep(100); // let the leak detector see collected buffers on the next allocations
        String good = FramerHarness.request("final", "");
        try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
            client.send(new DatagramPacket(bytes(good), good.length(), bound(manager, Transport.UDP).address()));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertTrue(eventually(Duration.ofSeconds(2), () -> manager.counters().framesReceived() > 0));
        TransportCounters c = manager.counters();
        assertEquals(0, c.pipelineExceptions(), c.toString());
        assertEquals(0, c.listenerFailures(), c.toString());
        assertEquals(0, c.unexpectedMessages(), c.toString());
        assertEquals(List.of(), tail.events(), "nothing reached Netty's pipeline tail and no buffer leaked");
    }
}
