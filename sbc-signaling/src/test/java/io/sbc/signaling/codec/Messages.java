package io.sbc.signaling.codec;

import io.sbc.signaling.message.SipMessage;
import java.nio.charset.StandardCharsets;

/** Hand-written test messages (documentation address ranges only). */
public final class Messages {
    private Messages() {}

    public static final String SDP = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.10\r\n"
            + "t=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=sendrecv\r\n";

    /** A typical INVITE with SDP, about 1 KB. */
    public static final String INVITE = "INVITE sip:+15551230000@198.51.100.7:5060;user=phone SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1234abcd;received=192.0.2.99\r\n"
            + "Max-Forwards: 70\r\n"
            + "Route: <sip:198.51.100.7;lr>\r\n"
            + "Record-Route: <sip:192.0.2.1;lr>\r\n"
            + "To: \"Bob\" <sip:+15551230000@198.51.100.7>\r\n"
            + "From: \"Alice A.\" <sip:alice@192.0.2.10>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, INFO, REFER, NOTIFY\r\n"
            + "Supported: replaces, timer, 100rel\r\n"
            + "User-Agent: ExamplePBX/1.2.3\r\n"
            + "P-Asserted-Identity: \"Alice A.\" <sip:+15551239999@192.0.2.10;user=phone>\r\n"
            + "Session-Expires: 1800;refresher=uac\r\n"
            + "Min-SE: 90\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a message that must be valid. */
    public static SipMessage parse(String s) {
        byte[] b = bytes(s);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        if (!r.ok()) {
            throw new AssertionError("expected a valid message: " + r.error() + "\n" + s);
        }
        return r.message();
    }

    /** Parses a message that must be invalid. */
    public static ParseError error(String s) {
        byte[] b = bytes(s);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        if (r.ok()) {
            throw new AssertionError("expected a parse error:\n" + s);
        }
        return r.error();
    }

    public static String encode(SipMessage m) {
        return new String(SipSerializer.encode(m), StandardCharsets.UTF_8);
    }
}
