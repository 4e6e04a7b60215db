package io.sbc.signaling.transport;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.sbc.signaling.transport.TransportItSupport.bound;
import static io.sbc.signaling.transport.TransportItSupport.bytes;
import static io.sbc.signaling.transport.TransportItSupport.connect;
import static io.sbc.signaling.transport.TransportItSupport.eventually;
import static io.sbc.signaling.transport.TransportItSupport.loopback;
import static io.sbc.signaling.transport.TransportItSupport.readExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** UDP and TCP over real loopback sockets: echo, flows, pipelining, keep-alives, oversize, idle close, send. */
class TransportIT {
    private final List<SipTransportManager> managers = new ArrayList<>();
    private final EchoListener listener = new EchoListener();

    private final NettyTailWatcher tail = new NettyTailWatcher();

    @AfterEach
    void stop() {
        managers.forEach(SipTransportManager::stop);
        tail.close();
        assertEquals(List.of(), tail.events(), "nothing reached Netty's pipeline tail");
        managers.forEach(m -> assertEquals(0, m.counters().pipelineExceptions(), m.counters().toString()));
    }

    private SipTransportManager start(TransportConfig config, EchoListener l, ListenPoint... points) throws IOException {
        SipTransportManager m = TransportItSupport.start(config, l, List.of(points));
        managers.add(m);
        return m;
    }

    private SipTransportManager startUdpTcp(TransportConfig config, InetAddress address) throws IOException {
        return start(config, listener, ListenPoint.of(Transport.UDP, new InetSocketAddress(address, 0), "pbx"),
                ListenPoint.of(Transport.TCP, new InetSocketAddress(address, 0), "pbx"));
    }

