package io.sbc.signaling.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsWireTest {

    /** A response to query {@code id} for _sip._udp.carrier.test SRV, built byte by byte (RFC 1035 §4.1). */
    private static byte[] srvResponse(int id, int answerPointerTarget) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        byte[] q = questionOnly(id);
        o.writeBytes(q);
        byte[] b = o.toByteArray();
        b[2] = (byte) 0x81; // QR + RD
        b[3] = (byte) 0x80; // RA, NOERROR
        b[7] = 1; // ANCOUNT
        o.reset();
        o.writeBytes(b);
        o.write(0xC0); // name: pointer to the question name at 12
        o.write(answerPointerTarget);
        o.writeBytes(new byte[] {0, 33, 0, 1, 0, 0, 0, 60}); // SRV IN TTL 60
        byte[] target = {3, 'g', 'w', '1', (byte) 0xC0, 22}; // "gw1" + pointer to "carrier.test" in the question
        o.writeBytes(new byte[] {0, (byte) (6 + target.length)});
        o.writeBytes(new byte[] {0, 10, 0, 60, 0x13, (byte) 0xC4}); // priority 10, weight 60, port 5060
        o.writeBytes(target);
        return o.toByteArray();
    }

    /** Our query without its EDNS(0) OPT record: header + question, as a response echoes it. */
    private static byte[] questionOnly(int id) {
        byte[] q = DnsWire.query(id, "_sip._udp.carrier.test", DnsWire.TYPE_SRV);
        byte[] out = java.util.Arrays.copyOf(q, q.length - 11);
        out[11] = 0; // ARCOUNT
        return out;
    }

    @Test
    void queryCarriesEdnsOptRecord() {
        byte[] q = DnsWire.query(1, "a.test", DnsWire.TYPE_A);
        assertEquals(1, q[11], "ARCOUNT");
        assertEquals(41, q[q.length - 11 + 2], "OPT type");
        assertEquals(DnsWire.EDNS_UDP_PAYLOAD, ((q[q.length - 11 + 3] & 0xFF) << 8) | (q[q.length - 11 + 4] & 0xFF));
    }

    @Test
    void readsSrvWithCompressedNames() {
        byte[] r = srvResponse(0x1234, 12);
        DnsAnswer a = DnsWire.parse(r, r.length, 0x1234, "_sip._udp.carrier.test", DnsWire.TYPE_SRV);
        assertEquals(DnsAnswer.NOERROR, a.rcode());
        assertEquals(1, a.records().size());
        DnsRecord srv = a.records().get(0);
        assertEquals("gw1.carrier.test", srv.target());
        assertEquals(10, srv.priority());
        assertEquals(60, srv.weight());
        assertEquals(5060, srv.port());
        assertEquals(60, srv.ttlSeconds());
    }

    @Test
    void refusesResponseWithAnotherIdOrQuestion() {
        byte[] r = srvResponse(0x1234, 12);
        assertEquals(DnsAnswer.MALFORMED, DnsWire.parse(r, r.length, 0x1235, "_sip._udp.carrier.test", DnsWire.TYPE_SRV).rcode());
        assertEquals(DnsAnswer.MALFORMED, DnsWire.parse(r, r.length, 0x1234, "_sip._tcp.carrier.test", DnsWire.TYPE_SRV).rcode());
    }

    @Test
    void pointerLoopIsMalformedNotAHang() {
        byte[] r = srvResponse(7, 12);
        // Make the answer's name pointer point at itself.
        int answerName = questionOnly(7).length;
        r[answerName + 1] = (byte) answerName;
        assertEquals(DnsAnswer.MALFORMED, DnsWire.parse(r, r.length, 7, "_sip._udp.carrier.test", DnsWire.TYPE_SRV).rcode());
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 4L, 5L})
    void truncatedOrFlippedResponsesNeverThrow(long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        byte[] good = srvResponse(9, 12);
        for (int i = 0; i < 2000; i++) {
            byte[] r = good.clone();
            int len = rnd.nextInt(r.length + 1);
            for (int k = 0; k < 3; k++) {
                r[rnd.nextInt(r.length)] = (byte) rnd.nextInt(256);
            }
            DnsAnswer a = DnsWire.parse(r, len, 9, "_sip._udp.carrier.test", DnsWire.TYPE_SRV);
            assertTrue(a.records().size() <= DnsWire.MAX_RECORDS, "seed " + seed);
        }
    }

    @Test
    void refusesInvalidNames() {
        assertNull(DnsWire.query(1, "a..b", DnsWire.TYPE_A));
        assertNull(DnsWire.query(1, "x".repeat(64) + ".test", DnsWire.TYPE_A));
    }

    private static DnsRecord srv(String target, int priority, int weight) {
        return new DnsRecord("_sip._udp.t", DnsWire.TYPE_SRV, 60, null, target, priority, weight, 5060);
    }

    @Test
    void ordersSrvByPriorityThenWeight() {
        List<DnsRecord> recs = List.of(srv("c", 20, 1), srv("a", 10, 60), srv("b", 10, 40));
        int aFirst = 0;
        RandomGenerator rnd = new SplittableRandom(11);
        for (int i = 0; i < 2000; i++) {
            List<DnsRecord> o = Rfc3263Resolver.orderSrv(recs, rnd);
            assertEquals("c", o.get(2).target(), "lower priority value always first");
            if (o.get(0).target().equals("a")) {
                aFirst++;
            }
        }
        // Weight 60 of 100: first in about 60% of orderings (RFC 2782).
        assertTrue(aFirst > 1100 && aFirst < 1300, "a first " + aFirst + " of 2000");
    }

    @Test
    void cacheHonoursTtlAndBound() {
        long[] now = {0};
        DnsCache cache = new DnsCache(2, () -> now[0]);
        DnsAnswer a = new DnsAnswer(0, List.of(srv("x", 1, 1)), 30);
        cache.put("n1", 33, a);
        now[0] = 59_999;
        assertEquals(a, cache.get("n1", 33));
        now[0] = 60_000;
        assertNull(cache.get("n1", 33), "TTL 60 s ran out");
        cache.put("n1", 33, a);
        cache.put("n2", 33, a);
        cache.put("n3", 33, a);
        assertEquals(2, cache.size());
        cache.put("t", 1, new DnsAnswer(DnsAnswer.TIMEOUT, List.of(), 0));
        assertNull(cache.get("t", 1), "timeouts are not cached");
    }
}
