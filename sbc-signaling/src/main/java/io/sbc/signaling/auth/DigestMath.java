package io.sbc.signaling.auth;

/**
 * The request-digest computation of RFC 7616 §3.4.1–§3.4.3 (RFC 2617 §3.2.2 for MD5), shared by the
 * client ({@link DigestClient}) and the server ({@link DigestServer}) so both compute the same bytes.
 */
public final class DigestMath {
    private DigestMath() {
    }

    /**
     * H(A1) (RFC 7616 §3.4.2): {@code H(user:realm:password)}, and for a {@code -sess} algorithm
     * {@code H(H(user:realm:password):nonce:cnonce)}.
     */
    public static String ha1(DigestAlgorithm algorithm, String username, String realm, String password, String nonce,
            String cnonce) {
        String base = algorithm.hashHex(username + ":" + realm + ":" + password);
        return algorithm.session() ? algorithm.hashHex(base + ":" + nonce + ":" + cnonce) : base;
    }

    /**
     * H(A2) (RFC 7616 §3.4.3): {@code H(method:uri)}, and for qop=auth-int {@code H(method:uri:H(body))}.
     */
    public static String ha2(DigestAlgorithm algorithm, String qop, String method, String uri, byte[] body) {
        if ("auth-int".equals(qop)) {
            return algorithm.hashHex(method + ":" + uri + ":" + algorithm.hashHex(body == null ? new byte[0] : body));
        }
        return algorithm.hashHex(method + ":" + uri);
    }

    /**
     * The response value (RFC 7616 §3.4.1): {@code KD(H(A1), nonce:nc:cnonce:qop:H(A2))}, or without qop
     * the RFC 2069 form {@code KD(H(A1), nonce:H(A2))} (RFC 2617 §3.2.2.1).
     */
    public static String response(DigestAlgorithm algorithm, String ha1, String nonce, String nc, String cnonce,
            String qop, String ha2) {
        if (qop == null) {
            return algorithm.hashHex(ha1 + ":" + nonce + ":" + ha2);
        }
        return algorithm.hashHex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    /** The nonce count as 8 lower-case hex digits (RFC 7616 §3.4: "nc=00000001"). */
    public static String nc(long count) {
        String h = Long.toHexString(count & 0xFFFFFFFFL);
        return "00000000".substring(h.length()) + h;
    }
}
