package io.sbc.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * GHASH (NIST SP 800-38D §6.4) with Shoup's 8-bit table method: the 256 multiples b·H of the hash
 * subkey H for every octet value b, precomputed per key (4 KiB), then per 128-bit block 16 table
 * look-ups, 8-bit shifts and a reduction look-up, all in longs.
 *
 * <p>Why our own GHASH: SunJCE's GCM rebuilds its GHASH and counter objects on every
 * {@code Cipher.init}, about 1 KB per packet (issue #4). This class allocates nothing after
 * construction. Why 8-bit and not 4-bit tables: half the steps per block; the 4-bit variant
 * measured about twice slower than JCE's CLMUL-based GCM per packet (bench/results/srtp.md).
 * Table look-ups are indexed by data, as in every table-driven GHASH without CLMUL; the tag
 * comparison itself is constant-time ({@link AesGcm}).
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
     * Reduction of the eight bits r shifted out of the low end by Z·x^8: the high word that results
     * from eight single-bit shifts of (0, r), each folding R = 11100001 || 0^120 (SP 800-38D §6.3) in.
     */
    private static final long[] REDUCE8 = new long[256];

    static {
        for (int r = 0; r < 256; r++) {
            long zh = 0;
            long zl = r;
            for (int i = 0; i < 8; i++) {
                long carry = zl & 1;
                zl = (zh << 63) | (zl >>> 1);
                zh = (zh >>> 1) ^ (-carry & 0xE100_0000_0000_0000L);
            }
            REDUCE8[r] = zh;
        }
    }

    /** b·H for every octet b in GCM's reflected bit order, interleaved: high word at 2b, low at 2b+1. */
    private final long[] table = new long[512];
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
        // The octet's most significant bit is the x^0 coefficient: 128 -> H, 64 -> H·x, ... 1 -> H·x^7.
        for (int i = 128; i > 0; i >>= 1) {
            table[2 * i] = vh;
            table[2 * i + 1] = vl;
            long carry = vl & 1;
            vl = (vh << 63) | (vl >>> 1);
            vh = (vh >>> 1) ^ (-carry & 0xE100_0000_0000_0000L);
        }
        for (int i = 2; i <= 128; i *= 2) {
            for (int j = 1; j < i; j++) {
                table[2 * (i + j)] = table[2 * i] ^ table[2 * j];
                table[2 * (i + j) + 1] = table[2 * i + 1] ^ table[2 * j + 1];
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

    /**
     * X = (X xor B)·H by Horner's rule over the octets, last (highest degree) first:
     * Z = Z·x^8 xor table[octet].
     */
    private void block(long bh, long bl) {
        long[] t = table;
        long x = xl ^ bl;
        int b = (int) x & 0xFF;
        long zh = t[2 * b];
        long zl = t[2 * b + 1];
        for (int s = 8; s < 64; s += 8) {
            b = (int) (x >>> s) & 0xFF;
            int rem = (int) zl & 0xFF;
            zl = (zh << 56) | (zl >>> 8);
            zh = (zh >>> 8) ^ REDUCE8[rem] ^ t[2 * b];
            zl ^= t[2 * b + 1];
        }
        x = xh ^ bh;
        for (int s = 0; s < 64; s += 8) {
            b = (int) (x >>> s) & 0xFF;
            int rem = (int) zl & 0xFF;
            zl = (zh << 56) | (zl >>> 8);
            zh = (zh >>> 8) ^ REDUCE8[rem] ^ t[2 * b];
            zl ^= t[2 * b + 1];
        }
        xh = zh;
        xl = zl;
    }
}
