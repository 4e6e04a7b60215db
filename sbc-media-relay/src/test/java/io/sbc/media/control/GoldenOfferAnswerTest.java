package io.sbc.media.control;

import static io.sbc.media.control.NgHarness.assertSdp;
import static io.sbc.media.control.NgHarness.crlf;
import static io.sbc.media.control.NgHarness.sdp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.session.StreamInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden offer/answer exchanges through the real dispatcher, in the style of rtpengine's
 * t/auto-daemon-tests: input SDP + flags → expected SDP with PORT/KEY/UFRAG/PWD placeholders.
 * Offerer (PBX side) 198.51.100.0/24, answerer (carrier side) 203.0.113.0/24,
 * relay interfaces pbx = 192.0.2.10 and carrier = 203.0.113.10.
 */
class GoldenOfferAnswerTest {
    private final NgHarness ng = new NgHarness();

    private static final List<String> DIR = List.of("pbx", "carrier");
    private static final List<String> REPLACE = List.of("origin", "session-connection");

    private static final String PLAIN_OFFER = """
            v=0
            o=- 1545997027 1 IN IP4 198.51.100.1
            s=tester
            c=IN IP4 198.51.100.1
            t=0 0
            m=audio 2000 RTP/AVP 0 8 101
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=sendrecv
            """;

    private static final String PLAIN_ANSWER = """
            v=0
            o=- 7766 1 IN IP4 203.0.113.99
            s=carrier
            c=IN IP4 203.0.113.99
            t=0 0
            m=audio 3000 RTP/AVP 8 101
            a=rtpmap:101 telephone-event/8000
            a=fmtp:101 0-15
            a=sendrecv
            """;

