package io.sbc.signaling.transaction;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Fresh branch and tag values: 64 bits from a cryptographic generator, as hex. They reveal nothing about
 * the topology, and an off-path attacker cannot predict them to forge responses, CANCELs or BYEs
 * (RFC 3261 §26.1.2 relies on unguessable tags). One DRBG per thread, so no lock is shared between
 * event loops.
 *
 * <p>The DRBG is drawn {@link #BATCH_BYTES} bytes at a time into a per-thread buffer: one
 * {@code SecureRandom.nextLong()} is two DRBG generate calls (each a lock, a reseed check and
 * several SHA-256 blocks), and a call creates four to six tokens, so drawing per token cost about 7%
 * of the signaling thread's CPU in the calls-per-second benchmark (bench/results/sip.md). The bytes
 * are the same DRBG output, used once each.
 */
public final class SipTokens {

    /** RFC 3261 §8.1.1.7: branches of RFC 3261 elements start with this magic cookie. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** Random bytes drawn from the DRBG at once: 64 tokens. */
    static final int BATCH_BYTES = 512;

    private static final ThreadLocal<Pool> RANDOM = ThreadLocal.withInitial(Pool::new);

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

    /** Per-thread DRBG output not handed out yet; owner: the thread of its ThreadLocal. */
    private static final class Pool {
        private final SecureRandom drbg = newGenerator();
        private final byte[] bytes = new byte[BATCH_BYTES];
        private int next = BATCH_BYTES;

        long nextLong() {
            if (next == BATCH_BYTES) {
                drbg.nextBytes(bytes);
                next = 0;
            }
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (bytes[next + i] & 0xFF);
            }
            java.util.Arrays.fill(bytes, next, next + 8, (byte) 0);   // used once: do not keep it around
            next += 8;
            return v;
        }
    }

    static String hex64() {
        long bits = RANDOM.get().nextLong();
        char[] out = new char[16];
        for (int i = 15; i >= 0; i--) {
            out[i] = HEX[(int) (bits & 0xF)];
            bits >>>= 4;
        }
        return new String(out);
    }
}
