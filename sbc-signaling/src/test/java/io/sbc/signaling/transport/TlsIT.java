package io.sbc.signaling.transport;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static io.sbc.signaling.transport.TransportItSupport.bound;
import static io.sbc.signaling.transport.TransportItSupport.bytes;
import static io.sbc.signaling.transport.TransportItSupport.eventually;
import static io.sbc.signaling.transport.TransportItSupport.loopback;
import static io.sbc.signaling.transport.TransportItSupport.readExactly;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** TLS over loopback with the Bouncy Castle JSSE server and a JDK (SunJSSE) client. */
class TlsIT {
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

    private SipTransportManager startTls(EchoListener l, TlsSettings tls) throws IOException {
        SipTransportManager m = TransportItSupport.start(TransportConfig.defaults(), l,
                List.of(new ListenPoint(Transport.TLS, loopback(0), "carrier", tls)));
        managers.add(m);
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void negotiatesProtocolAndEchoesOverTls(String protocol) throws Exception {
        TlsFixture fx = new TlsFixture(dir);
        SipTransportManager m = startTls(listener, fx.serverSettings(ClientAuthMode.NONE));
        String msg = FramerHarness.request("tls", "secure body");
        try (SSLSocket s = TlsFixture.connect(fx.jdkClient(false), bound(m, Transport.TLS).address(), protocol)) {
            assertEquals(protocol, s.getSession().getProtocol());
            s.getOutputStream().write(bytes("\r\n\r\n" + msg));
            assertEquals("\r\n" + msg, readExactly(s.getInputStream(), 2 + msg.length()));
        }
        EchoListener.Received r = listener.nextFrame();
        assertEquals(Transport.TLS, r.flow().transport());
        assertEquals(msg, r.text());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec", "rsa"})
    void servesWithOpensslTraditionalKeyAndCertificatePem(String algorithm) throws Exception {
        Path cert = PemFilesTest.resource(algorithm + ".crt");
        SipTransportManager m = startTls(listener, TlsSettings.of(cert, PemFilesTest.resource(algorithm + "-traditional.key")));
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", PemFiles.readCertificates(cert).get(0));
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        String msg = FramerHarness.request(algorithm, "");
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            try (SSLSocket s = TlsFixture.connect(ctx, bound(m, Transport.TLS).address(), protocol)) {
                s.getOutputStream().write(bytes(msg));
                assertEquals(msg, readExactly(s.getInputStream(), msg.length()));
                assertEquals(protocol, s.getSession().getProtocol());
            }
        }
    }

    @Test
    void requiredClientAuthRejectsClientWithoutCertificate() throws Exception {
        TlsFixture fx = new TlsFixture(dir);
        SipTransportManager m = startTls(listener, fx.serverSettings(ClientAuthMode.REQUIRED));
        InetSocketAddress address = bound(m, Transport.TLS).address();
        try (SSLSocket s = TlsFixture.connect(fx.jdkClient(false), address, "TLSv1.3")) {
            // TLS 1.3: the client finishes its side before the server checks the (absent) certificate,
            // so the refusal shows on the first read.
            s.getOutputStream().write(bytes(FramerHarness.request("nocert", "")));
            InputStream in = s.getInputStream();
            assertEquals(-1, in.read(), "server closed the connection");
        } catch (IOException expected) {
            // An alert (bad_certificate / certificate_required) surfaces as SSLException: also a refusal.
        }
        assertTrue(eventually(Duration.ofSeconds(2), () -> m.counters().tlsHandshakeFailures() == 1),
                m.counters().toString());
        assertEquals(0, m.counters().framesReceived());
        assertThrows(IOException.class, () -> TlsFixture.connect(fx.jdkClient(false), address, "TLSv1.2"),
                "TLS 1.2 refuses during the handshake");
    }

    @Test
    void requiredClientAuthAcceptsClientWithTrustedCertificate() throws Exception {
        TlsFixture fx = new TlsFixture(dir);
        SipTransportManager m = startTls(listener, fx.serverSettings(ClientAuthMode.REQUIRED));
        String msg = FramerHarness.request("mtls", "");
        for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
            try (SSLSocket s = TlsFixture.connect(fx.jdkClient(true), bound(m, Transport.TLS).address(), protocol)) {
                s.getOutputStream().write(bytes(msg));
                assertEquals(msg, readExactly(s.getInputStream(), msg.length()));
                assertEquals(protocol, s.getSession().getProtocol());
            }
        }
        assertEquals(0, m.counters().tlsHandshakeFailures());
    }

