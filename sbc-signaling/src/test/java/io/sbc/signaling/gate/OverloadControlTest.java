package io.sbc.signaling.gate;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.Via;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** RFC 7339 overload control both ways: {@link OverloadControl} (server) and {@link PeerOverload} (client). */
class OverloadControlTest {
    private static final long MS = 1_000_000L;
    private final OverloadDetector detector = new OverloadDetector(1, Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(20), Duration.ofSeconds(1), () -> 0);
    private long millis = 1_700_000_000_123L;
    private final OverloadControl control = new OverloadControl(detector, () -> millis);

    private static SipMessage response(String topVia) {
        String text = "SIP/2.0 200 OK\r\n"
                + "Via: " + topVia + "\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.9:5060;branch=z9hG4bK-second\r\n"
                + "From: <sip:a@192.0.2.1>;tag=1\r\nTo: <sip:b@192.0.2.2>;tag=2\r\nCall-ID: oc-1\r\n"
                + "CSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        assertTrue(r.ok(), String.valueOf(r.error()));
        return r.message();
    }

    @Test
    void tellsAClientThatAnnouncedSupportToStopReducingWhileNotOverloaded() {
        SipMessage r = response("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-a;oc");
        control.stamp(r);
        Via top = r.topVia();
        assertEquals("0", top.param("oc"));
        assertEquals("\"loss\"", top.param("oc-algo"));
        assertEquals("0", top.param("oc-validity"), "oc-validity=0: stop reducing (RFC 7339 §5.2)");
        assertEquals("1700000000.123", top.param("oc-seq"));
        assertEquals("z9hG4bK-a", top.branch(), "the rest of the Via is kept");
        assertEquals(2, r.vias().size());
        assertEquals("z9hG4bK-second", r.vias().get(1).branch());
    }

    @Test
    void asksForTheShareOfWorkToShedWhileOverloaded() {
        detector.onTick(0, 400 * MS, 0); // 4x the 100 ms threshold; two late ticks, one over 5x, enter
        detector.onTick(0, 600 * MS, 50 * MS);
        assertTrue(detector.refuseNewWork());
        // lag 600 ms against a 100 ms threshold: shed 1 - 100/600 = 83%.
        assertEquals(84, control.lossPercent(), "100 - 100*100/600, rounded toward more loss");
        SipMessage r = response("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-b;oc;rport=5060");
        control.stamp(r);
        assertEquals("84", r.topVia().param("oc"));
        assertEquals(Integer.toString(OverloadControl.VALIDITY_MS), r.topVia().param("oc-validity"));
        SipMessage second = response("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-c;oc");
        control.stamp(second);
        assertTrue(Double.parseDouble(second.topVia().param("oc-seq")) > Double.parseDouble(r.topVia().param("oc-seq")),
                "oc-seq increases even within one millisecond");
    }

    @Test
    void leavesResponsesToClientsWithoutSupportUntouched() {
        detector.onTick(0, 600 * MS, 0);
        detector.onTick(0, 600 * MS, 650 * MS);
        assertTrue(detector.refuseNewWork());
        SipMessage r = response("SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-d;rport=5060");
        control.stamp(r);
        assertNull(r.topVia().param("oc"));
        assertNull(r.topVia().param("oc-seq"));
    }

    @Test
    void divertsTheAskedShareOfNewCallsUntilTheValidityEnds() {
        PeerOverload peers = new PeerOverload();
        InetSocketAddress gw = new InetSocketAddress("127.0.0.30", 5060);
        peers.onResponse(gw, Via.parse("SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-e;oc=30;oc-validity=500;oc-seq=10.5"), 0);
        SplittableRandom random = new SplittableRandom(7);
        int diverted = 0;
        for (int i = 0; i < 10_000; i++) {
            if (peers.divert("127.0.0.30", random, 100 * MS)) {
                diverted++;
            }
        }
        assertTrue(diverted > 2_700 && diverted < 3_300, "about 30% diverted: " + diverted);
        assertFalse(peers.divert("127.0.0.31", random, 100 * MS), "another gateway is not affected");
        assertEquals(0, peers.loss("127.0.0.30", 500 * MS), "oc-validity elapsed");
        assertFalse(peers.divert("127.0.0.30", random, 500 * MS));
    }

    @Test
    void ignoresOlderSequencesAndStopsOnOcZero() {
        PeerOverload peers = new PeerOverload();
        InetSocketAddress gw = new InetSocketAddress("127.0.0.30", 5060);
        peers.onResponse(gw, Via.parse("SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-f;oc=50;oc-validity=5000;oc-seq=20"), 0);
        peers.onResponse(gw, Via.parse("SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-g;oc=10;oc-validity=5000;oc-seq=19"), 0);
        assertEquals(50, peers.loss("127.0.0.30", MS), "a reordered older value is ignored");
        peers.onResponse(gw, Via.parse("SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-h;oc"), 0);
        assertEquals(50, peers.loss("127.0.0.30", MS), "our own announcement (no value) changes nothing");
        peers.onResponse(gw, Via.parse("SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-i;oc=0;oc-validity=0;oc-seq=21"), 0);
        assertEquals(0, peers.loss("127.0.0.30", MS), "oc=0 ends the reduction");
        peers.onResponse(gw, Via.parse("SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-j;oc=abc;oc-validity=100"), 0);
        assertEquals(0, peers.loss("127.0.0.30", MS), "a malformed value is ignored");
    }
}
