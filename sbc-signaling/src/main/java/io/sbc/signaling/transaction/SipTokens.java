package io.sbc.signaling.transaction;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh branch and tag values. Random 64-bit hex, so they reveal nothing about the topology. */
public final class SipTokens {

    /** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private static final char[] HEX = "0123456789abcdef".toCharArray();

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

    private static String hex64() {
        long bits = ThreadLocalRandom.current().nextLong();
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return new String(out);
    }
}
