package io.sbc.media.control;

import static io.sbc.media.control.NgHarness.crlf;
import static io.sbc.media.control.NgHarness.sdp;
import static io.sbc.media.control.NgHarness.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.bencode.BencodeInteger;
import io.sbc.media.session.MediaTimeoutNotice;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Media timeouts reported by workers become call state, statistics and one notification per call. */
class MediaTimeoutNotificationTest {
    private static final String AUDIO_VIDEO = crlf("""
            v=0
            o=- 1 1 IN IP4 198.51.100.1
            s=-
            c=IN IP4 198.51.100.1
            t=0 0
            m=audio 2000 RTP/AVP 0
            m=video 2002 RTP/AVP 96
            a=rtpmap:96 H264/90000
            """);
    private static final String AUDIO_VIDEO_ANSWER = crlf("""
            v=0
            o=- 2 1 IN IP4 203.0.113.99
            s=-
            c=IN IP4 203.0.113.99
            t=0 0
            m=audio 3000 RTP/AVP 0
            m=video 3002 RTP/AVP 96
            a=rtpmap:96 H264/90000
            """);
    private static final InetSocketAddress CONTROLLER = new InetSocketAddress("127.0.0.5", 40123);

    private final MediaTimeoutInbox inbox = new MediaTimeoutInbox(8);
    private final NgHarness ng = new NgHarness(inbox);

    private void call(String callId, String offer, String answer) {
        byte[] o = datagramPayload("command", "offer", "call-id", callId, "from-tag", "caller", "sdp", offer,
                "direction", List.of("pbx", "carrier"));
        ng.dispatcher.handlePayload(o, 0, o.length, CONTROLLER);
        if (answer != null) {
            byte[] a = datagramPayload("command", "answer", "call-id", callId, "from-tag", "caller", "to-tag",
                    "callee", "sdp", answer);
            ng.dispatcher.handlePayload(a, 0, a.length, CONTROLLER);
        }
    }

    private static byte[] datagramPayload(Object... kv) {
        return BencodeEncoder.encode(NgHarness.request(kv));
    }

    /** Relay stream ids as SessionStreamBridge names them: the lower of the pair's ids. */
    private List<Long> relayStreamIds() {
        return ng.streams.keySet().stream().sorted().filter(id -> id % 2 == 1).toList();
    }

    @Test
    void silentCallIsMarkedCountedAndItsControllerGetsExactlyOneNotification() {
        call("dead-call", NgCommandDispatcherTest.OFFER, NgCommandDispatcherTest.ANSWER);
        long stream = relayStreamIds().get(0);
        inbox.offer(stream, "dead-call", 61_500_000_000L);
        inbox.offer(stream, "dead-call", 62_000_000_000L); // a repeated report changes nothing

        assertEquals(1, ng.dispatcher.housekeeping());
        List<TimeoutNotification> sent = ng.dispatcher.takeNotifications();
        assertEquals(1, sent.size());
        assertEquals(CONTROLLER, sent.get(0).target());
        String datagram = new String(sent.get(0).datagram(), StandardCharsets.ISO_8859_1);
        String body = "d7:call-id9:dead-call7:command7:timeout8:from-tag6:caller6:reason13:media timeout"
                + "14:silent-secondsi61e6:to-tag6:calleee";
        assertTrue(datagram.matches("timeout-[0-9a-f]+-1 \\Q" + body + "\\E"), datagram);
        assertTrue(ng.dispatcher.takeNotifications().isEmpty(), "taken once");

        BencodeDictionary q = ng.send("command", "query", "call-id", "dead-call");
        assertEquals(1L, ((BencodeInteger) q.get("timed-out")).value());
        assertEquals(61L, ((BencodeInteger) q.get("silent-seconds")).value());
        BencodeDictionary stats = (BencodeDictionary) ((BencodeDictionary) ng.send("command", "statistics")
                .get("statistics")).get("totalstatistics");
        assertEquals(1L, ((BencodeInteger) stats.get("timeoutsessions")).value());
        assertEquals(1, ng.dispatcher.counters().timeouts());
    }

