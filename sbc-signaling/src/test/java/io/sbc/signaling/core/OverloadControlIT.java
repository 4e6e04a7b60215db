package io.sbc.signaling.core;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * RFC 7339 on the wire (raw UDP socket, loopback): an upstream client that announces support with
 * {@code oc} in its Via gets the overload-control parameters back in the response's top Via; one
 * that does not announce it gets none.
 */
class OverloadControlIT {
    private static final InetSocketAddress SBC = new InetSocketAddress(StreamLimitsIT.HOST, 5062);
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        node = SignalingNode.start(StreamLimitsIT.load("streams-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void answersAClientThatAnnouncesOverloadControlWithItsParameters() throws Exception {
        String top = topViaOfAnswer("z9hG4bK-oc-1;oc;rport");
        assertTrue(top.contains(";oc=0"), top);
        assertTrue(top.contains(";oc-algo=\"loss\""), top);
        assertTrue(top.contains(";oc-validity=0"), "not overloaded: stop reducing (RFC 7339 §5.2): " + top);
        assertTrue(top.matches(".*;oc-seq=\\d+\\.\\d{3}.*"), top);
        assertTrue(top.contains("branch=z9hG4bK-oc-1"), top);
    }

    @Test
    void leavesTheViaOfAClientWithoutSupportAlone() throws Exception {
        String top = topViaOfAnswer("z9hG4bK-oc-2;rport");
        assertFalse(top.contains(";oc"), top); // no oc parameter (the branch itself says "oc")
    }

    private static String topViaOfAnswer(String branchAndParams) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.15", 0))) {
            s.setSoTimeout(3000);
            int port = s.getLocalPort();
            String callId = "oc-" + System.nanoTime();
            String msg = "OPTIONS sip:" + SBC.getHostString() + ":5062 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.15:" + port + ";branch=" + branchAndParams + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:probe@127.0.0.15>;tag=" + callId + "\r\n"
                    + "To: <sip:" + SBC.getHostString() + ">\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: 1 OPTIONS\r\n"
                    + "Content-Length: 0\r\n\r\n";
            byte[] out = msg.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(out, out.length, SBC));
            byte[] in = new byte[8192];
            DatagramPacket p = new DatagramPacket(in, in.length);
            s.receive(p);
            String answer = new String(in, 0, p.getLength(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("SIP/2.0 200") && answer.contains(callId), answer);
            for (String line : answer.split("\r\n")) {
                if (line.regionMatches(true, 0, "Via:", 0, 4) || line.startsWith("v:")) {
                    return line;
                }
            }
            throw new AssertionError("no Via in " + answer);
        }
    }
}
