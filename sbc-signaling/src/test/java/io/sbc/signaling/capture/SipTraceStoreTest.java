package io.sbc.signaling.capture;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipTraceStoreTest {
    private static final InetSocketAddress A = new InetSocketAddress("127.0.0.10", 5060);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.20", 5060);

    private static void add(SipTraceStore s, String callId, String text, long t) {
        byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        s.capture(true, "UDP", A, B, b, 0, b.length, callId, t);
    }

    @Test
    void keepsACallsMessagesInTimeOrder() {
        SipTraceStore s = new SipTraceStore(10, 1 << 20);
        add(s, "c1", "INVITE", 1);
        add(s, "c2", "OPTIONS", 2);
        add(s, "c1", "SIP/2.0 200 OK", 3);
        List<SipTraceStore.Entry> t = s.trace("c1");
        assertEquals(List.of("INVITE", "SIP/2.0 200 OK"), t.stream().map(SipTraceStore.Entry::text).toList());
        assertEquals("127.0.0.10:5060", t.get(0).source());
        assertTrue(s.trace("nope").isEmpty());
    }

    @Test
    void keepsOnlyTheNewestMessagesOfALongCall() {
        SipTraceStore s = new SipTraceStore(10, 1 << 20);
        for (int i = 0; i < 1000; i++) {
            add(s, "long", "m" + i, i);
        }
        List<SipTraceStore.Entry> t = s.trace("long");
        assertEquals(SipTraceStore.MESSAGES_PER_CALL, t.size());
        assertEquals("m999", t.get(t.size() - 1).text());
    }

    @Test
    void evictsTheOldestCallsBeyondTheCallAndByteBounds() {
        SipTraceStore s = new SipTraceStore(100, 10_000);
        for (int i = 0; i < 10_000; i++) {
            add(s, "call-" + i, "x".repeat(100), i);
        }
        assertTrue(s.callsKept() <= 100, "calls kept: " + s.callsKept());
        assertTrue(s.bytesKept() <= 10_000, "bytes kept: " + s.bytesKept());
        assertEquals(1, s.trace("call-9999").size());
        assertTrue(s.trace("call-0").isEmpty());
    }

    @Test
    void truncatesHugeMessages() {
        SipTraceStore s = new SipTraceStore(10, 1 << 20);
        add(s, "big", "y".repeat(50_000), 1);
        String text = s.trace("big").get(0).text();
        assertTrue(text.length() < SipTraceStore.MAX_STORED_BYTES + 100);
        assertTrue(text.endsWith("more bytes not kept]"));
    }
}