    @Test
    void optionalClientAuthAcceptsClientWithoutCertificate() throws Exception {
        TlsFixture fx = new TlsFixture(dir);
        SipTransportManager m = startTls(listener, fx.serverSettings(ClientAuthMode.OPTIONAL));
        String msg = FramerHarness.request("opt", "");
        try (SSLSocket s = TlsFixture.connect(fx.jdkClient(false), bound(m, Transport.TLS).address(), "TLSv1.3")) {
            s.getOutputStream().write(bytes(msg));
            assertEquals(msg, readExactly(s.getInputStream(), msg.length()));
        }
    }

    @Test
    void connectsOutToTlsTrunkVerifyingItAgainstConfiguredCa() throws Exception {
        TlsFixture fx = new TlsFixture(dir);
        EchoListener farEnd = new EchoListener();
        farEnd.echo = false;
        SipTransportManager far = startTls(farEnd, fx.serverSettings(ClientAuthMode.REQUIRED));
        listener.echo = false;
        // The near side presents the client pair and trusts the far end's self-signed certificate.
        TlsSettings nearTls = new TlsSettings(fx.clientCert, fx.clientKey, ClientAuthMode.NONE, fx.serverCert);
        SipTransportManager near = startTls(listener, nearTls);
        int port = bound(far, Transport.TLS).address().getPort();
        for (InetSocketAddress trunk : List.of(new InetSocketAddress("127.0.0.1", port), loopback(port))) {
            Flow flow = near.send(bound(near, Transport.TLS), trunk,
                    Unpooled.copiedBuffer(FramerHarness.request("out", ""), StandardCharsets.US_ASCII)).get(5, TimeUnit.SECONDS);
            assertEquals(Transport.TLS, flow.transport());
            EchoListener.Received r = farEnd.nextFrame();
            assertEquals(FramerHarness.request("out", ""), r.text());
            far.send(r.flow(), Unpooled.copiedBuffer(FramerHarness.request("back", ""), StandardCharsets.US_ASCII))
                    .get(5, TimeUnit.SECONDS);
            assertEquals(flow.connectionId(), listener.nextFrame().flow().connectionId());
        }
        assertEquals(1, near.counters().connected(), "the second send reused the connection");
    }

    @Test
    void outboundTlsFailsWhenTrunkCertificateIsUntrusted() throws Exception {
        TlsFixture fx = new TlsFixture(dir);
        SipTransportManager far = startTls(new EchoListener(), fx.serverSettings(ClientAuthMode.NONE));
        // Trusts only the client certificate, not the far end's.
        SipTransportManager near = startTls(listener,
                new TlsSettings(fx.clientCert, fx.clientKey, ClientAuthMode.NONE, fx.clientCert));
        CompletableFuture<Flow> f = near.send(bound(near, Transport.TLS), bound(far, Transport.TLS).address(),
                Unpooled.copiedBuffer(FramerHarness.request("x", ""), StandardCharsets.US_ASCII));
        try {
            f.get(5, TimeUnit.SECONDS);
            fail("send over an untrusted TLS connection succeeded");
        } catch (ExecutionException expected) {
            // handshake failure reported through the future
        }
        assertTrue(eventually(Duration.ofSeconds(2), () -> near.counters().tlsHandshakeFailures() >= 1));
        assertEquals(1, near.counters().sendFailures());
    }
}
