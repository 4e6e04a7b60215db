package io.sbc.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH (NIST SP 800-38D §6.4) with Shoup's 4-bit table method: sixteen precomputed multiples of the
 * hash subkey H per key, then 32 table look-ups, shifts and XORs per 128-bit block, all in longs.
 *
 * <p>Why our own GHASH: SunJCE's GCM rebuilds its GHASH and counter objects on every
 * {@code Cipher.init}, about 1 KB per packet (issue #4). This class allocates nothing after
 * construction. Table look-ups are indexed by data, as in every table-driven GHASH without CLMUL;
 * the tag comparison itself is constant-time ({@link AesGcm}).
 *
 * <p>Input is a stream of octets split into AAD and ciphertext sections, each zero-padded to a block
 * boundary ({@link #pad()}), so a section may be fed in several pieces (RFC 7714 §9.3 AAD is the RTCP
 * packet followed by the E||index word).
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}. Not thread-safe.
 */
final class Ghash {
    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /**
     * Reduction of the four bits shifted out of the low end: R = 11100001 || 0^120 (SP 800-38D §6.3)
     * times each 4-bit value, placed in the top 16 bits of the high word.
     */
    private static final long[] LAST4 = {
        0x0000, 0x1c20, 0x3840, 0x2460, 0x7080, 0x6ca0, 0x48c0, 0x54e0,
        0xe100, 0xfd20, 0xd940, 0xc560, 0x9180, 0x8da0, 0xa9c0, 0xb5e0,
    };

    /** i·H for every 4-bit i in GCM's reflected bit order: high and low 64 bits. */
    private final long[] hh = new long[16];
    private final long[] hl = new long[16];
    /** Running hash X (SP 800-38D §6.4 step 4), high and low 64 bits. */
    private long xh;
    private long xl;
    /** Octets of a block not yet complete within the current section. */
    private final byte[] pending = new byte[16];
    private int pendingLen;

    /** @param h the hash subkey H = AES_K(0^128), 16 octets */
    Ghash(byte[] h) {
        long vh = (long) LONGS_BE.get(h, 0);
        long vl = (long) LONGS_BE.get(h, 8);
        hh[8] = vh;
        hl[8] = vl;
        // 4·H, 2·H, 1·H: each a multiplication by x, i.e. a right shift in GCM's bit order with reduction.
        for (int i = 4; i > 0; i >>= 1) {
            long t = (vl & 1) * 0xe1000000L;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (t << 32);
            hh[i] = vh;
            hl[i] = vl;
        }
        for (int i = 2; i <= 8; i *= 2) {
            for (int j = 1; j < i; j++) {
                hh[i + j] = hh[i] ^ hh[j];
                hl[i + j] = hl[i] ^ hl[j];
            }
        }
    }

    /** Starts a new hash: X = 0^128. */
    void reset() {
        xh = 0;
        xl = 0;
        pendingLen = 0;
    }

    /** Absorbs {@code b[off, off+len)} into the current section. */
    void update(byte[] b, int off, int len) {
        if (pendingLen > 0) {
            int n = Math.min(16 - pendingLen, len);
            System.arraycopy(b, off, pending, pendingLen, n);
            pendingLen += n;
            off += n;
            len -= n;
            if (pendingLen < 16) {
                return;
            }
            block((long) LONGS_BE.get(pending, 0), (long) LONGS_BE.get(pending, 8));
            pendingLen = 0;
        }
        while (len >= 16) {
            block((long) LONGS_BE.get(b, off), (long) LONGS_BE.get(b, off + 8));
            off += 16;
            len -= 16;
        }
        if (len > 0) {
            System.arraycopy(b, off, pending, 0, len);
            pendingLen = len;
        }
    }

    /** Ends a section: a partial last block is padded with zero octets (SP 800-38D §7.1 step 5). */
    void pad() {
        if (pendingLen > 0) {
            Arrays.fill(pending, pendingLen, 16, (byte) 0);
            block((long) LONGS_BE.get(pending, 0), (long) LONGS_BE.get(pending, 8));
            pendingLen = 0;
        }
    }

    /** Absorbs the final block [len(A)]64 || [len(C)]64 in bits. Call {@link #pad()} first. */
    void lengths(long aadOctets, long textOctets) {
        block(aadOctets << 3, textOctets << 3);
    }

    long high() {
        return xh;
    }

    long low() {
        return xl;
    }

    /** X = (X xor B)·H, Shoup's 4-bit method: octets from last to first, low nibble then high. */
    private void block(long bh, long bl) {
        long x0 = xh ^ bh;
        long x1 = xl ^ bl;
        long zh = 0;
        long zl = 0;
        for (int i = 15; i >= 0; i--) {
            int octet = (int) ((i >= 8 ? x1 >>> ((15 - i) << 3) : x0 >>> ((7 - i) << 3))) & 0xFF;
            if (i != 15) {
                int rem = (int) zl & 0xF;
                zl = (zh << 60) | (zl >>> 4);
                zh = (zh >>> 4) ^ (LAST4[rem] << 48);
            }
            int lo = octet & 0xF;
            zh ^= hh[lo];
            zl ^= hl[lo];
            int rem = (int) zl & 0xF;
            zl = (zh << 60) | (zl >>> 4);
            zh = (zh >>> 4) ^ (LAST4[rem] << 48);
            int hi = octet >>> 4;
            zh ^= hh[hi];
            zl ^= hl[hi];
        }
        xh = zh;
        xl = zl;
    }
}
