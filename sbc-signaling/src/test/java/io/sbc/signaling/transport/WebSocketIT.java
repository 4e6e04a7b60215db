package io.sbc.signaling.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.sbc.signaling.transport.TransportItSupport.bound;
import static io.sbc.signaling.transport.TransportItSupport.eventually;
import static io.sbc.signaling.transport.TransportItSupport.loopback;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIP over WebSocket (RFC 7118), WS and WSS, with a Netty WebSocket client. */
class WebSocketIT {
    @TempDir
    Path dir;
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

    private SipTransportManager start(TransportConfig config, ListenPoint point) throws IOException {
        SipTransportManager m = TransportItSupport.start(config, listener, List.of(point));
        managers.add(m);
        return m;
    }

    @Test
    void echoesSipMessagesAsTextFramesOverWs() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults(), ListenPoint.of(Transport.WS, loopback(0), "webrtc"));
        try (WebSocketTestClient client = new WebSocketTestClient(bound(m, Transport.WS).address(), false, "sip", null)) {
            assertEquals("OPEN", client.next());
            String a = FramerHarness.request("ws1", "text body");
            client.sendText(a);
            assertEquals("TEXT:" + a, client.next());
            // RFC 7118 §5: a binary frame is one message as well; the answer is still a text frame.
            String b = FramerHarness.request("ws2", "");
            client.sendBinary(b.getBytes(StandardCharsets.US_ASCII));
            assertEquals("TEXT:" + b, client.next());
        }
        EchoListener.Received r = listener.nextFrame();
        assertEquals(Transport.WS, r.flow().transport());
        assertEquals(r.flow().connectionId(), listener.nextFrame().flow().connectionId());
    }

    @Test
    void echoesOverWssWithBouncyCastleServer() throws Exception {
        TlsFixture fx = new TlsFixture(dir);
        SipTransportManager m = start(TransportConfig.defaults(),
                new ListenPoint(Transport.WSS, loopback(0), "webrtc", fx.serverSettings(ClientAuthMode.NONE)));
        SslContext clientTls = SslContextBuilder.forClient().trustManager(fx.server.certificate()).build();
        try (WebSocketTestClient client = new WebSocketTestClient(bound(m, Transport.WSS).address(), true, "sip", clientTls)) {
            assertEquals("OPEN", client.next());
            String a = FramerHarness.request("wss", "");
            client.sendText(a);
            assertEquals("TEXT:" + a, client.next());
        }
        assertEquals(Transport.WSS, listener.nextFrame().flow().transport());
    }

    @Test
    void refusesUpgradeWithWrongOrMissingSubprotocol() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults(), ListenPoint.of(Transport.WS, loopback(0), "webrtc"));
        for (String subprotocol : new String[] {"chat", null}) {
            try (WebSocketTestClient client = new WebSocketTestClient(bound(m, Transport.WS).address(), false, subprotocol, null)) {
                String event = client.next();
                assertTrue(event.startsWith("ERROR:") && event.contains("400"), event);
            }
        }
        assertEquals(2, m.counters().webSocketHandshakeRejected());
        assertEquals(0, m.counters().framesReceived());
    }

    @Test
    void refusesPlainHttpRequestOnWsPort() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults(), ListenPoint.of(Transport.WS, loopback(0), "webrtc"));
        try (Socket s = TransportItSupport.connect(bound(m, Transport.WS).address())) {
            s.getOutputStream().write(TransportItSupport.bytes("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 400", status);
        }
        assertEquals(1, m.counters().webSocketHandshakeRejected());
    }

    @Test
    void closesConnectionOnFrameOverSizeLimit() throws Exception {
        SipTransportManager m = start(TransportConfig.defaults().withMaxMessageBytes(1024),
                ListenPoint.of(Transport.WS, loopback(0), "webrtc"));
        try (WebSocketTestClient client = new WebSocketTestClient(bound(m, Transport.WS).address(), false, "sip", null)) {
            assertEquals("OPEN", client.next());
            client.sendText(FramerHarness.request("big", "z".repeat(2000)));
            assertTrue(eventually(Duration.ofSeconds(5), () -> client.events.contains("CLOSED")), client.events.toString());
        }
        // Netty's decoder writes the 1009 close before it raises the exception we count, so the
        // client may see the close first.
        assertTrue(eventually(Duration.ofSeconds(2), () -> m.counters().oversize() == 1), m.counters().toString());
        assertEquals("", listener.oversize.poll(5, TimeUnit.SECONDS).text());
        assertEquals(0, m.counters().pipelineExceptions());
    }
}
