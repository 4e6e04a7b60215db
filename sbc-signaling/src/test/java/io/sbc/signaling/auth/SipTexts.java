package io.sbc.signaling.auth;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.nio.charset.StandardCharsets;

/** Test messages parsed with the real codec (addresses from the RFC 5737 documentation ranges). */
final class SipTexts {
    private SipTexts() {
    }

    static Object parse(String text) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser().parse(bytes, 0, bytes.length);
        if (!r.ok()) {
            throw new AssertionError("test message does not parse: " + r.error() + "\n" + text);
        }
        return r.message();
    }

    static SipRequest request(String text) {
        return (SipRequest) parse(text);
    }

    static SipResponse response(String text) {
        return (SipResponse) parse(text);
    }

    static SipRequest register(String extraHeaders) {
        return request("REGISTER sip:carrier.example SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bKreg1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:+15551230000@carrier.example>;tag=f1\n"
                + "To: <sip:+15551230000@carrier.example>\n"
                + "Call-ID: reg-call-1@192.0.2.5\n"
                + "CSeq: 7 REGISTER\n"
                + "Contact: <sip:+15551230000@192.0.2.5:5060>\n"
                + "Expires: 600\n"
                + extraHeaders
                + "Content-Length: 0\n\n");
    }

    static SipResponse challenge(int code, String... challengeValues) {
        StringBuilder sb = new StringBuilder("SIP/2.0 " + code + (code == 401 ? " Unauthorized" : " Proxy Authentication Required") + "\n"
                + "Via: SIP/2.0/UDP 192.0.2.5:5060;branch=z9hG4bKreg1\n"
                + "From: <sip:+15551230000@carrier.example>;tag=f1\n"
                + "To: <sip:+15551230000@carrier.example>;tag=t9\n"
                + "Call-ID: reg-call-1@192.0.2.5\n"
                + "CSeq: 7 REGISTER\n");
        for (String v : challengeValues) {
            sb.append(code == 401 ? "WWW-Authenticate: " : "Proxy-Authenticate: ").append(v).append('\n');
        }
        sb.append("Content-Length: 0\n\n");
        return response(sb.toString());
    }
}