    private BencodeDictionary offer(String callId, String sdp, Object... extra) {
        Object[] base = {"command", "offer", "call-id", callId, "from-tag", "tagA", "sdp", crlf(sdp),
            "direction", DIR, "replace", REPLACE};
        Object[] all = new Object[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return ng.send(all);
    }

    private BencodeDictionary answer(String callId, String sdp, Object... extra) {
        Object[] base = {"command", "answer", "call-id", callId, "from-tag", "tagA", "to-tag", "tagB", "sdp", crlf(sdp),
            "replace", REPLACE};
        Object[] all = new Object[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return ng.send(all);
    }

    @Test
    void plainRtpOfferAnswerBetweenPbxAndCarrierHidesBothSides() {
        List<Integer> out = assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                """, sdp(offer("golden-1", PLAIN_OFFER, "ICE", "remove")));
        assertEquals(out.get(0) + 1, out.get(1), "a=rtcp is the odd port after RTP");
        assertEquals(0, out.get(0) % 2);
        List<Integer> back = assertSdp("""
                v=0
                o=- 7766 1 IN IP4 192.0.2.10
                s=carrier
                c=IN IP4 192.0.2.10
                t=0 0
                m=audio PORT RTP/AVP 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                """, sdp(answer("golden-1", PLAIN_ANSWER)));
        assertNotEquals(out.get(0), back.get(0), "each side gets its own port pair");
        StreamInfo carrierSide = ng.streams.values().stream().filter(s -> s.localRtpPort() == out.get(0)).findFirst().orElseThrow();
        assertEquals("203.0.113.99", carrierSide.remoteAddress());
        assertEquals(3000, carrierSide.remoteRtpPort());
        assertEquals(CARRIER_IFACE, carrierSide.localAddress());
    }

    private static final String CARRIER_IFACE = NgHarness.CARRIER;

    @Test
    void rtpOfferConvertedToSrtpGetsFreshSdesKeysAndAnswerKeysAreKeptPerLeg() {
        String offered = sdp(offer("golden-2", PLAIN_OFFER, "transport-protocol", "RTP/SAVP"));
        assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/SAVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                a=crypto:1 AEAD_AES_128_GCM inline:KEY
                a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:KEY
                a=crypto:3 AES_CM_128_HMAC_SHA1_32 inline:KEY
                """, offered);
        String srtpAnswer = PLAIN_ANSWER.replace("RTP/AVP", "RTP/SAVP").replace("a=sendrecv\n",
                "a=sendrecv\na=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\n");
        assertSdp("""
                v=0
                o=- 7766 1 IN IP4 192.0.2.10
                s=carrier
                c=IN IP4 192.0.2.10
                t=0 0
                m=audio PORT RTP/AVP 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                """, sdp(answer("golden-2", srtpAnswer)));
        String ourKeyTag2 = offered.substring(offered.indexOf("a=crypto:2 AES_CM_128_HMAC_SHA1_80 inline:") + 42);
        ourKeyTag2 = ourKeyTag2.substring(0, ourKeyTag2.indexOf('\r'));
        StreamInfo carrierSide = ng.streams.values().stream().filter(s -> s.srtpIn() != null).findFirst().orElseThrow();
        assertEquals("inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", carrierSide.srtpIn().keyParams());
        assertEquals("inline:" + ourKeyTag2, carrierSide.srtpOut().keyParams());
        assertEquals("AES_CM_128_HMAC_SHA1_80", carrierSide.srtpOut().suite());
    }

    @Test
    void srtpOfferConvertedToRtpDropsCryptoAndAnswersOffererWithFreshKeyForItsTag() {
        String srtpOffer = PLAIN_OFFER.replace("RTP/AVP", "RTP/SAVP").replace("a=sendrecv\n",
                "a=sendrecv\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32\n"
                        + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2\n");
        assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                """, sdp(offer("golden-3", srtpOffer, "transport-protocol", "RTP/AVP")));
        String answered = sdp(answer("golden-3", PLAIN_ANSWER));
        assertSdp("""
                v=0
                o=- 7766 1 IN IP4 192.0.2.10
                s=carrier
                c=IN IP4 192.0.2.10
                t=0 0
                m=audio PORT RTP/SAVP 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:KEY
                """, answered);
        assertTrue(!answered.contains("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"), "the offerer's key is never echoed");
    }

    @Test
    void iceCandidatesAreRemovedAndRtcpMuxOfferedByPbxIsPassedOnAndAccepted() {
        String iceOffer = PLAIN_OFFER.replace("a=sendrecv\n", """
                a=sendrecv
                a=rtcp-mux
                a=ice-ufrag:8hhY
                a=ice-pwd:asd88fgpdd777uzjYhagZg
                a=candidate:1 1 UDP 2130706431 198.51.100.1 2000 typ host
                a=candidate:2 1 UDP 1694498815 192.0.2.77 45664 typ srflx raddr 198.51.100.1 rport 2000
                """);
        List<Integer> p = assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp-mux
                a=rtcp:PORT
                """, sdp(offer("golden-4", iceOffer, "ICE", "remove")));
        assertEquals(p.get(0) + 1, p.get(1), "RFC 5761 §5.1.3: offer keeps a fallback RTCP port");
        String muxAnswer = PLAIN_ANSWER.replace("a=sendrecv\n", "a=sendrecv\na=rtcp-mux\n");
        List<Integer> q = assertSdp("""
                v=0
                o=- 7766 1 IN IP4 192.0.2.10
                s=carrier
                c=IN IP4 192.0.2.10
                t=0 0
                m=audio PORT RTP/AVP 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp-mux
                a=rtcp:PORT
                """, sdp(answer("golden-4", muxAnswer, "ICE", "remove")));
        assertEquals(q.get(0), q.get(1), "muxed answer: a=rtcp names the RTP port");
    }

    @Test
    void demuxOffersPlainRtcpToCarrierAndStillAcceptsPbxMux() {
        String muxOffer = PLAIN_OFFER.replace("a=sendrecv\n", "a=sendrecv\na=rtcp-mux\n");
        String offered = sdp(offer("golden-5", muxOffer, "rtcp-mux", List.of("demux")));
        assertTrue(!offered.contains("rtcp-mux"), offered);
        String answered = sdp(answer("golden-5", PLAIN_ANSWER));
        assertTrue(answered.contains("a=rtcp-mux\r\n"), answered);
    }

    @Test
    void codecStripAndMaskRemoveFormatsAndTheirAttributes() {
        assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 8
                a=sendrecv
                a=rtcp:PORT
                """, sdp(offer("golden-6", PLAIN_OFFER, "codec",
                NgHarness.request("strip", List.of("PCMU"), "mask", List.of("telephone-event")))));
    }

    @Test
    void holdReOfferKeepsZeroAddressDirectionAndThePortsOfTheFirstOffer() {
        List<Integer> first = assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                """, sdp(offer("golden-7", PLAIN_OFFER)));
        sdp(answer("golden-7", PLAIN_ANSWER));
        String hold = PLAIN_OFFER.replace("c=IN IP4 198.51.100.1", "c=IN IP4 0.0.0.0")
                .replace("a=sendrecv", "a=sendonly").replace("1545997027 1", "1545997027 2");
        List<Integer> again = assertSdp("""
                v=0
                o=- 1545997027 2 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 0.0.0.0
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendonly
                a=rtcp:PORT
                """, sdp(offer("golden-7", hold, "to-tag", "tagB")));
        assertEquals(first, again, "re-offer with unchanged media keeps ports");
    }

