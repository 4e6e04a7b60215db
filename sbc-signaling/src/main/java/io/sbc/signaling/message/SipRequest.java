package io.sbc.signaling.message;

import static io.sbc.signaling.message.FrameLayout.*;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A SIP request (RFC 3261 §7.1). The Request-URI is parsed on first access.
 *
 * <p>API note: {@link #requestUri()} returns the {@link Uri} interface (sip, sips, tel or another
 * scheme, RFC 4475 §3.3.2); {@link #sipRequestUri()} gives it as a {@link SipUri} or null.
 */
public final class SipRequest extends SipMessage {
    /** {@code SipMethod.values()} clones the array on every call: {@link #methodKind()} runs several times per message. */
    private static final SipMethod[] METHODS = SipMethod.values();
    private String method;
    private Uri requestUri;
    /**
     * The 100 Trying the receiving thread already sent for this INVITE (the UDP edge, issue #5), which
     * its server transaction adopts instead of sending another; null when none was sent. Written
     * before the request is handed to its worker and read only there.
     */
    private SipResponse sentTrying;

    private SipRequest(byte[] buf, int[] frame) {
        super(buf, frame);
    }

    /**
     * Wraps bytes framed by the codec ({@link FrameLayout}); the frame and bytes are taken over,
     * not copied. For {@code io.sbc.signaling.codec.SipParser}; other code parses or uses {@link #create}.
     */
    public static SipRequest wrap(byte[] buf, int[] frame) {
        return new SipRequest(buf, frame);
    }

    /** A request with only its start line; the caller adds headers (Content-Length is added on encode). */
    public static SipRequest create(String method, Uri ruri) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(ruri, "ruri");
        byte[] m = method.getBytes(StandardCharsets.UTF_8);
        if (m.length == 0 || io.sbc.signaling.codec.SipGrammar.scanRun(m, 0, m.length,
                io.sbc.signaling.codec.ByteClass.TOKEN) != m.length) {
            throw new IllegalArgumentException("method must be a token (RFC 3261 §25.1): " + method);
        }
        int[] frame = newFrame(12);
        frame[KIND] = SipMethod.of(method).ordinal();
        SipRequest r = new SipRequest(new byte[0], frame);
        r.method = method;
        r.setRequestUri(ruri);
        return r;
    }

    /** The 100 Trying already sent for this request on receipt, or null. */
    public SipResponse sentTrying() {
        return sentTrying;
    }

    /** Records that {@code trying} was sent for this request on receipt (see {@link #sentTrying()}). */
    public void sentTrying(SipResponse trying) {
        this.sentTrying = trying;
    }

    @Override
    public boolean isRequest() {
        return true;
    }

    /** Method as on the wire, e.g. "INVITE". */
    public String method() {
        String m = method;
        if (m == null) {
            m = io.sbc.signaling.codec.AsciiStrings.of(buf, f[T1_START], f[T1_END]);
            method = m;
        }
        return m;
    }

    public SipMethod methodKind() {
        return METHODS[f[KIND]];
    }

    /** True for the given method kind, allocation-free. */
    public boolean is(SipMethod kind) {
        return f[KIND] == kind.ordinal();
    }

    /** Request-URI (SipUri, TelUri or GenericUri); null only on a partially parsed request whose URI is malformed. */
    public Uri requestUri() {
        Uri u = requestUri;
        if (u == null && startLine == null) {
            // A message the codec accepted has a valid Request-URI (BAD_URI otherwise): no second scan.
            u = (f[FLAGS] & VALIDATED) != 0 ? Uris.build(buf, f[T2_START], f[T2_END])
                    : Uris.parse(buf, f[T2_START], f[T2_END]);
            requestUri = u;
        }
        return u;
    }

    /** Same as {@link #requestUri()} (kept for the contract in SIP-API.md). */
    public Uri requestUriRaw() {
        return requestUri();
    }

    /** Request-URI if it is sip: or sips:, else null. */
    public SipUri sipRequestUri() {
        return requestUri() instanceof SipUri s ? s : null;
    }

    /** Replaces the Request-URI (re-encodes the start line only). */
    public void setRequestUri(Uri uri) {
        Objects.requireNonNull(uri, "uri");
        String text = uri.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // The Request-URI is delimited by SP in the start line (RFC 3261 §7.1): no blanks, no breaks.
            if (c <= ' ') {
                throw new IllegalArgumentException("Request-URI contains white space or control characters");
            }
        }
        requestUri = uri;
        startLine = (method() + " " + text + " SIP/2.0\r\n").getBytes(StandardCharsets.UTF_8);
        modified = true;
    }
}