    @Test
    void callWithOneLiveStreamIsNotDeadUntilEveryStreamIsSilent() {
        call("av", AUDIO_VIDEO, AUDIO_VIDEO_ANSWER);
        List<Long> ids = relayStreamIds();
        assertEquals(2, ids.size());
        inbox.offer(ids.get(1), "av", 60_000_000_000L);
        assertEquals(0, ng.dispatcher.housekeeping(), "video silent, audio not yet");
        assertTrue(ng.dispatcher.takeNotifications().isEmpty());
        assertEquals(0L, ((BencodeInteger) ng.send("command", "query", "call-id", "av").get("timed-out")).value());
        inbox.offer(ids.get(0), "av", 60_000_000_000L);
        assertEquals(1, ng.dispatcher.housekeeping());
        assertEquals(1, ng.dispatcher.takeNotifications().size());
    }

    @Test
    void unansweredCallNotifiesWithoutToTag() {
        call("ringing", NgCommandDispatcherTest.OFFER, null);
        // Before the answer the session layer already pairs both sides (ports were offered).
        inbox.offer(relayStreamIds().get(0), "ringing", 60_000_000_000L);
        ng.dispatcher.housekeeping();
        String d = new String(ng.dispatcher.takeNotifications().get(0).datagram(), StandardCharsets.ISO_8859_1);
        assertTrue(d.endsWith("14:silent-secondsi60ee"), d);
        assertTrue(!d.contains("to-tag"), d);
    }

    @Test
    void callWithoutKnownControllerIsStillMarkedForPollingButNothingIsSent() {
        sdp(ng.send("command", "offer", "call-id", "local", "from-tag", "a", "sdp", NgCommandDispatcherTest.OFFER));
        inbox.offer(relayStreamIds().get(0), "local", 60_000_000_000L);
        assertEquals(1, ng.dispatcher.housekeeping());
        assertTrue(ng.dispatcher.takeNotifications().isEmpty());
        assertEquals(1L, ((BencodeInteger) ng.send("command", "query", "call-id", "local").get("timed-out")).value());
    }

    @Test
    void reportsForDeletedCallsAndUnknownStreamsAreIgnored() {
        call("gone", NgCommandDispatcherTest.OFFER, NgCommandDispatcherTest.ANSWER);
        long stream = relayStreamIds().get(0);
        assertEquals("ok", str(ng.send("command", "delete", "call-id", "gone"), "result"));
        inbox.offer(stream, "gone", 60_000_000_000L);
        call("other", NgCommandDispatcherTest.OFFER, NgCommandDispatcherTest.ANSWER);
        inbox.offer(9999, "other", 60_000_000_000L);
        assertEquals(0, ng.dispatcher.housekeeping());
        assertTrue(ng.dispatcher.takeNotifications().isEmpty());
    }

    @Test
    void fullInboxDropsAndCountsInsteadOfBlockingTheWorker() {
        for (int i = 0; i < 10; i++) {
            inbox.offer(i, "c" + i, 1);
        }
        assertEquals(2, inbox.dropped());
        assertEquals(0, ng.dispatcher.housekeeping(), "reports for unknown calls change nothing");
        inbox.offer(1, "again", 1);
        assertEquals(2, inbox.dropped(), "draining made room");
    }

    @Test
    void encodesTheDocumentedWireFormat() {
        byte[] d = TimeoutNotification.encode("timeout-1-7",
                new MediaTimeoutNotice("abc", "F", "T", CONTROLLER, 90));
        assertEquals("timeout-1-7 d7:call-id3:abc7:command7:timeout8:from-tag1:F6:reason13:media timeout"
                + "14:silent-secondsi90e6:to-tag1:Te", new String(d, StandardCharsets.ISO_8859_1));
    }
}