    @Test
    void audioAndVideoWithDisabledVideoKeepPortZeroAndGetDistinctAudioPorts() {
        String av = PLAIN_OFFER + """
                m=video 0 RTP/AVP 31
                a=rtpmap:31 H261/90000
                m=video 2002 RTP/AVPF 96
                c=IN IP4 198.51.100.2
                a=rtpmap:96 VP8/90000
                a=rtcp-fb:96 nack
                """;
        List<Integer> p = assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                m=video 0 RTP/AVP 31
                a=rtpmap:31 H261/90000
                m=video PORT RTP/AVPF 96
                c=IN IP4 203.0.113.10
                a=rtpmap:96 VP8/90000
                a=rtcp-fb:96 nack
                a=rtcp:PORT
                """, sdp(offer("golden-8", av)));
        assertNotEquals(p.get(0), p.get(2));
    }

    @Test
    void iceForceWritesRelayCredentialsAndHostCandidates() {
        assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                a=ice-ufrag:UFRAG
                a=ice-pwd:PWD
                a=candidate:PORT 1 UDP 2130706431 203.0.113.10 PORT typ host
                a=candidate:PORT 2 UDP 2130706430 203.0.113.10 PORT typ host
                """, sdp(offer("golden-9", PLAIN_OFFER, "ICE", "force")));
        StreamInfo withIce = ng.streams.values().stream().filter(s -> s.iceUfrag() != null).findFirst().orElseThrow();
        assertNotNull(withIce.icePwd());
    }

    @Test
    void mediaDirectionOverrideAndSipSourceAddressAreApplied() {
        String out = sdp(offer("golden-10", PLAIN_OFFER, "media-direction", "sendonly",
                "flags", List.of("SIP-source-address", "strict-source"), "received-from", List.of("IP4", "198.51.100.200")));
        assertTrue(out.contains("a=sendonly\r\n") && !out.contains("sendrecv"), out);
        StreamInfo pbxSide = ng.streams.values().stream().filter(s -> s.remoteAddress() != null).findFirst().orElseThrow();
        assertEquals("198.51.100.200", pbxSide.remoteAddress());
        assertTrue(pbxSide.latching().strictSource());
        assertNull(pbxSide.srtpIn());
    }

    @Test
    void reInviteFromTheCarrierSideKeepsBothSidesPortsProtocolAndKeys() {
        String srtpOffer = PLAIN_OFFER.replace("RTP/AVP", "RTP/SAVP").replace("a=sendrecv\n",
                "a=sendrecv\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR\n");
        List<Integer> towardCarrier = assertSdp("""
                v=0
                o=- 1545997027 1 IN IP4 203.0.113.10
                s=tester
                c=IN IP4 203.0.113.10
                t=0 0
                m=audio PORT RTP/AVP 0 8 101
                a=rtpmap:101 telephone-event/8000
                a=fmtp:101 0-15
                a=sendrecv
                a=rtcp:PORT
                """, sdp(offer("golden-11", srtpOffer, "transport-protocol", "RTP/AVP")));
        String answered = sdp(answer("golden-11", PLAIN_ANSWER));
        String keyToPbx = answered.substring(answered.indexOf("a=crypto:1 "));
        int pbxPort = Integer.parseInt(answered.substring(answered.indexOf("m=audio ") + 8, answered.indexOf(" RTP/SAVP")));
        // The carrier re-INVITEs (from-tag = its tag), without any transport-protocol flag.
        BencodeDictionary reOffer = ng.send("command", "offer", "call-id", "golden-11", "from-tag", "tagB", "to-tag", "tagA",
                "sdp", crlf(PLAIN_ANSWER.replace("7766 1", "7766 2")), "replace", REPLACE);
        String towardPbx = sdp(reOffer);
        assertTrue(towardPbx.contains("m=audio " + pbxPort + " RTP/SAVP 8 101\r\n"), towardPbx);
        assertTrue(towardPbx.contains(keyToPbx), "the key already given to the PBX is offered again:\n" + towardPbx);
        assertTrue(towardPbx.contains("c=IN IP4 192.0.2.10\r\n"));
        String pbxAnswer = srtpOffer.replace("1545997027 1", "1545997027 2");
        String towardCarrierAgain = sdp(ng.send("command", "answer", "call-id", "golden-11", "from-tag", "tagB",
                "to-tag", "tagA", "sdp", crlf(pbxAnswer), "replace", REPLACE));
        assertTrue(towardCarrierAgain.contains("m=audio " + towardCarrier.get(0) + " RTP/AVP 0 8 101\r\n"), towardCarrierAgain);
        assertTrue(!towardCarrierAgain.contains("crypto"));
        assertEquals(1, ng.registry.list(10).size());
        assertEquals(4, ng.registry.ports().portsInUse(), "no port was re-allocated");
    }
}
