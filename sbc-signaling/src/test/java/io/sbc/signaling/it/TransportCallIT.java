package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Calls from a PBX over TCP (SIPp {@code -t t1}) and TLS (the SBC's realm with a self-signed
 * certificate; a JSSE client, Debian's SIPp has no TLS) to a carrier over UDP (SIPp): the SBC's Contact and Via on
 * the PBX's leg name the stream transport, the carrier's leg stays UDP, and the callee's BYE reaches
 * the caller over the connection its INVITE came in on (the caller's Contact names a port nobody
 * listens on, so a new connection would fail).
 */
class TransportCallIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/transport-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void pbxCallOverTcpReachesAUdpCarrierAndTheCarriersByeComesBackOverTheSameConnection() throws Exception {
        List<String> atCaller = call("stream-call-tcp", "t1", 5075, 5211);
        assertStreamLeg(atCaller, "TCP", "tcp", 5075);
    }

    @Test
    void pbxCallOverTlsReachesAUdpCarrierAndTheCarriersByeComesBackOverTheSameConnection() throws Exception {
        // Debian's SIPp is built without OpenSSL (-t l1 is refused), so the TLS caller is a JSSE socket
        // speaking the same flow as caller-stream.xml: INVITE, 200, ACK, then the callee's BYE, 200.
        String test = "stream-call-tls";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-hangs-up.xml"), "127.0.0.30", 5112, 1,
                Duration.ofSeconds(25));
        List<String> atCaller = new ArrayList<>();
        try {
            callee.start();
            ActiveCalls.awaitAdmitting(node);
            try (SSLSocket caller = tlsClient(new InetSocketAddress("127.0.0.20", 5076))) {
                int port = caller.getLocalPort();
                String callId = "tls-call-1@127.0.0.10";
                String sdp = "v=0\r\no=pbx 1 1 IN IP4 127.0.0.10\r\ns=-\r\nc=IN IP4 127.0.0.10\r\nt=0 0\r\n"
                        + "m=audio 6000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
                String common = "From: \"pbx\" <sip:pbx@127.0.0.10>;tag=tlspbx\r\n"
                        + "Call-ID: " + callId + "\r\nMax-Forwards: 70\r\n"
                        + "Contact: <sip:pbx@127.0.0.10:5999;transport=tls>\r\n";
                write(caller, "INVITE sip:+15551234567@127.0.0.20:5076;transport=tls SIP/2.0\r\n"
                        + "Via: SIP/2.0/TLS 127.0.0.10:" + port + ";branch=z9hG4bK-tls-inv;rport\r\n" + common
                        + "To: <sip:+15551234567@127.0.0.20>\r\nCSeq: 1 INVITE\r\n"
                        + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp);
                String ok = null;
                while (ok == null) {
                    String m = read(caller);
                    atCaller.add(m);
                    if (m.startsWith("SIP/2.0 200")) {
                        ok = m;
                    } else if (!m.startsWith("SIP/2.0 1")) {
                        throw new AssertionError("unexpected answer to the INVITE:\n" + m);
                    }
                }
                write(caller, "ACK sip:sbc@127.0.0.20:5076;transport=tls SIP/2.0\r\n"
                        + "Via: SIP/2.0/TLS 127.0.0.10:" + port + ";branch=z9hG4bK-tls-ack;rport\r\n" + common
                        + "To: " + TraceLog.header(ok, "To") + "\r\nCSeq: 1 ACK\r\nContent-Length: 0\r\n\r\n");
                String bye = read(caller);
                atCaller.add(bye);
                assertTrue(bye.startsWith("BYE "), "expected the callee's BYE:\n" + bye);
                write(caller, "SIP/2.0 200 OK\r\nVia: " + TraceLog.header(bye, "Via") + "\r\nFrom: "
                        + TraceLog.header(bye, "From") + "\r\nTo: " + TraceLog.header(bye, "To") + "\r\nCall-ID: "
                        + TraceLog.header(bye, "Call-ID") + "\r\nCSeq: " + TraceLog.header(bye, "CSeq")
                        + "\r\nContent-Length: 0\r\n\r\n");
                assertEquals(0, callee.await(), callee::describe);
            }
        } finally {
            callee.kill();
        }
        ActiveCalls.awaitNone(node);
        assertCarrierLeg(callee);
        assertStreamLeg(atCaller, "TLS", "tls", 5076);
    }

    /** A TLS client socket from 127.0.0.10 accepting the SBC's throwaway self-signed certificate. */
    private static SSLSocket tlsClient(InetSocketAddress sbc) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket();
        s.bind(new InetSocketAddress("127.0.0.10", 0));
        s.connect(sbc, 5000);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return s;
    }

    private static void write(SSLSocket s, String message) throws Exception {
        s.getOutputStream().write(message.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** One SIP message from the stream: headers to the blank line, then Content-Length bytes of body. */
    private static String read(SSLSocket s) throws Exception {
        InputStream in = s.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed after:\n" + head);
            }
            if (head.length() == 0 && (b == '\r' || b == '\n')) {
                continue; // keep-alive CRLFs between messages (RFC 5626 §4.4.1)
            }
            head.append((char) b);
        }
        String cl = TraceLog.header(head.toString(), "Content-Length");
        int n = cl == null ? 0 : Integer.parseInt(cl.trim());
        byte[] body = in.readNBytes(n);
        return head + new String(body, StandardCharsets.ISO_8859_1);
    }

    private static List<String> call(String test, String mode, int sbcPort, int callerPort) throws Exception {
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-hangs-up.xml"), "127.0.0.30", 5112, 1,
                Duration.ofSeconds(25));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-stream.xml"), "127.0.0.10",
                callerPort, "127.0.0.20:" + sbcPort, 1, Duration.ofSeconds(20))
                .arg("-s", "+15551234567", "-t", mode);
        try {
            callee.start();
            ActiveCalls.awaitAdmitting(node);
            caller.start();
            assertEquals(0, caller.await(), caller::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            caller.kill();
            callee.kill();
        }
        ActiveCalls.awaitNone(node);
        assertCarrierLeg(callee);
        return caller.received();
    }

    private static void assertCarrierLeg(SippPeer callee) throws Exception {
        String invite = MidDialogCallIT.first(callee.received(), "INVITE ");
        assertTrue(TraceLog.header(invite, "Via").startsWith("SIP/2.0/UDP 127.0.0.21:5075"), "carrier leg Via:\n" + invite);
        assertFalse(TraceLog.header(invite, "Contact").contains("transport="), "carrier leg Contact:\n" + invite);
    }

    private static void assertStreamLeg(List<String> atCaller, String via, String param, int port) {
        String ok = MidDialogCallIT.first(atCaller, "SIP/2.0 200");
        assertEquals("<sip:sbc@127.0.0.20:" + port + ";transport=" + param + ">", TraceLog.header(ok, "Contact"), ok);
        String bye = MidDialogCallIT.first(atCaller, "BYE ");
        assertFalse(bye.isEmpty(), "the callee's BYE did not reach the caller");
        assertTrue(TraceLog.header(bye, "Via").startsWith("SIP/2.0/" + via + " 127.0.0.20:" + port), bye);
        assertTrue(bye.startsWith("BYE sip:pbx@127.0.0.10:5999;transport="), "BYE Request-URI is the caller's Contact:\n" + bye);
        assertTrue(TraceLog.header(bye, "Record-Route") == null, "a B2BUA adds no Record-Route:\n" + bye);
    }
}
