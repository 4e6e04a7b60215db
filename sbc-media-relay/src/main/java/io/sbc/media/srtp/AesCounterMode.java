package io.sbc.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in Segmented Integer Counter mode (RFC 3711 §4.1.1) from a once-initialised AES/ECB cipher:
 * counter blocks are written into a reused array, encrypted with one ECB call per chunk, and the
 * keystream is XORed into the packet in place.
 *
 * <p>Why ECB and not {@code AES/CTR}: CTR needs {@code Cipher.init} per packet for the new IV, which
 * allocates about 300 B/packet in SunJCE; ECB on our own counter blocks allocates nothing and uses
 * the same AES intrinsic (shared/java-stack.md §3).
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}. Not thread-safe.
 */
final class AesCounterMode {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** Blocks per ECB call; larger payloads take several calls. 1 KiB keeps the scratch small. */
    private static final int CHUNK_BLOCKS = 64;

    private final Cipher ecb;
    private final byte[] salt;
    private final byte[] iv = new byte[16];
    private final byte[] counters = new byte[CHUNK_BLOCKS * 16];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * 16];

    /**
     * @param key  session encryption key (16, 24 or 32 octets)
     * @param salt session salt, 14 octets (RFC 3711 §4.1.1: 112 bits)
     */
    AesCounterMode(byte[] key, byte[] salt) {
        if (salt.length != 14) {
            throw new IllegalArgumentException("AES-CM session salt must be 14 octets");
        }
        this.salt = salt.clone();
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB unavailable in this JRE", e);
        }
    }

    /**
     * Sets the IV: (salt·2^16) XOR (SSRC·2^64) XOR (index·2^16), RFC 3711 §4.1.1. For SRTCP the index
     * is the 31-bit SRTCP index (§3.4).
     */
    void setIv(int ssrc, long index) {
        System.arraycopy(salt, 0, iv, 0, 14);
        iv[4] ^= (byte) (ssrc >>> 24);
        iv[5] ^= (byte) (ssrc >>> 16);
        iv[6] ^= (byte) (ssrc >>> 8);
        iv[7] ^= (byte) ssrc;
        iv[8] ^= (byte) (index >>> 40);
        iv[9] ^= (byte) (index >>> 32);
        iv[10] ^= (byte) (index >>> 24);
        iv[11] ^= (byte) (index >>> 16);
        iv[12] ^= (byte) (index >>> 8);
        iv[13] ^= (byte) index;
        iv[14] = 0;
        iv[15] = 0;
    }

    /**
     * XORs keystream blocks 0.. into {@code buf[off, off+len)}. The 16-bit block counter in the low
     * octets of the IV limits one packet to 2^16 blocks (1 MiB), far above any UDP datagram.
     *
     * @return false if the JCE provider failed (never expected)
     */
    boolean xor(byte[] buf, int off, int len) {
        int block = 0;
        int done = 0;
        while (done < len) {
            int chunk = Math.min(len - done, CHUNK_BLOCKS * 16);
            int nBlocks = (chunk + 15) >>> 4;
            for (int j = 0; j < nBlocks; j++, block++) {
                int p = j << 4;
                System.arraycopy(iv, 0, counters, p, 14);
                counters[p + 14] = (byte) (block >>> 8);
                counters[p + 15] = (byte) block;
            }
            try {
                ecb.update(counters, 0, nBlocks << 4, keystream, 0);
            } catch (ShortBufferException e) {
                return false;
            }
            int base = off + done;
            int i = 0;
            // 8 octets per step through long views; byte order is irrelevant for XOR.
            for (; i <= chunk - 8; i += 8) {
                LONGS.set(buf, base + i, (long) LONGS.get(buf, base + i) ^ (long) LONGS.get(keystream, i));
            }
            for (; i < chunk; i++) {
                buf[base + i] ^= keystream[i];
            }
            done += chunk;
        }
        return true;
    }

    /** Keystream for the current IV into {@code out} (known-answer tests of RFC 3711 B.2). */
    void keystream(byte[] out, int off, int len) {
        java.util.Arrays.fill(out, off, off + len, (byte) 0);
        xor(out, off, len);
    }
}
