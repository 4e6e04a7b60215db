package io.sbc.media.srtp;

/**
 * Negative result codes of {@link SrtpContext}'s protect/unprotect methods. Bad packets are data:
 * every failure is one of these codes, never an exception.
 */
public final class SrtpError {
    /** Shorter than a header plus the tag/trailer the suite needs. */
    public static final int TOO_SHORT = -1;
    /** Not RTP/RTCP version 2, or the header (CSRCs, extension) runs past the packet. */
    public static final int MALFORMED = -2;
    /** Authentication tag (HMAC-SHA1 or GCM) does not verify. */
    public static final int AUTH_FAILED = -3;
    /** Index already seen or older than the 64-packet replay window (RFC 3711 §3.3.2). */
    public static final int REPLAY = -4;
    /** A new SSRC would exceed the context's bounded SSRC table; the packet is dropped. */
    public static final int SSRC_LIMIT = -5;
    /** The array/buffer has no room after the packet for the tag/trailer protection adds. */
    public static final int BUFFER_TOO_SMALL = -6;
    /** Key lifetime reached (2^31 SRTCP packets, ROC overflow): re-key (RFC 3711 §9.2). */
    public static final int KEY_EXHAUSTED = -7;
    /** The JCE provider failed unexpectedly; counted as an error, the packet is dropped. */
    public static final int CRYPTO_ERROR = -8;
    /** The packet's MKI is not the context's (RFC 3711 §3.1); counted with authentication failures. */
    public static final int UNKNOWN_MKI = -9;

    private SrtpError() {
    }

    /** Stable lower-case reason for metrics labels and logs. */
    public static String reason(int code) {
        switch (code) {
            case TOO_SHORT: return "too_short";
            case MALFORMED: return "malformed";
            case AUTH_FAILED: return "auth_failed";
            case REPLAY: return "replay";
            case SSRC_LIMIT: return "ssrc_limit";
            case BUFFER_TOO_SMALL: return "buffer_too_small";
            case KEY_EXHAUSTED: return "key_exhausted";
            case CRYPTO_ERROR: return "crypto_error";
            case UNKNOWN_MKI: return "unknown_mki";
            default: return code >= 0 ? "ok" : "unknown";
        }
    }
}
