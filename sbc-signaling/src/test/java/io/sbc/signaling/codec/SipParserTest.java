package io.sbc.signaling.codec;

import static io.sbc.signaling.codec.Messages.INVITE;
import static io.sbc.signaling.codec.Messages.bytes;
import static io.sbc.signaling.codec.Messages.error;
import static io.sbc.signaling.codec.Messages.parse;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.sbc.signaling.message.CSeq;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipMethod;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.message.SipUri;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipParserTest {
    private static final String OPTIONS_HEAD = "OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKopts1\r\n";
    private static final String OPTIONS_TAIL = "Max-Forwards: 70\r\n"
            + "To: <sip:bob@198.51.100.7>\r\n"
            + "From: <sip:alice@192.0.2.10>;tag=42\r\n"
            + "Call-ID: opts-1@192.0.2.10\r\n"
            + "CSeq: 7 OPTIONS\r\n"
            + "Content-Length: 0\r\n\r\n";

    @Test
    void parsesInviteAndExposesEveryCoreHeader() {
        SipRequest r = (SipRequest) parse(INVITE);
        assertEquals("INVITE", r.method());
        assertEquals(SipMethod.INVITE, r.methodKind());
        SipUri ruri = r.sipRequestUri();
        assertEquals("+15551230000", ruri.user());
        assertEquals("198.51.100.7", ruri.host());
        assertEquals(5060, ruri.port());
        assertEquals("phone", ruri.userParam());
        assertEquals(2, r.vias().size());
        assertEquals("z9hG4bK776asdhds", r.topVia().branch());
        assertTrue(r.topVia().hasRport());
        assertEquals("UDP", r.topVia().transport());
        assertEquals("192.0.2.99", r.vias().get(1).received());
        assertEquals("a84b4c76e66710@pc33.example.com", r.callId());
        assertEquals(new CSeq(314159, "INVITE"), r.cseq());
        assertEquals("1928301774", r.fromTag());
        assertNull(r.toTag());
        assertEquals("Alice A.", r.from().displayName());
        assertEquals(70, r.maxForwards());
        assertEquals("sip:alice@192.0.2.10:5060;transport=udp", r.contacts().get(0).uri().toString());
        assertEquals("sip:198.51.100.7;lr", r.routes().get(0).uri().toString());
        assertEquals(1, r.recordRoutes().size());
        assertEquals("application/sdp", r.contentType());
        assertArrayEquals(bytes(Messages.SDP), r.body());
        assertEquals("ExamplePBX/1.2.3", r.header("user-agent"));
    }

    @Test
    void unmodifiedMessageEncodesToItsExactInputBytes() {
        byte[] in = bytes(INVITE);
        SipMessage m = new SipParser().parse(in, 0, in.length).message();
        assertArrayEquals(in, SipSerializer.encode(m));
        ByteBuf buf = Unpooled.buffer();
        assertEquals(in.length, SipSerializer.encodeTo(m, buf));
        assertArrayEquals(in, Arrays.copyOf(buf.array(), buf.readableBytes()));
        buf.release();
    }

    @Test
    void foldedTortuousInviteKeepsItsFoldsOnEncodeAndUnfoldsValues() {
        byte[] in = Corpus.bytes("/io/sbc/signaling/codec/rfc4475/wsinv.dat");
        SipMessage m = new SipParser().parse(in, 0, in.length).message();
        assertArrayEquals(in, SipSerializer.encode(m));
        assertEquals("newfangled value continued newfangled value", m.header("NewFangledHeader"));
        assertEquals(3, m.vias().size());
        assertEquals("z9hG4bK30239", m.vias().get(2).branch());
        assertEquals("TCP", m.vias().get(1).transport());
        assertEquals(68, m.maxForwards());
        assertEquals(9, m.cseq().number());
        assertEquals("J Rosenberg \\\"", m.from().displayName());
        assertEquals("98asjd8", m.fromTag());
        assertEquals("1918181833n", m.toTag());
        assertEquals("0.33", m.contacts().get(0).param("q"));
        assertEquals("", m.header("Subject"));
    }

    @Test
    void compactHeaderNamesAnswerToTheirFullNames() {
        SipMessage m = parse("MESSAGE sip:bob@198.51.100.7 SIP/2.0\r\n"
                + "v: SIP/2.0/TCP 192.0.2.10;branch=z9hG4bKc1\r\n"
                + "t: <sip:bob@198.51.100.7>\r\nf: <sip:a@192.0.2.10>;tag=1\r\ni: c1@x\r\n"
                + "CSeq: 1 MESSAGE\r\nc: text/plain\r\nl: 2\r\nk: path\r\ns: hi\r\n\r\nhi");
        assertEquals("c1@x", m.callId());
        assertEquals("c1@x", m.header("Call-ID"));
        assertEquals("c1@x", m.header("I"));
        assertEquals("text/plain", m.contentType());
        assertEquals(List.of("path"), m.headerValues("Supported"));
        assertEquals("hi", m.header("subject"));
        assertEquals(2, m.bodySize());
    }

    @Test
    void splitsCommaJoinedValuesOnlyForHeadersThatMayBeJoined() {
        SipMessage m = parse(OPTIONS_HEAD
                + "Via: SIP/2.0/UDP 192.0.2.2;branch=z9hG4bKa, SIP/2.0/TCP [2001:db8::9]:5061;branch=z9hG4bKb\r\n"
                + "Allow: INVITE, ACK\r\nAllow: BYE\r\n"
                + "Authorization: Digest username=\"a\", realm=\"r\", nonce=\"n\"\r\n"
                + "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n"
                + "Date: Sat, 13 Nov 2010 23:29:00 GMT\r\n"
                + "X-Custom: a, b\r\n"
                + OPTIONS_TAIL);
        assertEquals(3, m.vias().size());
        assertEquals("2001:db8::9", m.vias().get(2).host());
        assertEquals("[2001:db8::9]", m.vias().get(2).hostRef());
        assertEquals(5061, m.vias().get(2).port());
        assertEquals(3, m.headerValues("via").size());
        assertEquals(List.of("INVITE", "ACK", "BYE"), m.headerValues("Allow"));
        assertEquals(1, m.headerValues("Authorization").size());
        assertEquals(1, m.headerValues("WWW-Authenticate").size());
        assertEquals(List.of("Sat, 13 Nov 2010 23:29:00 GMT"), m.headerValues("Date"));
        assertEquals(List.of("a, b"), m.headerValues("x-custom"));
    }

    @Test
    void repliesBadRequestWhenCallIdMissing() {
        ParseError e = error(OPTIONS_HEAD + OPTIONS_TAIL.replace("Call-ID: opts-1@192.0.2.10\r\n", ""));
        assertEquals(ParseErrorReason.MISSING_CALL_ID, e.reason());
        assertEquals("Bad Request - Missing Call-ID", e.reason().reasonPhrase());
        assertEquals(400, e.reason().statusCode());
        assertEquals("missing_call_id", e.reason().metricLabel());
        assertNotNull(e.answerable());
        SipResponse resp = SipResponses.create(e.answerable(), e.reason().statusCode(), e.reason().reasonPhrase(), "t1");
        assertEquals("z9hG4bKopts1", resp.topVia().branch());
        assertEquals("t1", resp.toTag());
        assertNull(resp.callId());
        String wire = Messages.encode(resp);
        assertTrue(wire.startsWith("SIP/2.0 400 Bad Request - Missing Call-ID\r\n"), wire);
    }

    @Test
    void answersVersionOtherThanTwoWith505() {
        ParseError e = error(OPTIONS_HEAD.replace("SIP/2.0\r\n", "SIP/3.0\r\n") + OPTIONS_TAIL);
        assertEquals(ParseErrorReason.BAD_VERSION, e.reason());
        assertEquals(505, e.reason().statusCode());
        assertEquals("Version Not Supported", e.reason().reasonPhrase());
        assertNotNull(e.answerable());
        assertEquals("OPTIONS", e.answerable().method());
    }

    @Test
    void neverOffersResponsesAcksOrGarbageForAnAnswer() {
        ParseError resp = error("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\nCSeq: 1 INVITE\r\n\r\n");
        assertEquals(ParseErrorReason.MISSING_FROM, resp.reason());
        assertNull(resp.answerable());
        ParseError ack = error("ACK sip:b@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKx\r\n\r\n");
        assertNull(ack.answerable());
        ParseError garbage = error("\u0001\u0002 hello world\r\n\r\n");
        assertEquals(ParseErrorReason.NOT_SIP, garbage.reason());
        assertNull(garbage.answerable());
        ParseError noVia = error("OPTIONS sip:b@198.51.100.7 SIP/2.0\r\nCall-ID: x\r\n\r\n");
        assertEquals(ParseErrorReason.MISSING_VIA, noVia.reason());
        assertNull(noVia.answerable());
    }

    @Test
    void rejectsContentLengthLargerThanTheDatagramAsBodyTruncated() {
        String msg = OPTIONS_HEAD + OPTIONS_TAIL.replace("Content-Length: 0", "Content-Length: 10") + "short";
        ParseError e = error(msg);
        assertEquals(ParseErrorReason.BODY_TRUNCATED, e.reason());
        assertEquals(400, e.reason().statusCode());
        assertNotNull(e.answerable());
    }

    @Test
    void ignoresBytesBeyondContentLengthAndDoesNotForwardThem() {
        String msg = OPTIONS_HEAD + OPTIONS_TAIL.replace("Content-Length: 0", "Content-Length: 4") + "bodyTRAILING-JUNK";
        SipMessage m = parse(msg);
        assertEquals("body", new String(m.body(), StandardCharsets.US_ASCII));
        assertEquals(msg.substring(0, msg.length() - "TRAILING-JUNK".length()), Messages.encode(m));
    }

    @Test
    void takesTheRestOfTheDatagramAsBodyWhenContentLengthIsAbsent() {
        String msg = OPTIONS_HEAD + OPTIONS_TAIL.replace("Content-Length: 0\r\n", "") + "rest";
        assertEquals("rest", new String(parse(msg).body(), StandardCharsets.US_ASCII));
    }

    @Test
    void rejectsMessagesOverTheSizeLimitWith513() {
        byte[] in = bytes(INVITE);
        SipParser small = new SipParser(SipParserLimits.defaults().withMaxMessageBytes(512));
        ParseResult r = small.parse(in, 0, in.length);
        assertFalse(r.ok());
        assertEquals(ParseErrorReason.TOO_LARGE, r.error().reason());
        assertEquals(513, r.error().reason().statusCode());
        assertEquals("Message Too Large", r.error().reason().reasonPhrase());
        assertNotNull(r.error().answerable(), "headers within the limit still identify the request");
    }

    @Test
    void enforcesHeaderCountLineLengthViaCountAndUriLength() {
        SipParserLimits tight = new SipParserLimits(65536, 8, 128, 2, 16, 1024);
        SipParser p = new SipParser(tight);
        byte[] many = bytes(INVITE);
        assertEquals(ParseErrorReason.TOO_MANY_HEADERS, p.parse(many, 0, many.length).error().reason());
        byte[] longLine = bytes(OPTIONS_HEAD + "X-Long: " + "a".repeat(200) + "\r\n" + OPTIONS_TAIL);
        SipParser p2 = new SipParser(new SipParserLimits(65536, 64, 128, 2, 64, 1024));
        assertEquals(ParseErrorReason.LINE_TOO_LONG, p2.parse(longLine, 0, longLine.length).error().reason());
        byte[] vias = bytes(OPTIONS_HEAD + "Via: SIP/2.0/UDP a;branch=z9hG4bK1, SIP/2.0/UDP b;branch=z9hG4bK2\r\n" + OPTIONS_TAIL);
        assertEquals(ParseErrorReason.TOO_MANY_VIAS, p2.parse(vias, 0, vias.length).error().reason());
        byte[] uri = bytes(OPTIONS_HEAD.replace("sip:bob@", "sip:" + "b".repeat(80) + "@") + OPTIONS_TAIL);
        ParseError e = p2.parse(uri, 0, uri.length).error();
        assertEquals(ParseErrorReason.URI_TOO_LONG, e.reason());
        assertEquals(414, e.reason().statusCode());
    }

    @Test
    void reportsOffsetsRelativeToTheGivenOffset() {
        byte[] msg = bytes(OPTIONS_HEAD + OPTIONS_TAIL.replace("CSeq: 7 OPTIONS", "CSeq: x OPTIONS"));
        byte[] padded = new byte[msg.length + 10];
        System.arraycopy(msg, 0, padded, 7, msg.length);
        ParseError e = new SipParser().parse(padded, 7, msg.length).error();
        assertEquals(ParseErrorReason.BAD_CSEQ, e.reason());
        assertEquals(new String(msg, StandardCharsets.US_ASCII).indexOf("x OPTIONS"), e.offset());
    }

    @Test
    void parsesAMessageInTheMiddleOfALargerBuffer() {
        byte[] msg = bytes(INVITE);
        byte[] padded = new byte[msg.length + 20];
        System.arraycopy(msg, 0, padded, 10, msg.length);
        SipMessage m = new SipParser().parse(padded, 10, msg.length).message();
        assertArrayEquals(msg, SipSerializer.encode(m));
        assertEquals("a84b4c76e66710@pc33.example.com", m.callId());
    }

    @Test
    void skipsLeadingLineBreaksBeforeTheStartLine() {
        SipMessage m = parse("\r\n\r\n" + OPTIONS_HEAD + OPTIONS_TAIL);
        assertEquals(OPTIONS_HEAD + OPTIONS_TAIL, Messages.encode(m));
    }

    @Test
    void rejectsCseqMethodDifferentFromRequestMethod() {
        ParseError e = error(OPTIONS_HEAD + OPTIONS_TAIL.replace("7 OPTIONS", "7 INVITE"));
        assertEquals(ParseErrorReason.METHOD_MISMATCH, e.reason());
        assertNotNull(e.answerable());
    }

    /** The CSeq method is compared byte for byte with the request's (a plain loop since codec7). */
    @Test
    void rejectsCseqMethodThatDiffersOnlyInLengthOrLetterCase() {
        for (String cseq : new String[] {"7 OPTIONSX", "7 OPTION", "7 options", "7 OPTIONs", "7 O"}) {
            ParseError e = error(OPTIONS_HEAD + OPTIONS_TAIL.replace("7 OPTIONS", cseq));
            assertEquals(ParseErrorReason.METHOD_MISMATCH, e.reason(), cseq);
        }
        // Leading zeros and folded blanks before the method leave the same method.
        assertNotNull(parse(OPTIONS_HEAD + OPTIONS_TAIL.replace("7 OPTIONS", "0007 \r\n  OPTIONS")));
    }

    @Test
    void rejectsConflictingContentLengths() {
        ParseError e = error(OPTIONS_HEAD + "Content-Length: 3\r\n" + OPTIONS_TAIL);
        assertEquals(ParseErrorReason.BAD_CONTENT_LENGTH, e.reason());
    }

    @Test
    void rejectsBadCoreHeadersWithSpecificReasons() {
        assertEquals(ParseErrorReason.BAD_FROM, error(OPTIONS_HEAD + OPTIONS_TAIL.replace("From: <sip:", "From: \"x <sip:")).reason());
        assertEquals(ParseErrorReason.BAD_TO, error(OPTIONS_HEAD + OPTIONS_TAIL.replace("To: <sip:bob@198.51.100.7>", "To: a, b <sip:x@y>")).reason());
        assertEquals(ParseErrorReason.BAD_MAX_FORWARDS, error(OPTIONS_HEAD + OPTIONS_TAIL.replace("70", "7x")).reason());
        assertEquals(ParseErrorReason.DUPLICATE_HEADER, error(OPTIONS_HEAD + "Call-ID: other\r\n" + OPTIONS_TAIL).reason());
        assertEquals(ParseErrorReason.BAD_CONTACT, error(OPTIONS_HEAD + "Contact: <sip:a@b\r\n" + OPTIONS_TAIL).reason());
        assertEquals(ParseErrorReason.BAD_ROUTE, error(OPTIONS_HEAD + "Route: sip:a@b\r\n" + OPTIONS_TAIL).reason());
        assertEquals(ParseErrorReason.BAD_URI, error(OPTIONS_HEAD.replace("sip:bob@198.51.100.7", "sip:2001:db8::10") + OPTIONS_TAIL).reason());
        assertEquals(ParseErrorReason.BAD_HEADER, error(OPTIONS_HEAD + "Foobar roobar\r\n" + OPTIONS_TAIL).reason());
        assertEquals(ParseErrorReason.BAD_STATUS_CODE, error("SIP/2.0 4294967301 Big\r\n\r\n").reason());
        assertEquals(ParseErrorReason.EMPTY, error("\r\n\r\n").reason());
    }

    @Test
    void acceptsIpv6ReferencesAndTellsPortFromAddress() {
        SipRequest amb = (SipRequest) parse(OPTIONS_HEAD.replace("sip:bob@198.51.100.7", "sip:[2001:db8::10:5070]") + OPTIONS_TAIL);
        assertEquals("2001:db8::10:5070", amb.sipRequestUri().host());
        assertEquals(-1, amb.sipRequestUri().port());
        SipRequest port = (SipRequest) parse(OPTIONS_HEAD.replace("sip:bob@198.51.100.7", "sip:[2001:db8::10]:5070") + OPTIONS_TAIL);
        assertEquals("[2001:db8::10]", port.sipRequestUri().hostRef());
        assertEquals(5070, port.sipRequestUri().port());
    }

    @Test
    void reusesOneResultObjectPerParser() {
        SipParser p = new SipParser();
        byte[] in = bytes(INVITE);
        ParseResult first = p.parse(in, 0, in.length);
        SipMessage m1 = first.message();
        ParseResult second = p.parse(bytes(INVITE), 0, in.length);
        assertSame(first, second);
        assertNotNull(m1.callId(), "the message outlives the result");
    }

    @Test
    void keepsUnknownUriSchemesAsGenericUris() {
        SipRequest r = (SipRequest) parse(OPTIONS_HEAD.replace("sip:bob@198.51.100.7", "soap.beep://192.0.2.103:3002") + OPTIONS_TAIL);
        assertEquals("soap.beep", r.requestUri().scheme());
        assertNull(r.sipRequestUri());
    }
}
