package io.sbc.media.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeEncoder;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class NgMessageProcessorTest {
    private final NgHarness ng = new NgHarness();
    private final NgMessageProcessor processor =
            new NgMessageProcessor(ng.dispatcher, 3, Duration.ofSeconds(30).toNanos(), ng.clock);

    private static byte[] datagram(String cookie, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(cookie.getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] offer(String callId) {
        return BencodeEncoder.encode(NgHarness.request("command", "offer", "call-id", callId, "from-tag", "a",
                "sdp", NgCommandDispatcherTest.OFFER));
    }

    private byte[] process(byte[] d) {
        return processor.process(d, 0, d.length);
    }

    @Test
    void echoesCookieAndMatchesNgProtocolPingExample() {
        byte[] reply = process("5323_1 d7:command4:pinge".getBytes(StandardCharsets.US_ASCII));
        assertEquals("5323_1 d6:result4:ponge", new String(reply, StandardCharsets.US_ASCII));
    }

    @Test
    void replaysCachedReplyForDuplicateCookieWithoutApplyingTheOfferTwice() {
        byte[] d = datagram("dup_1", offer("call-dup"));
        byte[] first = process(d);
        int portsAfterFirst = ng.registry.ports().portsInUse();
        int eventsAfterFirst = ng.events.size();
        byte[] second = process(d);
        assertArrayEquals(first, second);
        assertEquals(portsAfterFirst, ng.registry.ports().portsInUse(), "ports allocated once");
        assertEquals(eventsAfterFirst, ng.events.size(), "no second stream notification");
        assertEquals(1, ng.dispatcher.counters().offers());
        assertEquals(1, ng.dispatcher.counters().duplicates());
    }

    @Test
    void sameCommandUnderNewCookieIsExecutedAgain() {
        process(datagram("c_1", offer("call-x")));
        process(datagram("c_2", offer("call-x")));
        assertEquals(2, ng.dispatcher.counters().offers());
    }

    @Test
    void cachedReplyExpiresAfterTtl() {
        byte[] d = datagram("ttl_1", "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII));
        process(d);
        ng.clock.advance(Duration.ofSeconds(31));
        process(d);
        assertEquals(0, ng.dispatcher.counters().duplicates());
    }

    @Test
    void housekeepingDropsExpiredRepliesWithoutAnotherCommand() {
        process(datagram("hk_1", "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII)));
        process(datagram("hk_2", "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII)));
        processor.expireCachedReplies();
        assertEquals(2, processor.cachedReplies(), "both younger than the TTL");
        ng.clock.advance(Duration.ofSeconds(31));
        processor.expireCachedReplies();
        assertEquals(0, processor.cachedReplies());
    }

    @Test
    void cacheIsBoundedAndEvictsOldestCookie() {
        for (int i = 0; i < 4; i++) {
            process(datagram("b_" + i, "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII)));
        }
        process(datagram("b_0", "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(0, ng.dispatcher.counters().duplicates(), "b_0 was evicted by the 3-entry bound");
        process(datagram("b_3", "d7:command4:pinge".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(1, ng.dispatcher.counters().duplicates());
    }

    @Test
    void duplicateOfACommandStillExecutingIsNotExecuted() {
        CookieCache cache = new CookieCache(10, 1_000_000_000L);
        cache.markPending("x", 0);
        assertTrue(cache.lookup("x", 1) == CookieCache.PENDING);
        cache.put("x", new byte[] {1}, 2);
        assertArrayEquals(new byte[] {1}, cache.lookup("x", 3));
    }

    @Test
    void dropsDatagramsWithoutCookie() {
        assertNull(process(" d7:command4:pinge".getBytes(StandardCharsets.US_ASCII)));
        assertNull(process("nospace".getBytes(StandardCharsets.US_ASCII)));
        assertNull(process(new byte[0]));
        assertEquals(3, ng.dispatcher.counters().dropped());
    }

    @Test
    void garbageAfterCookieGetsAnErrorReply() {
        byte[] reply = process("g_1 \u0000\u00ff garbage".getBytes(StandardCharsets.ISO_8859_1));
        assertNotNull(reply);
        String s = new String(reply, StandardCharsets.ISO_8859_1);
        assertTrue(s.startsWith("g_1 d12:error-reason"), s);
        assertEquals(List.of(), ng.registry.list(5));
    }
}
