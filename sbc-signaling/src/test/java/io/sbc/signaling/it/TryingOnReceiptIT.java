package io.sbc.signaling.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.core.SignalingNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new INVITE over UDP is answered 100 Trying by the receiving thread (the {@code sip-edge} loop)
 * before its worker routes it, and the worker's transaction adopts that 100: the caller sees exactly
 * one 100 and then the final response; a retransmitted INVITE gets the transaction's answer only,
 * never a second 100 from the edge (RFC 3261 §17.2.1). The 100 carries the received/rport stamp.
 */
class TryingOnReceiptIT {
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
    void answersOne100ThenTheFinalResponseAndARetransmissionGetsOnlyTheFinalResponse() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", 0))) {
            s.setSoTimeout(1500);
            int port = s.getLocalPort();
            String invite = "INVITE sip:nobody@127.0.0.20:5060 SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.10:" + port + ";branch=z9hG4bK-edge-trying;rport\r\n"
                    + "From: <sip:edge@127.0.0.10>;tag=edge-1\r\n"
                    + "To: <sip:nobody@127.0.0.20>\r\n"
                    + "Call-ID: edge-trying@127.0.0.10\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            InetSocketAddress sbc = new InetSocketAddress("127.0.0.20", 5060);
            byte[] bytes = invite.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(bytes, bytes.length, sbc));
            List<String> first = receiveAll(s);
            assertTrue(first.size() >= 2, "expected 100 and a final response, got " + first);
            assertTrue(first.get(0).startsWith("SIP/2.0 100 "), first.get(0));
            assertTrue(first.get(0).contains(";rport=" + port) && first.get(0).contains("received=127.0.0.10"),
                    "the 100 carries the received/rport stamp (RFC 3581): " + first.get(0));
            assertEquals(1, count(first, "SIP/2.0 100 "), "one 100 Trying: " + first);
            String finalLine = first.get(1).substring(0, first.get(1).indexOf('\r'));
            assertTrue(finalLine.matches("SIP/2\\.0 [3-6]\\d\\d .*"), finalLine);

            s.send(new DatagramPacket(bytes, bytes.length, sbc)); // the same INVITE again
            List<String> again = receiveAll(s);
            assertEquals(0, count(again, "SIP/2.0 100 "), "no second 100 for a retransmission: " + again);
            assertTrue(count(again, finalLine) >= 1, "the transaction re-sends its final response: " + again);
        }
    }

    /** Every datagram until 1.5 s of silence (Timer G re-sends the final response after 500 ms). */
    private static List<String> receiveAll(DatagramSocket s) throws Exception {
        List<String> out = new ArrayList<>();
        byte[] buf = new byte[4096];
        try {
            while (out.size() < 3) {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                out.add(new String(p.getData(), 0, p.getLength(), StandardCharsets.US_ASCII));
                s.setSoTimeout(out.size() >= 2 ? 300 : 1500);
            }
        } catch (SocketTimeoutException e) {
            // quiet: all that was coming has come
        }
        s.setSoTimeout(1500);
        return out;
    }

    private static long count(List<String> messages, String prefix) {
        return messages.stream().filter(m -> m.startsWith(prefix)).count();
    }
}
