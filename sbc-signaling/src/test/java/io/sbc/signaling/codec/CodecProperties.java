package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.message.Via;
import java.util.List;

/** The codec properties, shared by the Jazzer fuzz tests and the seeded parameterized tests. */
final class CodecProperties {
    private CodecProperties() {}

    /**
     * A generated valid message parses; encodes to exactly its bytes; yields the generated values;
     * and after a modification, parse(encode(m)) has the same header fields, start line and body.
     */
    static void roundTrip(SipMessageGenerator.Choices choices) {
        SipMessageGenerator.Generated g = new SipMessageGenerator(choices).generate();
        String ctx = "\n--- generated message ---\n" + g.text();
        ParseResult r = new SipParser().parse(g.wire(), 0, g.wire().length);
        assertTrue(r.ok(), () -> "generated message must parse: " + r.error() + ctx);
        SipMessage m = r.message();
        assertArrayEquals(g.wire(), SipSerializer.encode(m), () -> "unmodified message re-encodes exactly" + ctx);
        assertEquals(g.request(), m.isRequest(), ctx);
        if (m instanceof SipRequest req) {
            assertEquals(g.method(), req.method(), ctx);
        } else {
            assertEquals(g.status(), ((SipResponse) m).statusCode(), ctx);
        }
        assertEquals(g.callId(), m.callId(), ctx);
        assertEquals(g.cseq(), m.cseq().number(), ctx);
        assertEquals(g.fromTag(), m.fromTag(), ctx);
        assertEquals(g.branches(), m.vias().stream().map(Via::branch).toList(), ctx);
        assertArrayEquals(g.body(), m.body(), ctx);
        TortureCorpusTest.exerciseEveryAccessor(m);

        // Objects rebuilt from their own wire form are equal (toString is a valid wire form).
        for (Via v : m.vias()) {
            assertEquals(v, Via.parse(v.toString()), ctx);
        }
        assertEquals(m.from(), io.sbc.signaling.message.NameAddr.parse(m.from().toString()), ctx);

        m.setHeader("X-Property", "set, by \"test\"");
        m.removeHeader("Subject");
        m.pushVia(Via.of("UDP", "203.0.113.1", 5060, "z9hG4bKprop"));
        byte[] again = SipSerializer.encode(m);
        ParseResult r2 = new SipParser().parse(again, 0, again.length);
        assertTrue(r2.ok(), () -> "modified message must parse: " + r2.error() + ctx);
        SipMessage m2 = r2.message();
        List<io.sbc.signaling.message.HeaderField> expected = new java.util.ArrayList<>(m.headerFields());
        if (!m.hasHeader("Content-Length")) {
            // A re-encoded message always states its Content-Length (RFC 3261 §20.14).
            expected.add(new io.sbc.signaling.message.HeaderField("Content-Length", Integer.toString(m.bodySize())));
        }
        assertEquals(expected, m2.headerFields(), ctx);
        assertEquals(m.vias(), m2.vias(), ctx);
        assertArrayEquals(m.body(), m2.body(), ctx);
        if (m instanceof SipRequest req) {
            assertEquals(req.requestUri(), ((SipRequest) m2).requestUri(), ctx);
        }
    }

    /** Random byte mutations of a valid message yield a message or the codec's own error, never another exception. */
    static void mutation(SipMessageGenerator.Choices choices) {
        byte[] in = mutate(new SipMessageGenerator(choices).generate().wire(), choices);
        survives(in);
    }

    /** Any bytes: a message (whose accessors work and which re-encodes to a parseable message) or an error. */
    static void survives(byte[] in) {
        ParseResult r = new SipParser().parse(in, 0, in.length);
        if (r.ok()) {
            SipMessage m = r.message();
            m.vias();
            m.from();
            m.to();
            m.cseq();
            m.contacts();
            m.routes();
            m.recordRoutes();
            m.headerFields();
            m.bodyParts();
            if (m instanceof SipRequest req) {
                req.requestUri();
            }
            byte[] out = SipSerializer.encode(m);
            ParseResult back = new SipParser().parse(out, 0, out.length);
            assertTrue(back.ok(), () -> "accepted message re-encodes to a parseable one: " + back.error());
            assertArrayEquals(out, SipSerializer.encode(back.message()));
        } else {
            ParseError e = r.error();
            assertFalse(e.detail().startsWith("internal"), e::toString);
            assertTrue(e.offset() >= 0 && e.offset() <= in.length, e::toString);
            if (e.answerable() != null) {
                assertTrue(e.answerable().isRequest());
                SipResponse resp = SipResponses.create(e.answerable(), e.reason().statusCode(), e.reason().reasonPhrase(), "x");
                assertTrue(SipSerializer.encode(resp).length > 0);
            }
        }
    }

    static byte[] mutate(byte[] in, SipMessageGenerator.Choices c) {
        byte[] b = in;
        int n = 1 + c.next(8);
        byte[] interesting = {'\r', '\n', ' ', '\t', ',', ';', ':', '<', '>', '"', '\\', '[', ']', '%', '@', '=', 0, (byte) 0xFF, '/'};
        for (int i = 0; i < n && b.length > 0; i++) {
            int pos = c.next(b.length);
            switch (c.next(6)) {
                case 0 -> {
                    b = b.clone();
                    b[pos] = (byte) c.next(256);
                }
                case 1 -> {
                    b = b.clone();
                    b[pos] = interesting[c.next(interesting.length)];
                }
                case 2 -> {
                    int len = Math.min(b.length - pos, 1 + c.next(16));
                    byte[] s = new byte[b.length - len];
                    System.arraycopy(b, 0, s, 0, pos);
                    System.arraycopy(b, pos + len, s, pos, b.length - pos - len);
                    b = s;
                }
                case 3 -> {
                    byte[] s = new byte[b.length + 1];
                    System.arraycopy(b, 0, s, 0, pos);
                    s[pos] = interesting[c.next(interesting.length)];
                    System.arraycopy(b, pos, s, pos + 1, b.length - pos);
                    b = s;
                }
                case 4 -> b = java.util.Arrays.copyOf(b, pos);
                default -> {
                    int len = Math.min(b.length - pos, 1 + c.next(40));
                    byte[] s = new byte[b.length + len];
                    System.arraycopy(b, 0, s, 0, pos + len);
                    System.arraycopy(b, pos, s, pos + len, b.length - pos);
                    b = s;
                }
            }
        }
        return b;
    }
}
