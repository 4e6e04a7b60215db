package io.sbc.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
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
    /** Counter blocks are big-endian 128-bit integers (RFC 3711 §4.1.1); two 64-bit halves each. */
    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Blocks per ECB call; larger payloads take several calls. 1 KiB keeps the scratch small. */
    private static final int CHUNK_BLOCKS = 64;

    private final Cipher ecb;
    /** Session salt octets 0..7 and 8..13 (shifted left 16 bits), as big-endian longs. */
    private final long saltHigh;
    private final long saltLow;
    /** Current IV octets 0..7 and 8..15; octets 14..15 are zero and take the block counter. */
    private long ivHigh;
    private long ivLow;
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
        byte[] padded = Arrays.copyOf(salt, 16);
        this.saltHigh = (long) LONGS_BE.get(padded, 0);
        this.saltLow = (long) LONGS_BE.get(padded, 8);
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB unavailable in this JRE", e);
        }
    }

    /**
     * Sets the IV: (salt·2^16) XOR (SSRC·2^64) XOR (index·2^16), RFC 3711 §4.1.1. For SRTCP the index
     * is the 31-bit SRTCP index (§3.4). As two 64-bit halves: the SSRC is the low word of the high
     * half, the 48-bit index sits above the 16-bit block counter in the low half.
     */
    void setIv(int ssrc, long index) {
        ivHigh = saltHigh ^ (ssrc & 0xFFFF_FFFFL);
        ivLow = saltLow ^ (index << 16);
    }

    /**
     * XORs keystream blocks 0.. into {@code buf[off, off+len)}. The 16-bit block counter in the low
     * octets of the IV limits one packet to 2^16 blocks (1 MiB), far above any UDP datagram.
     *
     * <p>All counter blocks of a chunk go to the cipher in one {@code update} call (one SunJCE
     * dispatch; each block is still one AES-NI intrinsic call, multi-block ECB is intrinsified only
     * with AVX-512). Writing a counter block is two long stores, not an array copy per block.
     *
     * @return false if the JCE provider failed (never expected)
     */
    boolean xor(byte[] buf, int off, int len) {
        int block = 0;
        int done = 0;
        while (done < len) {
            int chunk = Math.min(len - done, CHUNK_BLOCKS * 16);
            int nBlocks = (chunk + 15) >>> 4;
            for (int p = 0, end = nBlocks << 4; p < end; p += 16, block++) {
                LONGS_BE.set(counters, p, ivHigh);
                LONGS_BE.set(counters, p + 8, ivLow | (block & 0xFFFF));
            }
            try {
                ecb.update(counters, 0, nBlocks << 4, keystream, 0);
            } catch (ShortBufferException e) {
                return false;
            }
            xorKeystream(buf, off + done, keystream, 0, chunk);
            done += chunk;
        }
        return true;
    }

    /**
     * XORs {@code len} octets of {@code keystream} from {@code k} into {@code buf} at {@code base}, 8
     * octets per step through long views (byte order is irrelevant for XOR). Shared with GCM's GCTR.
     */
    static void xorKeystream(byte[] buf, int base, byte[] keystream, int k, int len) {
        int i = 0;
        for (; i <= len - 8; i += 8) {
            LONGS.set(buf, base + i, (long) LONGS.get(buf, base + i) ^ (long) LONGS.get(keystream, k + i));
        }
        for (; i < len; i++) {
            buf[base + i] ^= keystream[k + i];
        }
    }

    /** Keystream for the current IV into {@code out} (known-answer tests of RFC 3711 B.2). */
    void keystream(byte[] out, int off, int len) {
        Arrays.fill(out, off, off + len, (byte) 0);
        xor(out, off, len);
    }
}
