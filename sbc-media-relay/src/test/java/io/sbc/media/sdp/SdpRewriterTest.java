package io.sbc.media.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

class SdpRewriterTest {
    private static final String OFFER = "v=0\r\n"
            + "o=- 1545997027 1 IN IP4 198.51.100.1\r\n"
            + "s=tester\r\n"
            + "c=IN IP4 198.51.100.1\r\n"
            + "t=0 0\r\n"
            + "a=ice-lite\r\n"
            + "m=audio 2000 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=rtcp:2001\r\n"
            + "a=ice-ufrag:abcd\r\n"
            + "a=ice-pwd:0123456789abcdef012345\r\n"
            + "a=candidate:1 1 UDP 2130706431 198.51.100.1 2000 typ host\r\n"
            + "a=candidate:1 2 UDP 2130706430 198.51.100.1 2001 typ host\r\n"
            + "a=sendrecv\r\n"
            + "m=video 0 RTP/AVP 31\r\n";

    private static SessionDescription parse(String s) {
        SdpParseResult r = new SdpParser().parse(s);
        assertTrue(r.isOk(), r.errorReason());
        return r.description();
    }

    private static MediaRewrite.Builder audio() {
        return MediaRewrite.builder().address("IP4", "203.0.113.1").port(30000).rtcpPort(30001);
    }

    @Test
    void rewritesConnectionPortAndRtcpAndKeepsOtherLinesByteIdentical() {
        RewritePlan plan = new RewritePlan(null, null, "IP4", "203.0.113.1", false, false, List.of(audio().build()));
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertEquals(OFFER.replace("c=IN IP4 198.51.100.1", "c=IN IP4 203.0.113.1")
                .replace("m=audio 2000", "m=audio 30000").replace("a=rtcp:2001", "a=rtcp:30001"), out);
    }

    @Test
    void replacesOriginAddressOnlyWhenAsked() {
        RewritePlan plan = new RewritePlan("IP4", "203.0.113.1", null, null, false, false, List.of());
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertTrue(out.contains("o=- 1545997027 1 IN IP4 203.0.113.1\r\n"));
        assertTrue(out.contains("c=IN IP4 198.51.100.1\r\n"));
    }

    @Test
    void removesIceAttributesAndCandidatesAtSessionAndMediaLevel() {
        RewritePlan plan = new RewritePlan(null, null, null, null, true, false,
                List.of(audio().removeIce(true).build()));
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertFalse(out.contains("ice-"));
        assertFalse(out.contains("candidate"));
        assertTrue(out.contains("a=sendrecv\r\nm=video 0 RTP/AVP 31\r\n"));
    }

    @Test
    void writesOwnIceCandidatesLastWhenForced() {
        IceCandidates ice = new IceCandidates("uf", "pwpwpwpwpwpwpwpwpwpwpw",
                List.of(IceCandidates.hostCandidate("R1", 1, "203.0.113.1", 30000)));
        RewritePlan plan = new RewritePlan(null, null, null, null, true, false,
                List.of(audio().removeIce(true).ice(ice).build()));
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertTrue(out.contains("a=sendrecv\r\na=ice-ufrag:uf\r\na=ice-pwd:pwpwpwpwpwpwpwpwpwpwpw\r\n"
                + "a=candidate:R1 1 UDP 2130706431 203.0.113.1 30000 typ host\r\nm=video"), out);
        assertEquals(out, SdpRewriter.rewrite(parse(out), plan));
    }

    @Test
    void stripsCodecByNameWithItsRtpmapAndFmtp() {
        RewritePlan plan = new RewritePlan(null, null, null, null, false, false,
                List.of(audio().codecs(new CodecFilter(List.of("telephone-event", "PCMU"), List.of(), List.of())).build()));
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertTrue(out.contains("m=audio 30000 RTP/AVP 8\r\n"), out);
        assertFalse(out.contains("rtpmap:101"));
        assertFalse(out.contains("fmtp:101"));
    }

    @Test
    void stripAllExceptKeepsOnlyTheExceptedCodecs() {
        RewritePlan plan = new RewritePlan(null, null, null, null, false, false,
                List.of(audio().codecs(new CodecFilter(List.of("all"), List.of(), List.of("PCMA", "telephone-event/8000"))).build()));
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertTrue(out.contains("m=audio 30000 RTP/AVP 8 101\r\n"), out);
    }

