package io.sbc.signaling.registration;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.transaction.Destination;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The test's side of {@link RequestSender}: records each REGISTER and lets the test answer it, as a
 * registrar behind a transaction layer would (responses built with the real codec).
 */
final class ScriptedRegistrar implements RequestSender {
    record Sent(SipRequest request, Destination destination, ResponseHandler handler) {
    }

    final List<Sent> sent = new ArrayList<>();

    @Override
    public void send(SipRequest request, Destination destination, ResponseHandler handler) {
        // Re-parse what the client built, as the wire would: proves it encodes to valid SIP.
        byte[] bytes = request.toString().getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser().parse(bytes, 0, bytes.length);
        if (!r.ok()) {
            throw new AssertionError("client sent unparsable SIP: " + r.error() + "\n" + request);
        }
        sent.add(new Sent((SipRequest) r.message(), destination, handler));
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** Answers the last request with {@code code} and extra header lines ("Name: value"). */
    void answer(int code, String reason, String... headers) {
        Sent s = last();
        SipResponse r = SipResponses.create(s.request(), code, reason, "reg-tag");
        for (String h : headers) {
            int colon = h.indexOf(':');
            r.addHeader(h.substring(0, colon), h.substring(colon + 1).trim());
        }
        byte[] bytes = r.toString().getBytes(StandardCharsets.UTF_8);
        ParseResult p = new SipParser().parse(bytes, 0, bytes.length);
        s.handler().onResponse((SipResponse) p.message());
    }

    void fail(String reason) {
        last().handler().onFailure(reason);
    }
}
