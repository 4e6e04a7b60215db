package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7: "an integration test completes N calls, kills the SBC with SIGKILL, restarts it, and
 * reads exactly N CDRs back." The SBC runs as its own process ({@code ops/sbc run}), SIPp places
 * the calls PBX → carrier, {@code ops/sbc cdr} reads the journal.
 */
class CdrDurabilityIT {
    static final int CALLS = 20;
    static final int ADMIN = 18097;

    static String policy(Path cdr, String drain) {
        return """
                version: 1
                node:
                  name: sbc-cdr-it
                  admin: 127.0.0.1:%d
                  cdr: %s
                  drain-timeout: %s
                realms:
                  pbx:
                    listen: [udp://127.0.0.20:5171]
                    media-address: 127.0.0.20
                  carrier:
                    listen: [udp://127.0.0.21:5171]
                    media-address: 127.0.0.21
                trunks:
                  carrier-a:
                    realm: carrier
                    gateways: [{uri: "sip:127.0.0.30:5191"}]
                    media: {mode: bypass}
                routes:
                  - {from: pbx, to: carrier-a}
                """.formatted(ADMIN, cdr.toAbsolutePath(), drain);
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|[^,}]*)").matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    @Test
    void everyCompletedCallIsReadBackAfterSigkillAndRestart() throws Exception {
        OptionsSippIT.assumeSipp();
        Path dir = Files.createTempDirectory("cdr-it");
        Path cdr = dir.resolve("cdr");
        Path policyFile = dir.resolve("policy.yaml");
        Files.writeString(policyFile, policy(cdr, "3s"));
        Path log = dir.resolve("sbc.log");
        String test = "cdr-durability";
        try (SbcProcess sbc = SbcProcess.run(policyFile, log)) {
            SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5191,
                    CALLS, Duration.ofSeconds(60)).start();
            SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller.xml"), "127.0.0.10", 5281,
                    "127.0.0.20:5171", CALLS, Duration.ofSeconds(55)).arg("-s", "+15551234567", "-d", "200").start();
            try {
                assertEquals(0, caller.await(), caller::describe);
                assertEquals(0, callee.await(), callee::describe);
            } finally {
                caller.kill();
                callee.kill();
            }
            // Every call has handed its record over (metrics), then the SBC dies without any shutdown.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            String metrics = "";
            while (System.nanoTime() < deadline) {
                metrics = SbcProcess.get(ADMIN, "/metrics").body();
                if (metrics.contains("sbc_calls_total{result=\"answered\",trunk=\"carrier-a\"} " + CALLS + ".0")) {
                    break;
                }
                Thread.sleep(50);
            }
            assertTrue(metrics.contains("sbc_calls_total{result=\"answered\",trunk=\"carrier-a\"} " + CALLS + ".0"),
                    metrics);
            sbc.process.destroyForcibly(); // SIGKILL on the JVM's PID (the launcher execs java)
            assertTrue(sbc.process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, sbc.process.exitValue(), "killed by SIGKILL");
        }
        Path log2 = dir.resolve("sbc-restart.log");
        try (SbcProcess again = SbcProcess.run(policyFile, log2)) {
            again.process.destroy();
            assertTrue(again.process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, again.process.exitValue(), Files.readString(log2));
        }
        String[] out = SbcProcess.tool("cdr", "--queue", cdr.toString(), "--format", "json");
        assertEquals("0", out[0], out[1]);
        List<String> lines = out[1].lines().filter(l -> l.startsWith("{")).toList();
        assertEquals(CALLS, lines.size(), out[1]);
        Set<String> inbound = new HashSet<>();
        for (String l : lines) {
            assertEquals("caller_bye", field(l, "ended_by"), l);
            String in = field(l, "inbound_call_id");
            String outId = field(l, "outbound_call_id");
            assertFalse(in == null || in.isEmpty() || outId == null || outId.isEmpty(), l);
            assertFalse(in.equals(outId), l);
            inbound.add(in);
            assertEquals("pbx", field(l, "caller"), l);
            assertEquals("+15551234567", field(l, "callee"), l);
            assertEquals("200", field(l, "final_status"), l);
            assertEquals("carrier-a", field(l, "dest_trunk"), l);
            for (String t : new String[] {"start", "answer", "end"}) {
                String v = field(l, t);
                assertTrue(v != null && v.matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), t + " in " + l);
            }
            assertEquals("PCMU", field(l, "codecs"), l);
        }
        assertEquals(CALLS, inbound.size(), "one record per call");
    }
}