    @Test
    void maskingEveryCodecDisablesTheStreamButKeepsItsFormats() {
        RewritePlan plan = new RewritePlan(null, null, null, null, false, false,
                List.of(audio().codecs(new CodecFilter(List.of(), List.of("PCMU", "PCMA", "telephone-event"), List.of())).build()));
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertTrue(out.contains("m=audio 0 RTP/AVP 0 8 101\r\n"), out);
    }

    @Test
    void setsDirectionOverrideInPlace() {
        RewritePlan plan = new RewritePlan(null, null, null, null, false, false, List.of(audio().direction("sendonly").build()));
        String out = SdpRewriter.rewrite(parse(OFFER), plan);
        assertTrue(out.contains("a=sendonly\r\nm=video"));
        assertFalse(out.contains("sendrecv"));
    }

    @Test
    void keepsZeroAddressOfLegacyHoldButRewritesPort() {
        String hold = OFFER.replace("c=IN IP4 198.51.100.1", "c=IN IP4 0.0.0.0");
        RewritePlan plan = new RewritePlan(null, null, "IP4", "203.0.113.1", false, false, List.of(audio().build()));
        String out = SdpRewriter.rewrite(parse(hold), plan);
        assertTrue(out.contains("c=IN IP4 0.0.0.0\r\n"));
        assertTrue(out.contains("m=audio 30000 "));
    }

    @Test
    void convertsRtpAvpToSavpWithFreshCryptoAndBack() {
        CryptoAttribute key = CryptoAttribute.generate(1, CryptoSuite.AES_CM_128_HMAC_SHA1_80, new SecureRandom());
        RewritePlan toSrtp = new RewritePlan(null, null, null, null, false, false,
                List.of(audio().proto("RTP/SAVP").crypto(List.of(key)).build()));
        String srtp = SdpRewriter.rewrite(parse(OFFER), toSrtp);
        assertTrue(srtp.contains("m=audio 30000 RTP/SAVP 0 8 101\r\n"));
        assertTrue(srtp.contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key.inlineKeySalt() + "\r\n"));
        assertEquals(40, key.inlineKeySalt().length());
        RewritePlan back = new RewritePlan(null, null, null, null, false, false,
                List.of(audio().proto("RTP/AVP").crypto(List.of()).build()));
        String rtp = SdpRewriter.rewrite(parse(srtp), back);
        assertFalse(rtp.contains("crypto"));
        assertTrue(rtp.contains("m=audio 30000 RTP/AVP 0 8 101\r\n"));
    }

    @Test
    void addsRtcpMuxAndRemovesItWhenDemuxed() {
        RewritePlan mux = new RewritePlan(null, null, null, null, false, false,
                List.of(audio().rtcpPort(30000).rtcpMux(true).build()));
        String muxed = SdpRewriter.rewrite(parse(OFFER), mux);
        assertTrue(muxed.contains("a=rtcp:30000\r\n"));
        assertTrue(muxed.contains("a=sendrecv\r\na=rtcp-mux\r\nm=video"), muxed);
        RewritePlan demux = new RewritePlan(null, null, null, null, false, false,
                List.of(audio().rtcpMux(false).build()));
        assertFalse(SdpRewriter.rewrite(parse(muxed), demux).contains("rtcp-mux"));
    }

    @Test
    void rewritesRtcpAttributeAddressForm() {
        String in = OFFER.replace("a=rtcp:2001", "a=rtcp:2001 IN IP4 198.51.100.7");
        RewritePlan plan = new RewritePlan(null, null, null, null, false, false, List.of(audio().build()));
        assertTrue(SdpRewriter.rewrite(parse(in), plan).contains("a=rtcp:30001 IN IP4 203.0.113.1\r\n"));
    }

    @Test
    void appendedLinesAreTerminatedEvenAfterUnterminatedLastLine() {
        String in = "v=0\r\no=- 1 1 IN IP4 198.51.100.1\r\ns=-\r\nc=IN IP4 198.51.100.1\r\nt=0 0\r\nm=audio 2000 RTP/AVP 0";
        RewritePlan plan = new RewritePlan(null, null, null, null, false, false, List.of(audio().build()));
        String out = SdpRewriter.rewrite(parse(in), plan);
        assertTrue(out.endsWith("m=audio 30000 RTP/AVP 0\r\na=rtcp:30001\r\n"), out);
    }
}
