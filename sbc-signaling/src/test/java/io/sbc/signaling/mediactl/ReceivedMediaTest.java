package io.sbc.signaling.mediactl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReceivedMediaTest {

    private static Map<String, Object> stream(String kind, long ssrc, Map<String, Object> stats) {
        return Map.of("flags", List.of(kind), "SSRC", ssrc, "stats", stats);
    }

    private static Map<String, Object> reply(Map<String, Object> ssrcBlock, Object... tagAndStreams) {
        Map<String, Object> tags = new java.util.LinkedHashMap<>();
        for (int i = 0; i < tagAndStreams.length; i += 2) {
            tags.put((String) tagAndStreams[i], Map.of("medias", List.of(Map.of("streams", tagAndStreams[i + 1]))));
        }
        return Map.of("result", "ok", "tags", tags, "SSRC", ssrcBlock);
    }

    @Test
    void readsTheEmbeddedRelaysStatsExtensionsAndTheSsrcBlocksMos() {
        Map<String, Object> ssrc = Map.of("7", Map.of("cumulative loss", 10L, "average MOS",
                Map.of("MOS", 39L, "jitter", 2L, "packet loss", 5L, "samples", 1L)));
        Map<String, Object> r = reply(ssrc, "a", List.of(
                stream("RTP", 7, Map.of("packets", 190L, "bytes", 32_680L, "errors", 0L, "packets lost", 10L,
                        "packets expected", 200L, "jitter us", 2_400L)),
                stream("RTCP", 7, Map.of("packets", 9L, "bytes", 700L, "errors", 0L))));

        ReceivedMedia m = ReceivedMedia.of(r, "a");

        assertEquals(new ReceivedMedia(190, 10, 2.4, 3.9), m);
        assertNull(ReceivedMedia.of(r, "b"), "unknown tag");
    }

    @Test
    void fallsBackToRtpenginesCumulativeLossAndMillisecondJitter() {
        Map<String, Object> ssrc = Map.of("201209520", Map.of("cumulative loss", 4L, "average MOS",
                Map.of("MOS", 41L, "jitter", 3L, "packet loss", 1L, "round-trip time", 297_329L, "samples", 3L)));
        Map<String, Object> r = reply(ssrc, "f706186c", List.of(
                Map.of("flags", List.of("RTP", "RTCP", "filled"), "SSRC", 201_209_520L,
                        "stats", Map.of("packets", 1090L, "bytes", 187_321L, "errors", 1L))));

        assertEquals(new ReceivedMedia(1090, 4, 3.0, 4.1), ReceivedMedia.of(r, "f706186c"));
    }

    @Test
    void reportsNoMosWhenTheRelayHasNoneAndNothingForAnEmptyOrBrokenReply() {
        Map<String, Object> r = reply(Map.of(), "a", List.of(stream("RTP", 1, Map.of("packets", 50L))));
        assertEquals(-1, ReceivedMedia.of(r, "a").mos());
        assertNull(ReceivedMedia.of(reply(Map.of(), "a", List.of(stream("RTP", 1, Map.of("packets", 0L)))), "a"));
        assertNull(ReceivedMedia.of(Map.of("tags", "garbage"), "a"));
        assertNull(ReceivedMedia.of(null, "a"));
    }

    @Test
    void parsesARealBencodedDeleteReply() {
        String wire = "d6:result2:ok4:SSRCd1:5d15:cumulative lossi3e11:average MOSd3:MOSi44e6:jitteri0eeee"
                + "4:tagsd1:ad6:mediasld7:streamsld5:flagsl3:RTPe4:SSRCi5e5:statsd7:packetsi97e12:packets losti3e"
                + "9:jitter usi150eeeeeeeee";
        byte[] bytes = wire.getBytes(StandardCharsets.ISO_8859_1);
        Bencode.Decoded d = Bencode.decode(bytes, 0, bytes.length);
        assertNull(d.error(), d.error());
        assertEquals(new ReceivedMedia(97, 3, 0.15, 4.4), ReceivedMedia.of((Map<?, ?>) d.value(), "a"));
    }
}
