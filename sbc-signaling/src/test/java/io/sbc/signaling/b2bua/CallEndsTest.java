package io.sbc.signaling.b2bua;

import io.sbc.signaling.cdr.CdrRecord.MediaFigures;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallEndsTest {
    static byte[] sdp(String s) {
        return s.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void codecsFollowTheFirstMediaLinesPayloadOrderWithStaticTypesNamed() {
        byte[] body = sdp("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nc=IN IP4 1.2.3.4\nt=0 0\n"
                + "m=audio 4000 RTP/AVP 8 0 101\na=rtpmap:101 telephone-event/8000\n"
                + "m=video 4002 RTP/AVP 96\na=rtpmap:96 H264/90000\n");
        assertEquals(List.of("PCMA", "PCMU", "telephone-event"), CallEnds.SdpFacts.codecs(body));
        assertFalse(CallEnds.SdpFacts.srtp(body));
        assertTrue(CallEnds.SdpFacts.srtp(sdp("m=audio 4000 RTP/SAVP 0\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:x\n")));
        assertEquals(List.of(), CallEnds.SdpFacts.codecs(new byte[0]));
    }

    @Test
    void figuresSumTheRtpStreamsOfTheSidesTagAndIgnoreRtcp() {
        Map<String, Object> rtp = Map.of("flags", List.of("RTP"), "stats", Map.of("packets", 500L, "packets lost", 5L));
        Map<String, Object> rtcp = Map.of("flags", List.of("RTCP"), "stats", Map.of("packets", 9L));
        Map<String, Object> reply = Map.of("tags", Map.of("a", Map.of("medias", List.of(Map.of("streams", List.of(rtp, rtcp))))));
        MediaFigures f = CallEnds.SdpFacts.figures(reply, "a");
        assertEquals(500, f.packets());
        assertEquals(5, f.lost());
        assertTrue(f.mos() > 3.5 && f.mos() < 4.5, "1% loss: " + f.mos());
        assertEquals(MediaFigures.NONE, CallEnds.SdpFacts.figures(reply, "b"));
        assertEquals(MediaFigures.NONE, CallEnds.SdpFacts.figures(null, "a"));
    }

    @Test
    void mosFallsWithLoss() {
        assertTrue(CallEnds.SdpFacts.mos(0) > 4.3);
        assertTrue(CallEnds.SdpFacts.mos(10) < CallEnds.SdpFacts.mos(1));
        assertTrue(CallEnds.SdpFacts.mos(100) >= 1);
    }
}
