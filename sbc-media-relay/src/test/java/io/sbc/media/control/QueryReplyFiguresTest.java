package io.sbc.media.control;

import static io.sbc.media.control.NgHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeInteger;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.session.ReceptionFigures;
import io.sbc.media.session.StreamInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reception figures a relay worker supplies land in rtpengine's places: the stream's {@code SSRC},
 * relay extensions in its {@code stats}, and the top-level {@code SSRC} block Kamailio's MOS
 * pseudo-variables read ({@code MOS} ×10, {@code packet loss} %, {@code jitter} ms, RTT µs).
 */
class QueryReplyFiguresTest {
    private final NgHarness ng = new NgHarness();

    private void call() {
        ng.send("command", "offer", "call-id", "c1", "from-tag", "a", "sdp", NgCommandDispatcherTest.OFFER,
                "direction", List.of("pbx", "carrier"));
        ng.send("command", "answer", "call-id", "c1", "from-tag", "a", "to-tag", "b", "sdp",
                NgCommandDispatcherTest.ANSWER);
    }

    private long streamOf(String tag) {
        for (StreamInfo s : ng.streams.values()) {
            if (s.tag().equals(tag)) {
                return s.streamId();
            }
        }
        throw new AssertionError("no stream for tag " + tag);
    }

    private static BencodeDictionary dict(BencodeDictionary d, String... path) {
        BencodeDictionary cur = d;
        for (String k : path) {
            cur = (BencodeDictionary) cur.get(k);
        }
        return cur;
    }

    private static long num(BencodeDictionary d, String key) {
        return ((BencodeInteger) d.get(key)).value();
    }

    private static BencodeDictionary rtpStream(BencodeDictionary reply, String tag) {
        BencodeList medias = (BencodeList) dict(reply, "tags", tag).get("medias");
        BencodeList streams = (BencodeList) ((BencodeDictionary) medias.items().get(0)).get("streams");
        return (BencodeDictionary) streams.items().get(0);
    }

    @Test
    void deleteReplyCarriesLossJitterAndMosPerSenderInRtpenginesSsrcLayout() {
        call();
        ng.figures.put(streamOf("a"), new ReceptionFigures(3_000_000_000L, 200, 190, 10, 2.4, 30.5, 3.87));
        ng.figures.put(streamOf("b"), new ReceptionFigures(77, 100, 100, 0, 0.4, -1, 4.41));

        BencodeDictionary reply = ng.send("command", "delete", "call-id", "c1", "from-tag", "a");

        assertEquals("ok", str(reply, "result"));
        BencodeDictionary fromA = rtpStream(reply, "a");
        assertEquals(3_000_000_000L, num(fromA, "SSRC"), "SSRC is unsigned 32-bit");
        BencodeDictionary stats = dict(fromA, "stats");
        assertEquals(10, num(stats, "packets lost"));
        assertEquals(200, num(stats, "packets expected"));
        assertEquals(2400, num(stats, "jitter us"));

        BencodeDictionary ssrcA = dict(reply, "SSRC", "3000000000");
        assertEquals(10, num(ssrcA, "cumulative loss"));
        BencodeDictionary avg = dict(ssrcA, "average MOS");
        assertEquals(39, num(avg, "MOS"), "MOS x10 as an integer, as rtpengine");
        assertEquals(5, num(avg, "packet loss"), "percent");
        assertEquals(2, num(avg, "jitter"), "ms");
        assertEquals(30_500, num(avg, "round-trip time"), "µs");
        assertEquals(1, num(avg, "samples"));

        BencodeDictionary avgB = dict(reply, "SSRC", "77", "average MOS");
        assertEquals(44, num(avgB, "MOS"));
        assertEquals(0, num(avgB, "round-trip time"), "unknown RTT reads 0");
    }

    @Test
    void queryCarriesTheSameFiguresAndFastDeleteNone() {
        call();
        ng.figures.put(streamOf("a"), new ReceptionFigures(5, 50, 50, 0, 0, -1, 4.4));
        BencodeDictionary q = ng.send("command", "query", "call-id", "c1");
        assertEquals(44, num(dict(q, "SSRC", "5", "average MOS"), "MOS"));

        BencodeDictionary fast = ng.send("command", "delete", "call-id", "c1", "from-tag", "a", "flags",
                List.of("fast"));
        assertEquals("ok", str(fast, "result"));
        assertNull(fast.get("SSRC"));
    }

    @Test
    void streamsWithoutFiguresKeepRtpenginesPlainStats() {
        call();
        BencodeDictionary reply = ng.send("command", "delete", "call-id", "c1", "from-tag", "a");
        assertNull(reply.get("SSRC"));
        BencodeDictionary fromB = rtpStream(reply, "b");
        assertNull(fromB.get("SSRC"));
        assertEquals(3, dict(fromB, "stats").size(), "packets, bytes, errors");
    }

}
