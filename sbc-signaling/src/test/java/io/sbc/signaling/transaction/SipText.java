package io.sbc.signaling.transaction;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.codec.SipParserLimits;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.nio.charset.StandardCharsets;

/** Test messages, built by parsing SIP text with the codec's parser (addresses from RFC 5737 ranges). */
final class SipText {

    private static final SipParser PARSER = new SipParser(SipParserLimits.defaults());

    private SipText() {
    }

    static SipMessage parse(String text) {
        byte[] bytes = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult result = PARSER.parse(bytes, 0, bytes.length);
        if (!result.ok()) {
            throw new AssertionError("test message does not parse: " + result.error() + "\n" + text);
        }
        return result.message();
    }

    static SipRequest request(String text) {
        return (SipRequest) parse(text);
    }

    static SipResponse response(String text) {
        return (SipResponse) parse(text);
    }

    /** An INVITE as a UAC at 192.0.2.10 sends it, with the given top-Via branch. */
    static SipRequest invite(String branch) {
        return request(method("INVITE", branch, "192.0.2.10:5060", null, 1));
    }

    /** A request of {@code method} from 192.0.2.10 with the given branch and CSeq number. */
    static SipRequest nonInvite(String method, String branch) {
        return request(method(method, branch, "192.0.2.10:5060", null, 1));
    }

    /**
     * A request. {@code branch} null means an RFC 2543 Via without branch. {@code toTag} null means no To tag.
     */
    static String method(String method, String branch, String sentBy, String toTag, long cseq) {
        return method(method, branch, sentBy, toTag, cseq, "call-" + (branch == null ? "2543" : branch) + "@192.0.2.10");
    }

    /** As {@link #method(String, String, String, String, long)} with an explicit Call-ID (the default derives it from the branch). */
    static String method(String method, String branch, String sentBy, String toTag, long cseq, String callId) {
        return method + " sip:+15551230000@198.51.100.20 SIP/2.0\n"
                + "Via: SIP/2.0/UDP " + sentBy + (branch == null ? "" : ";branch=" + branch) + "\n"
                + "Max-Forwards: 70\n"
                + "Route: <sip:198.51.100.30;lr>\n"
                + "Route: <sip:198.51.100.31;lr>\n"
                + "From: \"Alice\" <sip:alice@192.0.2.10>;tag=from-1\n"
                + "To: <sip:+15551230000@198.51.100.20>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + "Contact: <sip:alice@192.0.2.10:5060>\n"
                + "Content-Length: 0\n\n";
    }

    /** A response to {@code request} as the far end would send it (Vias, From, Call-ID, CSeq copied). */
    static SipResponse responseTo(SipRequest request, int code, String reason, String toTag) {
        StringBuilder text = new StringBuilder("SIP/2.0 ").append(code).append(' ').append(reason).append('\n');
        for (String via : request.headerValues("Via")) {
            text.append("Via: ").append(via).append('\n');
        }
        text.append("From: ").append(request.header("From")).append('\n');
        String to = request.header("To");
        text.append("To: ").append(to).append(toTag != null && request.toTag() == null ? ";tag=" + toTag : "").append('\n');
        text.append("Call-ID: ").append(request.callId()).append('\n');
        text.append("CSeq: ").append(request.cseq().number()).append(' ').append(request.cseq().method()).append('\n');
        text.append("Content-Length: 0\n\n");
        return response(text.toString());
    }
}
