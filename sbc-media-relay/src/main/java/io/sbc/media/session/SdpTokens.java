package io.sbc.media.session;

/**
 * Shared instances of the SDP tokens every call repeats (media types, transport protocols of RFC
 * 4566 §5.14, RFC 3711 and RFC 4585): a held call's media legs keep these instead of the copies the
 * SDP parser made, two legs per m= line per call.
 *
 * <p>Stateless; thread-safe.
 */
final class SdpTokens {

    private static final String[] COMMON = {
        "audio", "video", "text", "application", "image", "message",
        "RTP/AVP", "RTP/SAVP", "RTP/AVPF", "RTP/SAVPF", "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF", "udptl", "UDP",
    };

    private SdpTokens() {
    }

    /** The shared instance equal to {@code token}, or {@code token} itself when it is not a common one. */
    static String shared(String token) {
        if (token == null) {
            return null;
        }
        for (String c : COMMON) {
            if (c.equals(token)) {
                return c;
            }
        }
        return token;
    }
}
