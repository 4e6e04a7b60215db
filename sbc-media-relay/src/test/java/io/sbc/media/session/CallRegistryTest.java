package io.sbc.media.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.sdp.CodecFilter;
import io.sbc.media.sdp.MediaRewrite;
import io.sbc.media.sdp.SdpParser;
import io.sbc.media.sdp.SessionDescription;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CallRegistryTest {
    private final VirtualClock clock = new VirtualClock();
    private final List<String> events = new ArrayList<>();
    private final List<StreamInfo> removed = new ArrayList<>();
    private final CallRegistry registry;

    CallRegistryTest() {
        Map<String, String> ifaces = new LinkedHashMap<>();
        ifaces.put("pbx", "192.0.2.10");
        ifaces.put("carrier", "203.0.113.10");
        registry = new CallRegistry(new SessionConfig(ifaces, 30000, 30999, Duration.ofSeconds(30), 10,
                SessionConfig.DEFAULT_SUITES), new StreamListener() {
                    @Override
                    public void onStreamAdded(StreamInfo s) {
                        events.add("added");
                    }

                    @Override
                    public void onStreamUpdated(StreamInfo s) {
                        events.add("updated");
                    }

                    @Override
                    public void onStreamRemoved(StreamInfo s) {
                        events.add("removed");
                        removed.add(s);
                    }
                }, clock, 1_700_000_000L, new SecureRandom());
    }

    private static SessionDescription sdp(String s) {
        return new SdpParser().parse(s.replace("\n", "\r\n")).description();
    }

    private static final String AV = """
            v=0
            o=- 1 1 IN IP4 198.51.100.1
            s=-
            c=IN IP4 198.51.100.1
            t=0 0
            m=audio 2000 RTP/SAVP 0
            a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR
            m=video 2002 RTP/AVP 31
            """;

    private static SignalRequest req(String toTag, SessionDescription sdp, String transport) {
        return new SignalRequest("call-1", "a", toTag, null, sdp, List.of("pbx", "carrier"), IceMode.REMOVE, transport,
                false, Set.of(), SdesOptions.DEFAULT, CodecFilter.NONE, LatchingFlags.DEFAULT, false, null, null, null, null);
    }

    @Test
    void reOfferWithUnchangedMediaKeepsPortsAndSdesKeys() {
        SignalResult first = registry.offer(req(null, sdp(AV), null));
        SignalResult again = registry.offer(req(null, sdp(AV), null));
        for (int i = 0; i < 2; i++) {
            assertEquals(first.plan().media(i).port(), again.plan().media(i).port());
        }
        assertEquals(first.plan().media(0).crypto(), again.plan().media(0).crypto(), "same keys on re-offer");
        assertEquals(List.of("added", "added", "added", "added", "updated", "updated", "updated", "updated"), events);
        assertEquals(8, registry.ports().portsInUse());
    }

    @Test
    void reOfferWithChangedMediaReallocatesOnlyTheChangedSection() {
        SignalResult first = registry.offer(req(null, sdp(AV), null));
        String changed = AV.replace("m=video 2002 RTP/AVP 31", "m=application 2002 RTP/AVP 31");
        SignalResult again = registry.offer(req(null, sdp(changed), null));
        assertEquals(first.plan().media(0).port(), again.plan().media(0).port());
        assertNotEquals(first.plan().media(1).port(), again.plan().media(1).port());
        assertEquals(2, removed.size(), "both sides' video streams removed");
        assertEquals(8, registry.ports().portsInUse(), "old video ports released into quarantine");
    }

    @Test
    void disablingAStreamInReOfferReleasesItsPorts() {
        registry.offer(req(null, sdp(AV), null));
        SignalResult again = registry.offer(req(null, sdp(AV.replace("m=video 2002", "m=video 0")), null));
        assertEquals(MediaRewrite.KEEP, again.plan().media(1).port());
        assertEquals(4, registry.ports().portsInUse());
    }

    @Test
    void answerSetsRemoteEndpointAndPerLegSrtpParams() {
        SignalResult offer = registry.offer(req(null, sdp(AV), null));
        String ourTag1 = offer.plan().media(0).crypto().get(0).keyParams();
        String answer = """
                v=0
                o=- 9 1 IN IP4 203.0.113.99
                s=-
                c=IN IP4 203.0.113.99
                t=0 0
                m=audio 4000 RTP/SAVP 0
                a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2
                m=video 0 RTP/AVP 31
                """;
        SignalResult ans = registry.answer(req("b", sdp(answer), null));
        assertTrue(ans.isOk(), ans.errorReason());
        Call call = registry.query("call-1");
        Monologue a = call.monologues().get(0);
        Monologue b = call.monologues().get(1);
        assertEquals("b", b.tag());
        Stream sb = b.media().get(0).stream();
        assertEquals("203.0.113.99", sb.remoteAddress());
        assertEquals(4000, sb.remoteRtpPort());
        assertEquals("inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2", sb.srtpIn().keyParams());
        assertEquals(ourTag1, sb.srtpOut().keyParams());
        Stream sa = a.media().get(0).stream();
        assertEquals("inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR", sa.srtpIn().keyParams());
        assertNotEquals(sa.srtpIn().keyParams(), sa.srtpOut().keyParams());
        assertEquals(ans.plan().media(0).crypto().get(0).keyParams(), sa.srtpOut().keyParams());
        assertNull(a.media().get(1).stream(), "video rejected by the answerer: ports released");
        assertEquals(4, registry.ports().portsInUse());
    }

    @Test
    void answerChoosingATagNeverOfferedIsRefused() {
        registry.offer(req(null, sdp(AV), null));
        String answer = """
                v=0
                o=- 9 1 IN IP4 203.0.113.99
                s=-
                c=IN IP4 203.0.113.99
                t=0 0
                m=audio 4000 RTP/SAVP 0
                a=crypto:9 AES_CM_128_HMAC_SHA1_80 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2
                """;
        SignalResult r = registry.answer(req("b", sdp(answer), null));
        assertFalse(r.isOk());
        assertEquals("Answer's a=crypto tag 9 was not offered", r.errorReason());
    }

    @Test
    void deletedCallsPortsAreQuarantinedBeforeReuse() {
        Map<String, String> ifaces = Map.of("x", "192.0.2.1");
        CallRegistry small = new CallRegistry(new SessionConfig(ifaces, 40000, 40003, Duration.ofSeconds(30), 10,
                SessionConfig.DEFAULT_SUITES), StreamListener.NONE, clock, 0, new SecureRandom());
        SessionDescription one = sdp(AV.substring(0, AV.indexOf("m=video")));
        SignalRequest r1 = new SignalRequest("c1", "a", null, null, one, List.of(), IceMode.DEFAULT, null, false,
                Set.of(), SdesOptions.DEFAULT, CodecFilter.NONE, LatchingFlags.DEFAULT, false, null, null, null, null);
        assertTrue(small.offer(r1).isOk());
        assertTrue(small.delete("c1", "a", null, 0).found());
        SignalRequest r2 = new SignalRequest("c2", "a", null, null, one, List.of(), IceMode.DEFAULT, null, false,
                Set.of(), SdesOptions.DEFAULT, CodecFilter.NONE, LatchingFlags.DEFAULT, false, null, null, null, null);
        assertEquals(CallRegistry.OUT_OF_PORTS, small.offer(r2).errorReason());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(small.offer(r2).isOk());
        assertEquals(1, small.statistics().rejectedSessions());
    }

    @Test
    void tooManyCallsIsRefused() {
        for (int i = 0; i < 10; i++) {
            SignalRequest r = new SignalRequest("c" + i, "a", null, null, sdp(AV), List.of(), IceMode.DEFAULT, null,
                    false, Set.of(), SdesOptions.DEFAULT, CodecFilter.NONE, LatchingFlags.DEFAULT, false, null, null, null, null);
            assertTrue(registry.offer(r).isOk());
        }
        SignalRequest r = new SignalRequest("c10", "a", null, null, sdp(AV), List.of(), IceMode.DEFAULT, null,
                false, Set.of(), SdesOptions.DEFAULT, CodecFilter.NONE, LatchingFlags.DEFAULT, false, null, null, null, null);
        assertEquals("Too many calls (limit 10)", registry.offer(r).errorReason());
    }
}