    @Test
    void echoesUdpDatagramWithFlowOfSourceAndUsesEpoll() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults(), TransportItSupport.V4);
        assertTrue(m.usesEpoll(), "epoll is available on the build machines");
        String msg = FramerHarness.request("u1", "body");
        try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
            client.setSoTimeout(5000);
            InetSocketAddress server = bound(m, Transport.UDP).address();
            client.send(new DatagramPacket(bytes(msg), msg.length(), server));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            client.receive(reply);
            assertEquals(msg, new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1));
            EchoListener.Received r = listener.nextFrame();
            assertEquals(Transport.UDP, r.flow().transport());
            assertEquals(client.getLocalSocketAddress(), r.flow().remote());
            assertEquals(0, r.flow().connectionId());
            assertEquals("pbx", r.flow().realm());
            assertEquals(server, reply.getSocketAddress());
        }
    }

    @Test
    void echoesPipelinedTcpMessagesAndAnswersKeepAlivePing() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults(), TransportItSupport.V4);
        String a = FramerHarness.request("t1", "one");
        String b = FramerHarness.request("t2", "");
        try (Socket s = connect(bound(m, Transport.TCP).address())) {
            OutputStream out = s.getOutputStream();
            out.write(bytes("\r\n\r\n" + a + b.substring(0, 10)));
            out.flush();
            out.write(bytes(b.substring(10)));
            out.flush();
            InputStream in = s.getInputStream();
            assertEquals("\r\n" + a + b, readExactly(in, 2 + a.length() + b.length()));
            EchoListener.Received r1 = listener.nextFrame();
            EchoListener.Received r2 = listener.nextFrame();
            assertEquals(r1.flow(), r2.flow(), "one connection, one flow");
            assertNotEquals(0, r1.flow().connectionId());
            assertEquals(s.getLocalSocketAddress(), r1.flow().remote());
        }
        assertEquals(1, m.counters().keepAlivePings());
        assertEquals(2, m.counters().framesReceived());
    }

    @Test
    void nioFallbackEchoesTcpAndUdp() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults().withPreferEpoll(false), TransportItSupport.V4);
        assertTrue(!m.usesEpoll());
        String msg = FramerHarness.request("n1", "x");
        try (Socket s = connect(bound(m, Transport.TCP).address())) {
            s.getOutputStream().write(bytes(msg));
            assertEquals(msg, readExactly(s.getInputStream(), msg.length()));
        }
        try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(bytes(msg), msg.length(), bound(m, Transport.UDP).address()));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            client.receive(reply);
            assertEquals(msg.length(), reply.getLength());
        }
    }

    @Test
    void listensOnIpv6LoopbackForUdpAndTcp() throws Exception {
        InetAddress v6 = InetAddress.getByName("::1");
        SipTransportManager m = startUdpTcp(TransportConfig.defaults(), v6);
        String msg = FramerHarness.request("v6", "");
        try (Socket s = connect(bound(m, Transport.TCP).address())) {
            s.getOutputStream().write(bytes(msg));
            assertEquals(msg, readExactly(s.getInputStream(), msg.length()));
        }
        EchoListener.Received r = listener.nextFrame();
        assertTrue(r.flow().remote().getAddress() instanceof Inet6Address);
        try (DatagramSocket client = new DatagramSocket(0, v6)) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(bytes(msg), msg.length(), bound(m, Transport.UDP).address()));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            client.receive(reply);
            assertEquals(msg, new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void listensOnSeveralAddressesPerRealmWithReusePortUdpSockets() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults().withIoThreads(2, 2).withUdpEdge(false), listener,
                ListenPoint.of(Transport.UDP, loopback(0), "pbx"),
                ListenPoint.of(Transport.UDP, new InetSocketAddress("127.0.0.2", 0), "pbx"),
                ListenPoint.of(Transport.TCP, new InetSocketAddress("127.0.0.2", 0), "carrier"));
        assertEquals(3, m.listening().size());
        String msg = FramerHarness.request("multi", "");
        for (ListenPoint p : m.listening()) {
            if (p.transport() != Transport.UDP) {
                continue;
            }
            try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
                client.setSoTimeout(5000);
                for (int i = 0; i < 4; i++) {
                    client.send(new DatagramPacket(bytes(msg), msg.length(), p.address()));
                    DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                    client.receive(reply);
                    assertEquals(p.address(), reply.getSocketAddress(), "answer leaves from the listen point");
                }
            }
        }
    }

    @Test
    void runsTheEdgeLoopUnderFifoPriorityOneAndTheWorkersUnderNormalScheduling() throws Exception {
        assumeTrue(ThreadPolicy.fifoPermitted(), "neither CAP_SYS_NICE nor RLIMIT_RTPRIO: the edge cannot be real-time");
        SipTransportManager m = start(TransportConfig.defaults().withIoThreads(1, 1).withEdgePriority(1), listener,
                ListenPoint.of(Transport.UDP, loopback(0), "pbx"));
        String edge = edgeThreadAfterOneDatagram(m);
        assertEquals(new ThreadPolicy(ThreadPolicy.FIFO, 1), ThreadPolicy.ofThread(edge), edge);
        String worker = m.eventLoops().get(0).submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertEquals(new ThreadPolicy(ThreadPolicy.OTHER, 0), ThreadPolicy.ofThread(worker), worker);
    }

    @Test
    void keepsTheEdgeLoopUnderNormalSchedulingWithPriorityZero() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults().withIoThreads(1, 1).withEdgePriority(0), listener,
                ListenPoint.of(Transport.UDP, loopback(0), "pbx"));
        String edge = edgeThreadAfterOneDatagram(m);
        assertEquals(new ThreadPolicy(ThreadPolicy.OTHER, 0), ThreadPolicy.ofThread(edge), edge);
    }

    /** Sends one datagram to the manager's UDP point and returns the name of the thread that read it. */
    private String edgeThreadAfterOneDatagram(SipTransportManager m) throws Exception {
        ListenPoint p = bound(m, Transport.UDP);
        String msg = FramerHarness.request("policy", "");
        try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
            client.send(new DatagramPacket(bytes(msg), msg.length(), p.address()));
            String thread = listener.nextFrame().thread();
            assertTrue(thread.startsWith("sip-edge"), thread);
            return thread;
        }
    }

    @Test
    void receivesUdpOnTheEdgeLoopAndWorkerLoopsSendStraightFromTheListenSocket() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults().withIoThreads(2, 1), listener,
                ListenPoint.of(Transport.UDP, loopback(0), "pbx"));
        ListenPoint p = bound(m, Transport.UDP);
        String msg = FramerHarness.request("edge", "");
        try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(bytes(msg), msg.length(), p.address()));
            EchoListener.Received r = listener.nextFrame();
            assertTrue(r.thread().startsWith("sip-edge"), "read on the edge loop, not a worker: " + r.thread());
            DatagramPacket echo = new DatagramPacket(new byte[2048], 2048);
            client.receive(echo); // the echo, written on the edge loop itself
            assertEquals(p.address(), echo.getSocketAddress());

            String fromWorker = FramerHarness.request("from-worker", "");
            for (io.netty.channel.EventLoop worker : m.eventLoops()) {
                CompletableFuture<Flow> sent = worker.submit(() -> m.send(p,
                        (InetSocketAddress) client.getLocalSocketAddress(),
                        Unpooled.directBuffer().writeBytes(bytes(fromWorker)))).get(5, TimeUnit.SECONDS);
                assertEquals(p, sent.get(5, TimeUnit.SECONDS).listenPoint());
                DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
                client.receive(reply);
                assertEquals(p.address(), reply.getSocketAddress(), "a worker's datagram leaves from the listen point");
                assertEquals(fromWorker, new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1));
            }
            assertEquals(2, m.counters().sentDirect.sum(), "both workers wrote to the socket, no task on the edge loop");

            // A heap buffer cannot be handed to sendto(2) as it is: it goes through the channel.
            CompletableFuture<Flow> heap = m.eventLoops().get(0).submit(() -> m.send(p,
                    (InetSocketAddress) client.getLocalSocketAddress(),
                    Unpooled.copiedBuffer(fromWorker, StandardCharsets.ISO_8859_1))).get(5, TimeUnit.SECONDS);
            assertEquals(p, heap.get(5, TimeUnit.SECONDS).listenPoint());
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            client.receive(reply);
            assertEquals(p.address(), reply.getSocketAddress());
            assertEquals(2, m.counters().sentDirect.sum());
        }
        long sentBefore = m.counters().sent.sum();
        m.close(p); // quiesces the workers' direct sends before the socket closes
        CompletableFuture<Flow> late = m.eventLoops().get(0).submit(() -> m.send(p, loopback(9),
                Unpooled.copiedBuffer("x", StandardCharsets.ISO_8859_1))).get(5, TimeUnit.SECONDS);
        assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS), "no socket left to send from");
        assertEquals(sentBefore, m.counters().sent.sum());
    }

    @Test
    void answersOversizeTcpMessageWith513ThenCloses() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults().withMaxMessageBytes(1024), TransportItSupport.V4);
        String head = "MESSAGE sip:a@example.com SIP/2.0\r\nCall-ID: big\r\nContent-Length: 5000\r\n\r\n";
        try (Socket s = connect(bound(m, Transport.TCP).address())) {
            s.getOutputStream().write(bytes(head + "x".repeat(100)));
            InputStream in = s.getInputStream();
            assertEquals(EchoListener.TOO_LARGE, readExactly(in, EchoListener.TOO_LARGE.length()));
            assertEquals(-1, in.read(), "connection closed after the 513");
        }
        assertEquals(head, listener.oversize.poll(5, TimeUnit.SECONDS).text());
        assertEquals(1, m.counters().oversize());
    }

    @Test
    void reportsOversizeUdpDatagramAndAnswers513() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults().withMaxMessageBytes(1024), TransportItSupport.V4);
        String big = FramerHarness.request("bigudp", "y".repeat(2000));
        try (DatagramSocket client = new DatagramSocket(0, TransportItSupport.V4)) {
            client.setSoTimeout(5000);
            client.send(new DatagramPacket(bytes(big), big.length(), bound(m, Transport.UDP).address()));
            DatagramPacket reply = new DatagramPacket(new byte[2048], 2048);
            client.receive(reply);
            assertEquals(EchoListener.TOO_LARGE, new String(reply.getData(), 0, reply.getLength(), StandardCharsets.ISO_8859_1));
        }
        assertEquals(1024, listener.oversize.poll(5, TimeUnit.SECONDS).text().length());
        assertEquals(0, m.counters().framesReceived());
    }

    @Test
    void closesIdleConnectionAfterConfiguredTime() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults().withIdleTimeout(Duration.ofMillis(300)),
                TransportItSupport.V4);
        try (Socket s = connect(bound(m, Transport.TCP).address())) {
            long start = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "server closes the idle connection");
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 250, "not before the idle time: " + elapsedMs + " ms");
        }
        assertTrue(eventually(Duration.ofSeconds(2), () -> m.counters().idleClosed() == 1));
        assertTrue(eventually(Duration.ofSeconds(2), () -> m.counters().openConnections() == 0));
    }

    @Test
    void refusesConnectionsBeyondTheLimit() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults().withMaxConnections(1), TransportItSupport.V4);
        String msg = FramerHarness.request("limit", "");
        try (Socket first = connect(bound(m, Transport.TCP).address())) {
            first.getOutputStream().write(bytes(msg));
            assertEquals(msg, readExactly(first.getInputStream(), msg.length()));
            try (Socket second = connect(bound(m, Transport.TCP).address())) {
                assertEquals(-1, second.getInputStream().read(), "second connection closed at once");
            }
        }
        assertEquals(1, m.counters().rejectedOverLimit());
        assertEquals(1, m.counters().accepted());
    }

    @Test
    void failsSendOverClosedWebSocketFlowInsteadOfConnecting() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults(), listener, ListenPoint.of(Transport.WS, loopback(0), "webrtc"));
        ListenPoint ws = bound(m, Transport.WS);
        Flow gone = new Flow(Transport.WS, ws.address(), loopback(9), 424242, ws);
        CompletableFuture<Flow> f = m.send(gone, Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII));
        assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals(1, m.counters().sendFailures());
        assertEquals(0, m.counters().connected());
    }

    @Test
    void bindFailureNamesTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, TransportItSupport.V4)) {
            SipTransportManager m = new SipTransportManager(TransportConfig.defaults(), listener);
            IOException e = assertThrows(IOException.class, () -> m.start(List.of(
                    ListenPoint.of(Transport.UDP, loopback(0), "pbx"),
                    ListenPoint.of(Transport.TCP, loopback(taken.getLocalPort()), "pbx"))));
            assertTrue(e.getMessage().contains("tcp://127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertEquals(List.of(), m.listening(), "what was bound is closed again");
        }
    }

    @Test
    void sendsOriginatedRequestsOverOneReusedOutboundConnection() throws Exception {
        EchoListener farEnd = new EchoListener();
        farEnd.echo = false;
        SipTransportManager far = start(TransportConfig.defaults(), farEnd, ListenPoint.of(Transport.TCP, loopback(0), "trunk"));
        SipTransportManager near = startUdpTcp(TransportConfig.defaults(), TransportItSupport.V4);
        InetSocketAddress trunk = bound(far, Transport.TCP).address();
        ListenPoint from = bound(near, Transport.TCP);
        List<CompletableFuture<Flow>> sends = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sends.add(near.send(from, trunk, Unpooled.copiedBuffer(FramerHarness.request("o" + i, ""), StandardCharsets.US_ASCII)));
        }
        Flow first = sends.get(0).get(5, TimeUnit.SECONDS);
        for (CompletableFuture<Flow> f : sends) {
            assertEquals(first, f.get(5, TimeUnit.SECONDS), "all sends share one connection");
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(FramerHarness.request("o" + i, ""), farEnd.nextFrame().text());
        }
        assertEquals(1, near.counters().connected());
        assertEquals(1, far.counters().accepted());
        // The far end answers over the flow the request came in on.
        EchoListener.Received atFar = farEnd.frames.isEmpty() ? null : farEnd.frames.peek();
        assertEquals(null, atFar);
        near.send(from, trunk, Unpooled.copiedBuffer(FramerHarness.request("o5", ""), StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
        EchoListener.Received request = farEnd.nextFrame();
        far.send(request.flow(), Unpooled.copiedBuffer(FramerHarness.request("resp", ""), StandardCharsets.US_ASCII))
                .get(5, TimeUnit.SECONDS);
        EchoListener.Received response = listener.nextFrame();
        assertEquals(first.connectionId(), response.flow().connectionId(), "response arrives on the outbound connection");
    }

    @Test
    void reportsSendFailureThroughFutureWhenNobodyListens() throws Exception {
        SipTransportManager m = startUdpTcp(TransportConfig.defaults(), TransportItSupport.V4);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, TransportItSupport.V4)) {
            closedPort = s.getLocalPort();
        }
        CompletableFuture<Flow> f = m.send(bound(m, Transport.TCP), loopback(closedPort),
                Unpooled.copiedBuffer("x", StandardCharsets.US_ASCII));
        assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertEquals(1, m.counters().sendFailures());
        assertEquals(1, m.counters().connectFailures());
    }

    @Test
    void reconnectsWhenTheFlowsConnectionHasClosed() throws Exception {
        EchoListener farEnd = new EchoListener();
        farEnd.echo = false;
        SipTransportManager far = start(TransportConfig.defaults(), farEnd, ListenPoint.of(Transport.TCP, loopback(0), "trunk"));
        SipTransportManager near = startUdpTcp(TransportConfig.defaults(), TransportItSupport.V4);
        InetSocketAddress trunk = bound(far, Transport.TCP).address();
        Flow flow = near.send(bound(near, Transport.TCP), trunk,
                Unpooled.copiedBuffer(FramerHarness.request("r1", ""), StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
        Flow farFlow = farEnd.nextFrame().flow();
        far.send(farFlow, Unpooled.EMPTY_BUFFER).get(5, TimeUnit.SECONDS);
        // Far end drops the connection; the next send over the old flow opens a new one.
        far.stop();
        managers.remove(far);
        assertTrue(eventually(Duration.ofSeconds(2), () -> near.counters().openConnections() == 0));
        EchoListener farEnd2 = new EchoListener();
        farEnd2.echo = false;
        SipTransportManager far2 = start(TransportConfig.defaults(), farEnd2, ListenPoint.of(Transport.TCP, trunk, "trunk"));
        Flow second = near.send(flow, Unpooled.copiedBuffer(FramerHarness.request("r2", ""), StandardCharsets.US_ASCII))
                .get(5, TimeUnit.SECONDS);
        assertNotEquals(flow.connectionId(), second.connectionId());
        assertEquals(FramerHarness.request("r2", ""), farEnd2.nextFrame().text());
        assertEquals(1, far2.counters().accepted());
    }
}
