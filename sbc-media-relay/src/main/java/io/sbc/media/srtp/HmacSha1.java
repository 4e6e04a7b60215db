package io.sbc.media.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA1 (RFC 2104) over two reused {@link MessageDigest}s, writing into a reused array.
 *
 * <p>Why not {@code javax.crypto.Mac}: {@code Mac.doFinal(byte[], int)} allocates a fresh 20-byte
 * array inside the provider on every call (measured 40 B/packet, shared/java-stack.md §3), while
 * {@code MessageDigest.digest(byte[], int, int)} writes in place. SunJCE's HmacCore re-hashes the
 * ipad block per message as well, so this costs the same compression rounds with zero allocation,
 * and still uses the JVM's SHA-1 intrinsic.
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}. Not thread-safe.
 */
final class HmacSha1 {
    static final int BLOCK = 64;
    static final int LENGTH = 20;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] ipad = new byte[BLOCK];
    private final byte[] opad = new byte[BLOCK];
    private final byte[] innerHash = new byte[LENGTH];
    private final byte[] word = new byte[4];
    /** Result of the last {@link #finish()}, valid until the next call. */
    final byte[] result = new byte[LENGTH];

    HmacSha1(byte[] key) {
        try {
            inner = MessageDigest.getInstance("SHA-1");
            outer = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 unavailable in this JRE", e);
        }
        byte[] k = key.length > BLOCK ? inner.digest(key) : key;
        for (int i = 0; i < BLOCK; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        inner.reset();
        start();
    }

    /** Begins a new message. Called implicitly after {@link #finish()}. */
    void start() {
        inner.update(ipad, 0, BLOCK);
    }

    void update(byte[] b, int off, int len) {
        inner.update(b, off, len);
    }

    /** Appends a 32-bit big-endian integer (the ROC, RFC 3711 §4.2). */
    void updateInt(int v) {
        word[0] = (byte) (v >>> 24);
        word[1] = (byte) (v >>> 16);
        word[2] = (byte) (v >>> 8);
        word[3] = (byte) v;
        inner.update(word, 0, 4);
    }

    /** Completes the MAC into {@link #result} and starts the next message. */
    byte[] finish() {
        try {
            inner.digest(innerHash, 0, LENGTH);
            outer.update(opad, 0, BLOCK);
            outer.update(innerHash, 0, LENGTH);
            outer.digest(result, 0, LENGTH);
        } catch (DigestException e) {
            // Only thrown for an output shorter than 20 octets, which these arrays never are.
            throw new IllegalStateException(e);
        }
        start();
        return result;
    }

    /**
     * Compares the first {@code len} octets of {@link #result} with {@code tag} without an early exit,
     * so the time taken does not reveal how many leading octets matched.
     */
    boolean resultEquals(byte[] tag, int off, int len) {
        int diff = 0;
        for (int i = 0; i < len; i++) {
            diff |= result[i] ^ tag[off + i];
        }
        return diff == 0;
    }
}
