package io.sbc.signaling.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The digest algorithms of RFC 7616 §3.3 as used by SIP (RFC 8760): MD5 and SHA-256, each plain or
 * {@code -sess}. SHA-512-256 is not offered: RFC 8760 §2.3 allows it, but no carrier we know asks for it.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false, 1),
    MD5_SESS("MD5-sess", "MD5", true, 1),
    SHA_256("SHA-256", "SHA-256", false, 2),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 2);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final String token;
    private final String jcaName;
    private final boolean session;
    private final int strength;

    DigestAlgorithm(String token, String jcaName, boolean session, int strength) {
        this.token = token;
        this.jcaName = jcaName;
        this.session = session;
        this.strength = strength;
    }

    /** The algorithm by its token (case-insensitive, RFC 7616 §3.3); null for an unknown one. */
    public static DigestAlgorithm fromToken(String token) {
        if (token == null) {
            return MD5; // RFC 7616 §3.3: "If this is not present, it is assumed to be MD5"
        }
        String t = token.trim().toLowerCase(Locale.ROOT);
        for (DigestAlgorithm a : values()) {
            if (a.token.toLowerCase(Locale.ROOT).equals(t)) {
                return a;
            }
        }
        return null;
    }

    /** The token written in challenges and credentials. */
    public String token() {
        return token;
    }

    /** True for the {@code -sess} variants, whose A1 includes the nonce and cnonce (RFC 7616 §3.4.2). */
    public boolean session() {
        return session;
    }

    /** Larger is stronger: a client prefers SHA-256 over MD5 when a server offers both (RFC 8760 §2.4). */
    public int strength() {
        return strength;
    }

    /** Lower-case hex of the hash of {@code text} (UTF-8), the H() of RFC 7616 §3.4. */
    public String hashHex(String text) {
        return hex(digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Lower-case hex of the hash of raw bytes (H(entity-body) for qop=auth-int). */
    public String hashHex(byte[] bytes) {
        return hex(digest(bytes));
    }

    private byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance(jcaName).digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jcaName, e); // every JDK has MD5 and SHA-256
        }
    }

    static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = HEX[(bytes[i] >> 4) & 0xF];
            out[2 * i + 1] = HEX[bytes[i] & 0xF];
        }
        return new String(out);
    }
}
