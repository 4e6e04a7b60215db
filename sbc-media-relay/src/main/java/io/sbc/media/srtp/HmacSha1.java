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
 * and still uses the JVM's SHA-1 intrinsic (SHA-NI).
 *
 * <p>Why the ipad/opad blocks are hashed per message (6 compressions for a 176-octet SRTP message)
 * instead of starting from precomputed states (RFC 2104 §4, 4 compressions): {@code MessageDigest}
 * can only restore a state through {@code clone()}, which allocates, and a pure-Java SHA-1 from a
 * saved state measured about 210 ns per block against about 40 ns per block for the intrinsic
 * (bench/results/srtp.md, session 4), so 4 Java compressions lose to 6 intrinsic ones.
 *
 * <p>Each {@code MessageDigest} call has a fixed cost (about 10 ns for {@code update}, 30 ns for
 * {@code digest}), so the outer hash input (opad || inner hash) lives in one array and is hashed
 * with a single {@code update}, and callers pass the whole message in one {@link #update} where
 * they can.
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}. Not thread-safe.
 */
final class HmacSha1 {
    static final int BLOCK = 64;
    static final int LENGTH = 20;

    private final MessageDigest inner;
    private final MessageDigest outer;
    private final byte[] ipad = new byte[BLOCK];
    /** RFC 2104 §2 outer message: (K XOR opad) in octets 0..63, then the inner hash. */
    private final byte[] outerMessage = new byte[BLOCK + LENGTH];
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
            outerMessage[i] = (byte) (b ^ 0x5c);
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

    /** Completes the MAC into {@link #result} and starts the next message. */
    byte[] finish() {
        try {
            inner.digest(outerMessage, BLOCK, LENGTH);
            outer.update(outerMessage, 0, BLOCK + LENGTH);
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
