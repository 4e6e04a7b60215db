package io.sbc.media.sdp;

/** The ICE attributes of RFC 8839 §5 (and RFC 5245's a=remote-candidates, a=end-of-candidates of RFC 8840). */
final class IceAttributes {
    private IceAttributes() {
    }

    static boolean isIce(SdpLine l) {
        String n = l.attributeName();
        if (n == null) {
            return false;
        }
        return n.equals("candidate") || n.equals("remote-candidates") || n.equals("end-of-candidates")
                || n.startsWith("ice-");
    }

    /** RFC 8842 (DTLS-SRTP in SDP): attributes that only make sense with UDP/TLS/RTP/SAVP(F). */
    static boolean isDtls(SdpLine l) {
        String n = l.attributeName();
        return n != null && (n.equals("fingerprint") || n.equals("setup") || n.equals("tls-id"));
    }
}
