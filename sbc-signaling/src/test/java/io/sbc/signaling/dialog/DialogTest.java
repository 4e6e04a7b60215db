package io.sbc.signaling.dialog;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.Via;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DialogTest {
    static final NameAddr SBC = NameAddr.of(SipUri.of("sbc", "203.0.113.1", 5060));

    static SipMessage parse(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        assertTrue(r.ok(), () -> String.valueOf(r.error()));
        return r.message();
    }

    static final String INVITE = """
            INVITE sip:bob@203.0.113.1 SIP/2.0
            Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKabc
            Record-Route: <sip:192.0.2.99;lr>, <sip:192.0.2.98;lr>
            From: "Alice" <sip:alice@192.0.2.10>;tag=a1
            To: <sip:bob@203.0.113.1>
            Call-ID: c1@192.0.2.10
            CSeq: 10 INVITE
            Contact: <sip:alice@192.0.2.10:5062>
            Max-Forwards: 70
            Content-Length: 0

            """;

    @Test
    void uasDialogTakesRemoteTargetRouteSetAndCseqFromTheInvite() {
        Dialog d = Dialog.asUas((SipRequest) parse(INVITE), "s1", SBC);
        assertEquals(DialogState.EARLY, d.state());
        assertEquals("a1", d.remoteTag());
        assertEquals("s1", d.localTag());
        assertEquals(10, d.remoteSeq());
        assertEquals("sip:alice@192.0.2.10:5062", d.remoteTarget().toString());
        assertEquals(2, d.routeSet().size());
        // UAS keeps Record-Route order (RFC 3261 §12.1.1): the first route is the next hop.
        assertEquals("192.0.2.99", d.nextHop().host());
    }

    @Test
    void inDialogRequestFromUasCarriesTheDialogsIdentifiersAndRoutes() {
        Dialog d = Dialog.asUas((SipRequest) parse(INVITE), "s1", SBC);
        d.confirm();
        SipRequest bye = d.createRequest("BYE", Via.of("UDP", "203.0.113.1", 5060, "z9hG4bKnew"));
        assertEquals("sip:alice@192.0.2.10:5062", bye.requestUri().toString());
        assertEquals("s1", bye.fromTag());
        assertEquals("a1", bye.toTag());
        assertEquals("c1@192.0.2.10", bye.callId());
        assertEquals(1, bye.cseqNumber(), "the UAS's own CSeq space starts fresh");
        assertEquals(List.of("<sip:192.0.2.99;lr>", "<sip:192.0.2.98;lr>"), bye.headerValues("Route"));
        assertEquals("z9hG4bKnew", bye.topVia().branch());
    }

    @Test
    void outOfOrderRemoteCseqIsRefused() {
        Dialog d = Dialog.asUas((SipRequest) parse(INVITE), "s1", SBC);
        assertTrue(d.acceptRemoteSeq(11));
        assertFalse(d.acceptRemoteSeq(10), "RFC 3261 §12.2.2: lower CSeq is out of order");
        assertTrue(d.acceptRemoteSeq(11), "the same number (e.g. PRACK after a retransmission) passes");
    }

    @Test
    void uacDialogIsConfirmedBy2xxWithReversedRecordRouteAndContactTarget() {
        Dialog d = Dialog.asUac("b1", "l1", NameAddr.parse("<sip:alice@203.0.113.2>"), NameAddr.parse("<sip:bob@198.51.100.5>"),
                1, SipUri.parse("sip:bob@198.51.100.5"), SBC);
        SipResponse ok = (SipResponse) parse("""
                SIP/2.0 200 OK
                Via: SIP/2.0/UDP 203.0.113.2;branch=z9hG4bKx
                Record-Route: <sip:198.51.100.7;lr>, <sip:198.51.100.8;lr>
                From: <sip:alice@203.0.113.2>;tag=l1
                To: <sip:bob@198.51.100.5>;tag=r9
                Call-ID: b1
                CSeq: 1 INVITE
                Contact: <sip:bob@198.51.100.6:5080>
                Content-Length: 0

                """);
        d.onResponse(ok);
        assertEquals(DialogState.CONFIRMED, d.state());
        assertEquals("r9", d.remoteTag());
        assertEquals("198.51.100.8", d.nextHop().host(), "UAC reverses Record-Route (RFC 3261 §12.1.2)");
        SipRequest ack = d.createAck(1, Via.of("UDP", "203.0.113.2", 5060, "z9hG4bKack"));
        assertEquals("1 ACK", ack.header("CSeq"));
        assertEquals("sip:bob@198.51.100.6:5080", ack.requestUri().toString());
        assertNull(ack.header("Contact"));
        SipRequest info = d.createRequest("INFO", Via.of("UDP", "203.0.113.2", 5060, "z9hG4bKinfo"));
        assertEquals(2, info.cseqNumber());
    }

    @Test
    void eachForkGetsItsOwnDialogWithTheSameLocalSide() {
        Dialog proto = Dialog.asUac("b1", "l1", NameAddr.parse("<sip:alice@203.0.113.2>"), NameAddr.parse("<sip:bob@198.51.100.5>"),
                1, SipUri.parse("sip:bob@198.51.100.5"), SBC);
        String tmpl = """
                SIP/2.0 180 Ringing
                Via: SIP/2.0/UDP 203.0.113.2;branch=z9hG4bKx
                From: <sip:alice@203.0.113.2>;tag=l1
                To: <sip:bob@198.51.100.5>;tag=TAG
                Call-ID: b1
                CSeq: 1 INVITE
                Contact: <sip:bob@HOST>
                Content-Length: 0

                """;
        Dialog f1 = proto.fork((SipResponse) parse(tmpl.replace("TAG", "x1").replace("HOST", "198.51.100.11")));
        Dialog f2 = proto.fork((SipResponse) parse(tmpl.replace("TAG", "x2").replace("HOST", "198.51.100.12")));
        assertEquals("x1", f1.remoteTag());
        assertEquals("x2", f2.remoteTag());
        assertEquals("l1", f2.localTag());
        assertEquals(DialogState.EARLY, f1.state());
        assertEquals("198.51.100.12", f2.nextHop().host());
        assertNull(proto.remoteTag(), "the prototype stays untouched");
    }
}
