package io.sbc.signaling.message;

import static io.sbc.signaling.message.FrameLayout.*;

import java.nio.charset.StandardCharsets;

/** A SIP response (RFC 3261 §7.2). */
public final class SipResponse extends SipMessage {
    private String reason;

    private SipResponse(byte[] buf, int[] frame) {
        super(buf, frame);
    }

    /** Wraps bytes framed by the codec ({@link FrameLayout}); taken over, not copied. For the codec. */
    public static SipResponse wrap(byte[] buf, int[] frame) {
        return new SipResponse(buf, frame);
    }

    /** A response with only its status line; the caller adds headers (see {@link SipResponses#create}). */
    public static SipResponse create(int code, String reason) {
        if (code < 100 || code > 699) {
            throw new IllegalArgumentException("status code must be 100..699: " + code);
        }
        int[] frame = newFrame(12);
        frame[KIND] = code;
        SipResponse r = new SipResponse(new byte[0], frame);
        r.setStatus(code, reason);
        return r;
    }

    @Override
    public boolean isRequest() {
        return false;
    }

    public int statusCode() {
        return f[KIND];
    }

    /** Reason phrase (may be empty, RFC 4475 §3.1.1.13). */
    public String reasonPhrase() {
        String r = reason;
        if (r == null) {
            r = io.sbc.signaling.codec.AsciiStrings.utf8(buf, f[T3_START], f[T3_END] - f[T3_START]);
            reason = r;
        }
        return r;
    }

    /** Replaces the status line. */
    public void setStatus(int code, String reasonPhrase) {
        String r = reasonPhrase == null ? "" : reasonPhrase.replace('\r', ' ').replace('\n', ' ');
        f[KIND] = code;
        reason = r;
        startLine = ("SIP/2.0 " + code + " " + r + "\r\n").getBytes(StandardCharsets.UTF_8);
        modified = true;
    }
}
