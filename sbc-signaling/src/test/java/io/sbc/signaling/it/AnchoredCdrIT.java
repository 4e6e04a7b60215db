package io.sbc.signaling.it;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.cdr.CdrFormat;
import io.sbc.signaling.cdr.CdrRecord;
import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record of an anchored call: media figures per direction come from the embedded relay's
 * {@code delete} reply (the record waits for it), codecs from the answer, both Call-IDs. Real SIPp
 * peers with RTP (the callee echoes it).
 */
class AnchoredCdrIT {
    static final String POLICY = """
            version: 1
            node: {name: sbc-cdr-anchor-it}
            media:
              relays: [embedded]
              ports: 30200-30399   # below the ephemeral range (32768+): no clash with any ephemeral socket
            realms:
              pbx: {listen: [udp://127.0.0.20:5173], media-address: 127.0.0.20}
              carrier: {listen: [udp://127.0.0.21:5173], media-address: 127.0.0.21}
            trunks:
              carrier-a:
                realm: carrier
                gateways: [{uri: "sip:127.0.0.30:5193"}]
            routes:
              - {from: pbx, to: carrier-a}
            """;

    @Test
    void anchoredCallRecordCarriesRelayPacketCountsLossJitterAndMosBothWaysAndTheCodec() throws Exception {
        OptionsSippIT.assumeSipp();
        LoadResult lr = PolicyLoader.withSystemEnvironment().load(POLICY, "anchor-cdr.yaml", Path.of("."));
        assertTrue(lr.ok(), () -> lr.problems().toString());
        PolicySnapshot snapshot = lr.snapshot();
        ConcurrentLinkedQueue<CdrRecord> cdrs = new ConcurrentLinkedQueue<>();
        String test = "anchored-cdr";
        try (SignalingNode node = SignalingNode.start(snapshot, null, io.sbc.signaling.capture.SipCapture.NONE, cdrs::add, null)) {
            SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5193, 1,
                    Duration.ofSeconds(30)).arg("-rtp_echo").start();
            SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-rtp.xml"), "127.0.0.10", 5283,
                    "127.0.0.20:5173", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567", "-d", "2500");
            Path dir = ItPolicies.evidenceDir(test).resolve("caller").toAbsolutePath();
            Files.createDirectories(dir);
            byte[] tone = new byte[8000 * 2];
            Arrays.fill(tone, (byte) 0xFF); // PCMU silence, 2 s at 8 kHz
            Files.write(dir.resolve("tone.ulaw"), tone);
            caller.start();
            try {
                assertEquals(0, caller.await(), caller::describe);
                assertEquals(0, callee.await(), callee::describe);
            } finally {
                caller.kill();
                callee.kill();
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (cdrs.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, node.pendingRecords());
        }
        List<CdrRecord> all = List.copyOf(cdrs);
        assertEquals(1, all.size(), all::toString);
        CdrRecord r = all.get(0);
        assertEquals(CdrRecord.EndedBy.CALLER_BYE, r.endedBy());
        assertTrue(!r.outboundCallId().isEmpty() && !r.outboundCallId().equals(r.inboundCallId()), r::toString);
        assertEquals("PCMU", r.codecs().get(0), r::toString);
        assertTrue(r.forward().packets() >= 25, "caller to callee: " + r);
        assertTrue(r.reverse().packets() >= 25, "callee to caller (echo): " + r);
        assertTrue(r.durationMillis() >= 2000, r::toString);
        // Quality per direction from the relay's RFC 3550 statistics and E-model MOS (loopback: clean).
        for (CdrRecord.MediaFigures m : List.of(r.forward(), r.reverse())) {
            assertTrue(m.mos() >= 1.0 && m.mos() <= 4.5, "MOS in the E-model's range: " + r);
            assertTrue(m.mos() >= 4.0, "no loss and little jitter on loopback: " + r);
            assertTrue(m.lost() >= 0 && m.lost() * 20 <= m.packets(), "loss under 5% on loopback: " + r);
            assertTrue(m.jitterMs() >= 0 && m.jitterMs() < 50, "jitter: " + r);
        }
        // The exports print the figures (ops/sbc cdr: CSV columns and JSON keys).
        List<String> columns = List.of(CdrFormat.COLUMNS);
        String[] csv = CdrFormat.csv(r).split(",", -1);
        assertEquals(columns.size(), csv.length, CdrFormat.csv(r));
        assertEquals(Long.toString(r.forward().packets()), csv[columns.indexOf("fwd_packets")]);
        assertEquals(Long.toString(r.reverse().lost()), csv[columns.indexOf("rev_lost")]);
        assertEquals(r.forward().mos(), Double.parseDouble(csv[columns.indexOf("fwd_mos")]), 0.006);
        assertEquals(r.reverse().mos(), Double.parseDouble(csv[columns.indexOf("rev_mos")]), 0.006);
        String json = CdrFormat.json(r);
        assertTrue(json.contains("\"rev_packets\":" + r.reverse().packets()) && json.contains("\"fwd_jitter_ms\":"),
                json);
    }
}
