package io.sbc.signaling.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SipStreamFramerTest {
    private final FramerHarness h = new FramerHarness();

    @AfterEach
    void release() {
        h.finish();
    }

    @Test
    void emitsWholeMessageWithBody() {
        String m = FramerHarness.request("a1", "v=0\r\n");
        assertEquals(List.of(m), h.feed(m));
    }

    @Test
    void emitsSameMessageExactlyOnceWhenFedByteByByte() {
        String m = FramerHarness.request("a1", "xyz");
        byte[] bytes = m.getBytes(StandardCharsets.ISO_8859_1);
        List<String> all = new ArrayList<>();
        for (byte b : bytes) {
            all.addAll(h.feed(new byte[] {b}));
        }
        assertEquals(List.of(m), all);
    }

    @Test
    void emitsSameMessagesAtEverySplitPoint() {
        String stream = FramerHarness.request("a1", "") + "\r\n\r\n" + FramerHarness.request("a2", "body-two")
                + FramerHarness.request("a3", "3");
        byte[] bytes = stream.getBytes(StandardCharsets.ISO_8859_1);
        List<String> expected = List.of(FramerHarness.request("a1", ""), FramerHarness.request("a2", "body-two"),
                FramerHarness.request("a3", "3"));
        for (int cut = 0; cut <= bytes.length; cut++) {
            FramerHarness split = new FramerHarness();
            try {
                assertEquals(expected, split.feed(bytes, cut), "split at " + cut);
                assertEquals("\r\n", split.outbound(), "one pong for the ping, split at " + cut);
            } finally {
                split.finish();
            }
        }
    }

    @Test
    void emitsPipelinedMessagesFromOneBuffer() {
        String a = FramerHarness.request("a1", "one");
        String b = FramerHarness.request("a2", "two");
        assertEquals(List.of(a, b), h.feed(a + b));
    }

    @Test
    void answersDoubleCrlfPingWithSingleCrlfPongAndPassesNothingUp() {
        assertEquals(List.of(), h.feed("\r\n\r\n"));
        assertEquals("\r\n", h.outbound());
        assertEquals(1, h.counters.keepAlivePings());
    }

    @Test
    void answersPingSplitAcrossWrites() {
        assertEquals(List.of(), h.feed("\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 1, 2, 3));
        assertEquals("\r\n", h.outbound());
    }

    @Test
    void swallowsSingleCrlfPongBeforeMessage() {
        String m = FramerHarness.request("a1", "");
        assertEquals(List.of(m), h.feed("\r\n" + m));
        assertEquals("", h.outbound());
        assertEquals(1, h.counters.keepAlivePongs());
    }

    @Test
    void answersEachPingBetweenPipelinedMessages() {
        String a = FramerHarness.request("a1", "");
        String b = FramerHarness.request("a2", "");
        assertEquals(List.of(a, b), h.feed("\r\n\r\n" + a + "\r\n\r\n" + b + "\r\n\r\n"));
        assertEquals("\r\n\r\n\r\n", h.outbound());
        assertEquals(3, h.counters.keepAlivePings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"l: 4", "L:4", "CONTENT-LENGTH : 4", "content-length:\t4  ", "Content-Length: 0004"})
    void readsContentLengthInAnyCaseAndCompactForm(String header) {
        String m = "MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n" + header + "\r\n\r\nbodyNEXT";
        assertEquals(List.of("MESSAGE sip:a@b SIP/2.0\r\nCall-ID: x\r\n" + header + "\r\n\r\nbody"), h.feed(m));
    }

    @Test
    void ignoresHeadersThatOnlyStartLikeContentLength() {
        String m = "MESSAGE sip:a@b SIP/2.0\r\nLx: 99\r\nContent-Lengthy: 99\r\nl: 1\r\n\r\nZ";
        assertEquals(List.of(m), h.feed(m));
    }

    @Test
    void acceptsBareLfLineEnds() {
        String m = "SIP/2.0 200 OK\nCall-ID: x\nContent-Length: 2\n\nok";
        assertEquals(List.of(m), h.feed(m));
    }

    @Test
    void reportsMissingContentLengthAsFramingFailure() {
        assertEquals(List.of("FAIL:MISSING_CONTENT_LENGTH"), h.feed("OPTIONS sip:a SIP/2.0\r\nCall-ID: x\r\n\r\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: abc", "Content-Length: -1", "Content-Length: 12x", "Content-Length:",
            "Content-Length: 1 2", "l: +3"})
    void reportsMalformedContentLength(String header) {
        assertEquals(List.of("FAIL:BAD_CONTENT_LENGTH"), h.feed("OPTIONS sip:a SIP/2.0\r\n" + header + "\r\n\r\n"));
    }

    @Test
    void reportsConflictingDuplicateContentLength() {
        assertEquals(List.of("FAIL:CONFLICTING_CONTENT_LENGTH"),
                h.feed("OPTIONS sip:a SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\nab"));
    }

    @Test
    void acceptsIdenticalDuplicateContentLength() {
        String m = "OPTIONS sip:a SIP/2.0\r\nContent-Length: 2\r\nl: 2\r\n\r\nab";
        assertEquals(List.of(m), h.feed(m));
    }

    @Test
    void reportsHugeContentLengthAsOversizeWithHeaderSectionAsHead() {
        String head = "INVITE sip:a SIP/2.0\r\nContent-Length: 99999999999999999999\r\n\r\n";
        assertEquals(List.of("OVERSIZE:" + head), h.feed(head + "x"));
    }

    @Test
    void reportsMessageJustOverLimitAsOversize() {
        FramerHarness small = new FramerHarness(100);
        try {
            String head = "MESSAGE sip:a SIP/2.0\r\nl: 60\r\n\r\n"; // 32 bytes + 60 = 92: fits
            String fits = head + "x".repeat(60);
            assertEquals(List.of(fits), small.feed(fits));
            String head2 = "MESSAGE sip:a SIP/2.0\r\nl: 69\r\n\r\n"; // 32 + 69 = 101: one too many
            assertEquals(List.of("OVERSIZE:" + head2), small.feed(head2 + "x".repeat(69)));
        } finally {
            small.finish();
        }
    }

    @Test
    void reportsEndlessHeaderSectionAsOversizeAtTheLimit() {
        FramerHarness small = new FramerHarness(64);
        try {
            String junk = "OPTIONS sip:a SIP/2.0\r\n" + "X: y\r\n".repeat(20);
            List<String> out = small.feed(junk);
            assertEquals(1, out.size());
            assertEquals("OVERSIZE:" + junk.substring(0, 64), out.get(0));
        } finally {
            small.finish();
        }
    }

    @Test
    void discardsEverythingAfterAFailure() {
        assertEquals(List.of("FAIL:MISSING_CONTENT_LENGTH"), h.feed("OPTIONS sip:a SIP/2.0\r\n\r\n"));
        assertEquals(List.of(), h.feed(FramerHarness.request("later", "")));
        assertFalse(h.channel.inboundMessages().size() > 0);
    }

    @Test
    void emitsZeroCopySlicesThatOutliveTheNextWrite() {
        String a = FramerHarness.request("a1", "");
        h.channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(a + "OPT", StandardCharsets.ISO_8859_1));
        io.netty.buffer.ByteBuf first = h.channel.readInbound();
        h.channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer("IONS", StandardCharsets.ISO_8859_1));
        try {
            assertEquals(a, first.toString(StandardCharsets.ISO_8859_1));
            assertTrue(first.refCnt() > 0);
        } finally {
            first.release();
        }
    }
}
