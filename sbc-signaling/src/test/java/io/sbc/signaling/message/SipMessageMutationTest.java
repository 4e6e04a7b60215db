package io.sbc.signaling.message;

import static io.sbc.signaling.codec.Messages.INVITE;
import static io.sbc.signaling.codec.Messages.encode;
import static io.sbc.signaling.codec.Messages.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.codec.Messages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SipMessageMutationTest {
    private static final String FOLDED = "OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bKa,\r\n SIP/2.0/UDP 192.0.2.11;branch=z9hG4bKb\r\n"
            + "X-Folded: one\r\n  two\r\n"
            + "To: <sip:bob@198.51.100.7>\r\nFrom: <sip:alice@192.0.2.10>;tag=42\r\n"
            + "Call-ID: m1@192.0.2.10\r\nCSeq: 7 OPTIONS\r\nUser-Agent: Phone/1\r\nContent-Length: 0\r\n\r\n";

    @Test
    void setHeaderRewritesOnlyThatHeaderAndKeepsOtherLinesByteForByte() {
        SipMessage m = parse(FOLDED);
        m.setHeader("User-Agent", "SBC");
        assertTrue(m.isModified());
        assertEquals(FOLDED.replace("User-Agent: Phone/1", "User-Agent: SBC"), encode(m));
    }

    @Test
    void removeHeaderCountsRemovedLinesAndLeavesTheRestUntouched() {
        SipMessage m = parse(FOLDED);
        assertEquals(1, m.removeHeader("x-folded"));
        assertEquals(0, m.removeHeader("X-Absent"));
        assertEquals(FOLDED.replace("X-Folded: one\r\n  two\r\n", ""), encode(m));
    }

    @Test
    void addHeaderAppendsAndAddHeaderFirstPrepends() {
        SipMessage m = parse(FOLDED);
        m.addHeader("X-Last", "z");
        m.addHeaderFirst("Record-Route", "<sip:203.0.113.1;lr>");
        String out = encode(m);
        assertTrue(out.startsWith("OPTIONS sip:bob@198.51.100.7 SIP/2.0\r\nRecord-Route: <sip:203.0.113.1;lr>\r\nVia:"), out);
        assertTrue(out.endsWith("Content-Length: 0\r\nX-Last: z\r\n\r\n"), out);
        assertEquals("sip:203.0.113.1;lr", m.recordRoutes().get(0).uri().toString());
    }

    @Test
    void pushViaAddsTopViaAndPopViaRemovesOnlyTheFirstOfJoinedValues() {
        SipMessage m = parse(FOLDED);
        m.pushVia(Via.of("udp", "203.0.113.5", 5060, "z9hG4bKsbc1"));
        assertEquals(3, m.vias().size());
        assertEquals("SIP/2.0/UDP 203.0.113.5:5060;branch=z9hG4bKsbc1", m.topVia().toString());
        assertEquals("z9hG4bKsbc1", m.popVia().branch());
        assertEquals(FOLDED, encode(m), "push then pop restores the original bytes");
        Via popped = m.popVia();
        assertEquals("z9hG4bKa", popped.branch());
        assertEquals(1, m.vias().size());
        assertEquals("z9hG4bKb", m.topVia().branch());
        assertEquals("z9hG4bKb", m.popVia().branch());
        assertNull(m.popVia());
    }

    @Test
    void setBodyFixesContentLengthAndContentType() {
        SipMessage m = parse(FOLDED);
        m.setBody("application/sdp", "v=0\r\n".getBytes(StandardCharsets.US_ASCII));
        SipMessage again = parse(encode(m));
        assertEquals(5, again.contentLength());
        assertEquals("application/sdp", again.contentType());
        assertEquals("v=0\r\n", new String(again.body(), StandardCharsets.US_ASCII));
        m.setBody(null, new byte[0]);
        assertNull(parse(encode(m)).contentType());
    }

    @Test
    void setRequestUriReencodesOnlyTheStartLine() {
        SipRequest r = (SipRequest) parse(INVITE);
        r.setRequestUri(SipUri.of("+15551230000", "203.0.113.9", 5080));
        assertEquals(INVITE.replace("INVITE sip:+15551230000@198.51.100.7:5060;user=phone SIP/2.0",
                "INVITE sip:+15551230000@203.0.113.9:5080 SIP/2.0"), encode(r));
    }

    @Test
    void createdRequestWithHeadersParsesBack() {
        SipRequest r = SipRequest.create("BYE", SipUri.of("bob", "198.51.100.7", -1));
        r.addHeader("Via", Via.of("TCP", "2001:db8::1", 5060, "z9hG4bKnew").toString());
        r.addHeader("From", NameAddr.of("Alice \"A\"", SipUri.of("alice", "192.0.2.10", -1)).withTag("f1").toString());
        r.addHeader("To", NameAddr.of(SipUri.of("bob", "198.51.100.7", -1)).withTag("t1").toString());
        r.addHeader("Call-ID", "c@x");
        r.addHeader("CSeq", "2 BYE");
        r.addHeader("Max-Forwards", "70");
        SipRequest back = (SipRequest) parse(encode(r));
        assertEquals(SipMethod.BYE, back.methodKind());
        assertEquals("[2001:db8::1]", back.topVia().hostRef());
        assertEquals("Alice \"A\"", back.from().displayName());
        assertEquals("t1", back.toTag());
        assertEquals(0, back.contentLength(), "Content-Length added on encode");
    }

    @Test
    void setHeaderCannotInjectLinesThroughLineBreaksInTheValue() {
        SipMessage m = parse(FOLDED);
        m.setHeader("X-Note", "a\r\nVia: SIP/2.0/UDP 203.0.113.66;branch=z9hG4bKevil\n");
        SipMessage back = parse(encode(m));
        assertEquals(2, back.vias().size());
        assertEquals("a  Via: SIP/2.0/UDP 203.0.113.66;branch=z9hG4bKevil", back.header("X-Note"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.addHeader("Bad Name", "x"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> m.addHeader("", "x"));
    }

    @Test
    void headerFieldsListsEveryLineInWireOrderWithNamesAsWritten() {
        SipMessage m = parse(FOLDED);
        List<HeaderField> fields = m.headerFields();
        assertEquals(8, fields.size());
        assertEquals(new HeaderField("X-Folded", "one  two"), fields.get(1));
        assertEquals("Via", fields.get(0).name());
    }

    @Test
    void headerFieldsListedBeforeAMutationKeepTheirValuesWhenReadAfterIt() {
        SipMessage m = parse(FOLDED);
        List<HeaderField> fields = m.headerFields();
        m.setHeader("X-Folded", "replaced");
        m.addHeaderFirst("User-Agent", "SBC");
        m.removeHeader("Call-ID");
        m.addHeader("X-More", "x".repeat(600));
        assertEquals("one  two", fields.get(1).value());
        assertEquals("m1@192.0.2.10", fields.get(4).value());
        assertEquals("Phone/1", fields.get(6).value());
        assertEquals(new HeaderField("User-Agent", "Phone/1"), fields.get(6));
        assertEquals(new HeaderField("User-Agent", "Phone/1").hashCode(), fields.get(6).hashCode());
        assertEquals("User-Agent: Phone/1", fields.get(6).toString());
        List<HeaderField> after = m.headerFields();
        assertEquals(new HeaderField("User-Agent", "SBC"), after.get(0));
        assertEquals(new HeaderField("X-Folded", "replaced"), after.get(2));
        assertEquals("x".repeat(600), after.get(after.size() - 1).value());
    }

    @Test
    void responsesCopyTheRequestCoreHeadersAndAddToTag() {
        SipRequest req = (SipRequest) parse(INVITE);
        SipResponse resp = SipResponses.create(req, 180, "Ringing", "totag9");
        SipResponse back = (SipResponse) parse(encode(resp));
        assertEquals(180, back.statusCode());
        assertEquals("Ringing", back.reasonPhrase());
        assertEquals(req.vias(), back.vias());
        assertEquals(req.callId(), back.callId());
        assertEquals(req.cseq(), back.cseq());
        assertEquals(req.from(), back.from());
        assertEquals("totag9", back.toTag());
        assertEquals(0, back.contentLength());
        assertFalse(back.hasHeader("Contact"));
        String wire = encode(resp);
        assertTrue(wire.contains("Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1234abcd;received=192.0.2.99\r\n"), wire);
    }

    @Test
    void responseKeepsAnExistingToTag() {
        SipRequest req = (SipRequest) parse(INVITE.replace("To: \"Bob\" <sip:+15551230000@198.51.100.7>",
                "To: \"Bob\" <sip:+15551230000@198.51.100.7>;tag=existing"));
        assertEquals("existing", SipResponses.create(req, 200, "OK", "other").toTag());
    }

    @Test
    void bodyPartsSplitsMultipartMixedSdpAndIsup() {
        String body = "--unique-boundary-1\r\nContent-Type: application/sdp\r\n\r\n" + Messages.SDP
                + "\r\n--unique-boundary-1\r\nContent-Type: application/ISUP;version=itu-t92+\r\n"
                + "Content-Disposition: signal;handling=optional\r\n\r\n\u0001\u0010\u0000\u0002\r\n--unique-boundary-1--\r\n";
        SipMessage m = parse("MESSAGE sip:b@198.51.100.7 SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\r\n"
                + "To: <sip:b@198.51.100.7>\r\nFrom: <sip:a@192.0.2.1>;tag=1\r\nCall-ID: mp@x\r\nCSeq: 1 MESSAGE\r\n"
                + "Content-Type: multipart/mixed;boundary=\"unique-boundary-1\"\r\nContent-Length: "
                + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body);
        List<BodyPart> parts = m.bodyParts();
        assertEquals(2, parts.size());
        assertEquals("application/sdp", parts.get(0).contentType());
        assertEquals(Messages.SDP, new String(parts.get(0).body(), StandardCharsets.US_ASCII));
        assertEquals("application/ISUP;version=itu-t92+", parts.get(1).contentType());
        assertEquals("signal;handling=optional", parts.get(1).header("content-disposition"));
        assertEquals(4, parts.get(1).body().length);
    }

    @Test
    void multipartWithoutBoundaryOrOfAnotherTypeHasNoParts() {
        assertTrue(MultipartBody.split("application/sdp", new byte[10]).isEmpty());
        assertTrue(MultipartBody.split("multipart/mixed", new byte[10]).isEmpty());
    }
}
