package io.sbc.media.control;

import static io.sbc.media.control.NgHarness.assertError;
import static io.sbc.media.control.NgHarness.crlf;
import static io.sbc.media.control.NgHarness.sdp;
import static io.sbc.media.control.NgHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeInteger;
import io.sbc.media.bencode.BencodeList;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgCommandDispatcherTest {
    private final NgHarness ng = new NgHarness();

    static final String OFFER = crlf("""
            v=0
            o=- 1 1 IN IP4 198.51.100.1
            s=-
            c=IN IP4 198.51.100.1
            t=0 0
            m=audio 2000 RTP/AVP 0
            """);
    static final String ANSWER = crlf("""
            v=0
            o=- 2 1 IN IP4 203.0.113.99
            s=-
            c=IN IP4 203.0.113.99
            t=0 0
            m=audio 3000 RTP/AVP 0
            """);

    private BencodeDictionary offer(String callId) {
        return ng.send("command", "offer", "call-id", callId, "from-tag", "a", "sdp", OFFER, "direction", List.of("pbx", "carrier"));
    }

    private BencodeDictionary answer(String callId) {
        return ng.send("command", "answer", "call-id", callId, "from-tag", "a", "to-tag", "b", "sdp", ANSWER);
    }

    @Test
    void repliesPongToPing() {
        assertEquals("pong", str(ng.send("command", "ping"), "result"));
    }

    @Test
    void repliesErrorForUnknownCommand() {
        assertError(ng.send("command", "explode"), "Unrecognized command");
    }

    @Test
    void repliesErrorWhenCommandKeyMissing() {
        assertError(ng.send("call-id", "x"), "Dictionary contains no key \"command\"");
    }

    @Test
    void repliesErrorWhenCallIdMissing() {
        assertError(ng.send("command", "offer", "from-tag", "a", "sdp", OFFER), "No call-id in message");
    }

    @Test
    void repliesErrorWhenFromTagMissing() {
        assertError(ng.send("command", "offer", "call-id", "c", "sdp", OFFER), "No from-tag in message");
    }

    @Test
    void repliesErrorWhenSdpMissing() {
        assertError(ng.send("command", "offer", "call-id", "c", "from-tag", "a"), "No SDP body in message");
    }

    @Test
    void repliesErrorWithReasonForBadSdp() {
        assertError(ng.send("command", "offer", "call-id", "c", "from-tag", "a", "sdp", "v=0\r\nhello\r\n"),
                "Failed to parse SDP: malformed line (expected <type>=<value>) (line 2)");
        assertEquals(0, ng.registry.list(10).size(), "a bad offer creates no call");
    }

    @Test
    void repliesErrorForAnswerWithoutToTag() {
        offer("c1");
        assertError(ng.send("command", "answer", "call-id", "c1", "from-tag", "a", "sdp", ANSWER), "No to-tag in message");
    }

    @Test
    void repliesErrorForAnswerToUnknownCall() {
        assertError(answer("nope"), "Unknown call-ID");
    }

    @Test
    void repliesErrorForUnknownInterfaceAndInvalidTransport() {
        assertError(ng.send("command", "offer", "call-id", "c", "from-tag", "a", "sdp", OFFER, "direction", List.of("pbx", "mars")),
                "Unknown interface 'mars'");
        assertError(ng.send("command", "offer", "call-id", "c", "from-tag", "a", "sdp", OFFER, "transport-protocol", "RTP/XYZ"),
                "Invalid transport protocol 'RTP/XYZ'");
    }

    @Test
    void refusesDtlsTransportBecauseTheRelayDoesNotTerminateDtls() {
        BencodeDictionary r = ng.send("command", "offer", "call-id", "c", "from-tag", "a", "sdp", OFFER,
                "transport-protocol", "UDP/TLS/RTP/SAVPF");
        assertEquals("error", str(r, "result"));
        assertTrue(str(r, "error-reason").startsWith("DTLS-SRTP is not supported"));
    }

    @Test
    void acceptsSpacedAndUnderscoredKeySpellingsAsRtpengineDoes() {
        BencodeDictionary r = ng.send("command", "offer", "call id", "c-spaced", "from_tag", "a", "sdp", OFFER,
                "transport protocol", "RTP/SAVP");
        assertTrue(sdp(r).contains("RTP/SAVP"));
    }

    @Test
    void unknownFlagsBecomeWarningsNotErrors() {
        BencodeDictionary r = ng.send("command", "offer", "call-id", "c", "from-tag", "a", "sdp", OFFER,
                "flags", List.of("trust address", "frobnicate", "replace-origin", "codec-strip-PCMU"));
        assertEquals("ok", str(r, "result"));
        assertTrue(str(r, "warning").contains("Unknown flag 'frobnicate' ignored"), str(r, "warning"));
        String out = str(r, "sdp");
        assertTrue(out.contains("o=- 1 1 IN IP4 192.0.2.10"), "replace-origin as a Kamailio flag token: " + out);
        assertTrue(out.contains("m=audio 0 RTP/AVP 0"), "codec-strip of the only codec disables the stream: " + out);
    }

    @Test
    void queryReturnsTagsMediasStreamsAndTotals() {
        sdp(offer("q1"));
        sdp(answer("q1"));
        BencodeDictionary r = ng.send("command", "query", "call-id", "q1");
        assertEquals("ok", str(r, "result"));
        assertInstanceOf(BencodeInteger.class, r.get("created"));
        BencodeDictionary tags = (BencodeDictionary) r.get("tags");
        assertEquals(List.of("a", "b"), List.copyOf(tags.entries().keySet()));
        BencodeDictionary a = (BencodeDictionary) tags.get("a");
        assertEquals("b", str(a, "in dialogue with"));
        BencodeDictionary media = (BencodeDictionary) ((BencodeList) a.get("medias")).items().get(0);
        assertEquals("audio", str(media, "type"));
        BencodeDictionary rtp = (BencodeDictionary) ((BencodeList) media.get("streams")).items().get(0);
        BencodeDictionary endpoint = (BencodeDictionary) rtp.get("endpoint");
        assertEquals("198.51.100.1", str(endpoint, "address"));
        assertEquals(new BencodeInteger(2000), endpoint.get("port"));
        assertTrue(((BencodeDictionary) r.get("totals")).containsKey("RTP"));
        assertError(ng.send("command", "query", "call-id", "unknown"), "Unknown call-ID");
    }

    @Test
    void listReturnsActiveCallIdsUpToLimit() {
        sdp(offer("l1"));
        sdp(offer("l2"));
        BencodeList all = (BencodeList) ng.send("command", "list").get("calls");
        assertEquals(2, all.items().size());
        BencodeList one = (BencodeList) ng.send("command", "list", "limit", 1).get("calls");
        assertEquals(BencodeList.ofStrings("l1"), one);
    }

    @Test
    void deleteRemovesCallReleasesPortsAndWarnsForUnknownCall() {
        sdp(offer("d1"));
        assertEquals(4, ng.registry.ports().portsInUse());
        BencodeDictionary r = ng.send("command", "delete", "call-id", "d1", "from-tag", "a");
        assertEquals("ok", str(r, "result"));
        BencodeDictionary tagA = (BencodeDictionary) ((BencodeDictionary) r.get("tags")).get("a");
        BencodeDictionary mediaA = (BencodeDictionary) ((BencodeList) tagA.get("medias")).items().get(0);
        assertEquals(2, ((BencodeList) mediaA.get("streams")).items().size(), "delete reply carries final stream stats");
        assertEquals(0, ng.registry.ports().portsInUse());
        assertEquals(List.of(), ng.registry.list(10));
        BencodeDictionary again = ng.send("command", "delete", "call-id", "d1", "from-tag", "a");
        assertEquals("ok", str(again, "result"));
        assertEquals("Call-ID not found or tags didn't match", str(again, "warning"));
        assertError(ng.send("command", "delete", "call-id", "d1", "from-tag", "a", "flags", List.of("fatal")),
                "Call-ID not found or tags didn't match");
        assertError(ng.send("command", "delete", "from-tag", "a"), "No call-id in message");
    }

    @Test
    void deleteWithDelayKeepsCallUntilHousekeepingAfterTheDelay() {
        sdp(offer("dd"));
        assertEquals("ok", str(ng.send("command", "delete", "call-id", "dd", "from-tag", "a", "delete-delay", 5), "result"));
        assertEquals(0, ng.dispatcher.housekeeping());
        assertEquals(List.of("dd"), ng.registry.list(10));
        ng.clock.advance(Duration.ofSeconds(5));
        assertEquals(1, ng.dispatcher.housekeeping());
        assertEquals(List.of(), ng.registry.list(10));
    }

    @Test
    void statisticsReportSessionsAndPerCommandCounts() {
        sdp(offer("s1"));
        ng.send("command", "ping");
        ng.send("command", "bogus");
        BencodeDictionary stats = (BencodeDictionary) ng.send("command", "statistics").get("statistics");
        BencodeDictionary current = (BencodeDictionary) stats.get("currentstatistics");
        assertEquals(new BencodeInteger(1), current.get("sessionsown"));
        BencodeDictionary total = (BencodeDictionary) stats.get("totalstatistics");
        assertEquals(new BencodeInteger(1), total.get("managedsessions"));
        BencodeDictionary proxy = (BencodeDictionary) ((BencodeList) ((BencodeDictionary) stats.get("controlstatistics"))
                .get("proxies")).items().get(0);
        assertEquals(new BencodeInteger(1), proxy.get("offercount"));
        assertEquals(new BencodeInteger(1), proxy.get("pingcount"));
        assertEquals(new BencodeInteger(1), proxy.get("errorcount"));
    }

    @Test
    void outOfPortsIsAnErrorReplyAndLeavesNoPartialCall() {
        NgHarness small = new NgHarness(30000, 30005);
        BencodeDictionary first = small.send("command", "offer", "call-id", "p1", "from-tag", "a", "sdp", OFFER);
        assertEquals("ok", str(first, "result"));
        assertError(small.send("command", "offer", "call-id", "p2", "from-tag", "a", "sdp", OFFER), "Ran out of ports");
        assertEquals(List.of("p1"), small.registry.list(10));
        assertEquals(4, small.registry.ports().portsInUse());
    }

    @Test
    void payloadErrorsAreRepliesNeverExceptions() {
        NgCommandDispatcher d = ng.dispatcher;
        String broken = new String(d.handlePayload("d7:command4:pin".getBytes(StandardCharsets.US_ASCII), 0, 15),
                StandardCharsets.US_ASCII);
        assertTrue(broken.startsWith("d12:error-reason") && broken.contains("Could not decode bencode dictionary"), broken);
        String json = new String(d.handlePayload("{\"command\":\"ping\"}".getBytes(StandardCharsets.US_ASCII), 0, 18),
                StandardCharsets.US_ASCII);
        assertEquals("d12:error-reason22:Invalid NG data format6:result5:errore", json);
        String list = new String(d.handlePayload("li1ee".getBytes(StandardCharsets.US_ASCII), 0, 5), StandardCharsets.US_ASCII);
        assertTrue(list.contains("Invalid NG data format"));
    }
}
