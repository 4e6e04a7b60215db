package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A peer stays silent: SIPp sends an INVITE the SBC rejects and never sends the ACK. The SBC's
 * INVITE server transaction must retransmit the final response on Timer G — T1, 2·T1, 4·T1, then
 * capped at T2 (RFC 3261 §17.2.1) — as seen on the wire (SIPp's message log timestamps); over a
 * reliable transport it must not retransmit at all.
 */
class RetransmissionScheduleIT {
    private static final DateTimeFormatter SIPP_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** Generous: the build machine is shared, and the figure checked is the doubling, not jitter. */
    private static final long TOLERANCE_MS = 250;

    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("loopback-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void retransmitsFinalResponseOnTimerGUntilAckOverUdp() throws Exception {
        Sipp.Result r = Sipp.client(ItPolicies.evidenceDir("retransmission-udp"), "127.0.0.20:5060",
                        ItPolicies.resource("invite-no-ack-uac.xml"), "127.0.0.10", 5083)
                .transport("u1").calls(1).wallLimit(Duration.ofSeconds(40)).run();
        assertEquals(0, r.exitCode(), r::describe);

        List<LocalDateTime> arrivals = responseArrivals(r.messages(), "SIP/2.0 404");
        assertTrue(arrivals.size() >= 5, "expected the 404 and at least 4 retransmissions, got " + arrivals.size()
                + "\n" + r.describe());
        long[] expected = {500, 1000, 2000, 4000};
        for (int i = 0; i < expected.length; i++) {
            long gap = Duration.between(arrivals.get(i), arrivals.get(i + 1)).toMillis();
            assertTrue(Math.abs(gap - expected[i]) <= TOLERANCE_MS,
                    "retransmission " + (i + 1) + " came after " + gap + " ms, expected " + expected[i] + " ms");
        }
    }

    @Test
    void doesNotRetransmitFinalResponseOverTcp() throws Exception {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress("127.0.0.10", 0));
            s.connect(new InetSocketAddress("127.0.0.20", 5060), 5000);
            s.setSoTimeout(2500);
            int port = s.getLocalPort();
            String invite = "INVITE sip:nobody@127.0.0.20:5060 SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.10:" + port + ";branch=z9hG4bK-tcp-silent\r\n"
                    + "From: <sip:silent@127.0.0.10>;tag=tcp-silent\r\n"
                    + "To: <sip:nobody@127.0.0.20>\r\n"
                    + "Call-ID: tcp-silent@127.0.0.10\r\n"
                    + "CSeq: 1 INVITE\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "Content-Length: 0\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(invite.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            int finals = 0;
            try {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.startsWith("SIP/2.0 404")) {
                        finals++;
                    }
                }
            } catch (java.net.SocketTimeoutException e) {
                // 2.5 s of silence after the answer: long enough for Timer G's first 3 firings.
            }
            assertEquals(1, finals, "a reliable transport must carry the final response exactly once");
        }
    }

    /** Arrival times of received messages whose first line starts with {@code firstLine}. */
    static List<LocalDateTime> responseArrivals(String log, String firstLine) {
        List<LocalDateTime> out = new ArrayList<>();
        String[] lines = log.split("\n");
        for (int i = 0; i + 3 < lines.length; i++) {
            String l = lines[i];
            if (l.startsWith("-----------------------------------------------") && lines[i + 1].contains("message received")) {
                // The message text starts after one blank line.
                String first = lines[i + 3].trim();
                if (first.startsWith(firstLine)) {
                    String stamp = l.replaceAll("^-+ ", "").trim();
                    out.add(LocalDateTime.parse(stamp, SIPP_TIME));
                }
            }
        }
        return out;
    }
}
