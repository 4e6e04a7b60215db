package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7: "SIGTERM drains: /health turns 503, new calls get 503, calls in progress may finish
 * until a drain timeout, then get BYE on both legs; exit 0." The SBC runs as its own process; an
 * established SIPp call (neither side hangs up) is cut by the 3 s drain timeout.
 */
class DrainIT {
    @Test
    void sigtermRefusesNewCallsAndByesBothLegsOfTheCallInProgressAtTheDrainTimeout() throws Exception {
        OptionsSippIT.assumeSipp();
        Path dir = Files.createTempDirectory("drain-it");
        Path cdr = dir.resolve("cdr");
        Path policyFile = dir.resolve("policy.yaml");
        Files.writeString(policyFile, CdrDurabilityIT.policy(cdr, "3s"));
        Path log = dir.resolve("sbc.log");
        String test = "drain";
        try (SbcProcess sbc = SbcProcess.run(policyFile, log)) {
            SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5191,
                    1, Duration.ofSeconds(40)).start();
            SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-until-bye.xml"), "127.0.0.10",
                    5281, "127.0.0.20:5171", 1, Duration.ofSeconds(35)).arg("-s", "+15551234567").start();
            try {
                waitForMetric("sbc_calls_active{trunk=\"carrier-a\"} 1.0");
                assertEquals(200, SbcProcess.get(CdrDurabilityIT.ADMIN, "/health").statusCode());
                long sigterm = System.nanoTime();
                sbc.process.destroy(); // SIGTERM
                sbc.waitForLog("draining", 20);
                assertEquals(503, SbcProcess.get(CdrDurabilityIT.ADMIN, "/health").statusCode(), "/health while draining");
                assertEquals(503, inviteStatus(), "a new INVITE while draining");
                assertEquals(0, caller.await(), caller::describe); // got the SBC's BYE and answered it
                assertEquals(0, callee.await(), callee::describe);
                assertTrue(sbc.process.waitFor(30, TimeUnit.SECONDS), "the SBC did not exit after draining");
                assertEquals(0, sbc.process.exitValue(), Files.readString(log));
                long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sigterm);
                assertTrue(tookMs >= 2500, "the call was given its drain timeout: " + tookMs + " ms");
            } finally {
                caller.kill();
                callee.kill();
            }
        }
        String[] out = SbcProcess.tool("cdr", "--queue", cdr.toString(), "--format", "json");
        assertEquals("0", out[0], out[1]);
        List<String> lines = out[1].lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(2, lines.size(), out[1]);
        assertTrue(lines.stream().anyMatch(l -> "drain".equals(CdrDurabilityIT.field(l, "ended_by"))
                && "200".equals(CdrDurabilityIT.field(l, "final_status"))), out[1]);
        assertTrue(lines.stream().anyMatch(l -> "drain".equals(CdrDurabilityIT.field(l, "ended_by"))
                && "503".equals(CdrDurabilityIT.field(l, "final_status"))
                && "drain-it-new@127.0.0.10".equals(CdrDurabilityIT.field(l, "inbound_call_id"))), out[1]);
    }

    private static void waitForMetric(String line) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String body = "";
        while (System.nanoTime() < deadline) {
            body = SbcProcess.get(CdrDurabilityIT.ADMIN, "/metrics").body();
            if (body.contains(line)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + line + " in\n" + body);
    }

    /** Sends one INVITE from a raw socket and returns the final status code it gets. */
    private static int inviteStatus() throws Exception {
        String invite = "INVITE sip:+15551234567@127.0.0.20:5171 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5282;branch=z9hG4bK-drain-it;rport\r\n"
                + "From: <sip:pbx@127.0.0.10>;tag=drainit\r\nTo: <sip:+15551234567@127.0.0.20>\r\n"
                + "Call-ID: drain-it-new@127.0.0.10\r\nCSeq: 1 INVITE\r\nContact: <sip:pbx@127.0.0.10:5282>\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", 5282))) {
            s.setSoTimeout(5_000);
            byte[] b = invite.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.20", 5171)));
            while (true) {
                DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
                try {
                    s.receive(reply);
                } catch (SocketTimeoutException e) {
                    return -1;
                }
                String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
                int code = Integer.parseInt(text.substring(8, 11));
                if (code >= 200) {
                    assertTrue(code != 503 || text.contains("Retry-After: 5"), text);
                    return code;
                }
            }
        }
    }
}
