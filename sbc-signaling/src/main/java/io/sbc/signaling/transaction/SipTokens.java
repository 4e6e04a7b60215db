package io.sbc.signaling.transaction;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Fresh branch and tag values: 64 bits from a cryptographic generator, as hex. They reveal nothing about
 * the topology, and an off-path attacker cannot predict them to forge responses, CANCELs or BYEs
 * (RFC 3261 §26.1.2 relies on unguessable tags). One DRBG per thread, so no lock is shared between
 * event loops.
 */
public final class SipTokens {

    /** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(SipTokens::newGenerator);

    private SipTokens() {
    }

    /** A new RFC 3261 branch ({@code z9hG4bK} + 16 hex digits), unique per transaction with high probability. */
    public static String newBranch() {
        return MAGIC_COOKIE + hex64();
    }

    /** A new From/To tag: 16 hex digits, 64 random bits (RFC 3261 §19.3 asks for at least 32). */
    public static String newTag() {
        return hex64();
    }

    private static SecureRandom newGenerator() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    private static String hex64() {
        long bits = RANDOM.get().nextLong();
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return new String(out);
    }
}
