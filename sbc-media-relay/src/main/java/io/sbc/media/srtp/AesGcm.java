package io.sbc.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-GCM with a 96-bit IV and a 128-bit tag (NIST SP 800-38D §7), in place, from a once-initialised
 * AES/ECB cipher and our own {@link Ghash}: J0 = IV || 0^31 || 1, GCTR keystream from inc32(J0)
 * onwards, tag = GHASH_H(A, C) XOR AES_K(J0).
 *
 * <p>Why not JCE "AES/GCM/NoPadding": it needs {@code Cipher.init} with a fresh
 * {@code GCMParameterSpec} per packet and rebuilds its internal objects each time (about 1 KB per
 * packet, 2 KB per protect+unprotect, bench/results/srtp.md), against issue #4. ECB on our own counter
 * blocks is the approach of {@link AesCounterMode} and allocates nothing per packet.
 *
 * <p>Usage per packet: {@link #setIv}, then {@link #seal} or {@link #open}. Owner: the thread that
 * owns the enclosing {@link SrtpContext}. Not thread-safe.
 */
final class AesGcm {
    static final int TAG_LENGTH = 16;

    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** Blocks per ECB call (the first block of a packet is J0 for the tag); 1 KiB of scratch. */
    private static final int CHUNK_BLOCKS = 64;

    private final Cipher ecb;
    private final Ghash ghash;
    /** IV octets 0..7, and octets 8..11 shifted into the high half of the second word. */
    private long ivHigh;
    private long ivLow;
    /** AES_K(J0) of the current packet. */
    private long ekj0High;
    private long ekj0Low;
    private final byte[] counters = new byte[CHUNK_BLOCKS * 16];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * 16];

    /** @param key AES key, 16 or 32 octets (AEAD_AES_128_GCM / AEAD_AES_256_GCM, RFC 7714 §12) */
    AesGcm(byte[] key) {
        try {
            ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            // SP 800-38D §7.1 step 1: H = CIPH_K(0^128), once per key.
            ghash = new Ghash(ecb.doFinal(new byte[16]));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB unavailable in this JRE", e);
        }
    }

    /** Sets the 96-bit IV from its octets 0..7 (big-endian) and 8..11 (big-endian int). */
    void setIv(long iv0to7, int iv8to11) {
        ivHigh = iv0to7;
        ivLow = (long) iv8to11 << 32;
    }

    /**
     * Encrypts {@code buf[textOff, textOff+textLen)} in place and writes the 16-octet tag at
     * {@code buf[tagOff]}. The AAD is {@code buf[aadOff, aadOff+aadLen)} followed by
     * {@code aad2[aad2Off, aad2Off+aad2Len)} (the latter may be empty).
     *
     * @return false if the JCE provider failed (never expected)
     */
    boolean seal(byte[] buf, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len,
            int textOff, int textLen, int tagOff) {
        if (!gctr(buf, textOff, textLen, 0, 0, false)) {
            return false;
        }
        hash(buf, aadOff, aadLen, aad2, aad2Off, aad2Len, textOff, textLen);
        LONGS_BE.set(buf, tagOff, ghash.high() ^ ekj0High);
        LONGS_BE.set(buf, tagOff + 8, ghash.low() ^ ekj0Low);
        return true;
    }

    /**
     * Verifies the tag at {@code buf[tagOff]} over the AAD (as in {@link #seal}) and the ciphertext
     * {@code buf[textOff, textOff+textLen)}, then decrypts in place. The tag is compared in constant
     * time, and on a mismatch the buffer is left unchanged.
     *
     * @return true if authentic (and decrypted)
     */
    boolean open(byte[] buf, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len,
            int textOff, int textLen, int tagOff) {
        hash(buf, aadOff, aadLen, aad2, aad2Off, aad2Len, textOff, textLen);
        long tagHigh = (long) LONGS_BE.get(buf, tagOff);
        long tagLow = (long) LONGS_BE.get(buf, tagOff + 8);
        return gctr(buf, textOff, textLen, ghash.high() ^ tagHigh, ghash.low() ^ tagLow, true);
    }

    private void hash(byte[] buf, int aadOff, int aadLen, byte[] aad2, int aad2Off, int aad2Len,
            int textOff, int textLen) {
        ghash.reset();
        ghash.update(buf, aadOff, aadLen);
        ghash.update(aad2, aad2Off, aad2Len);
        ghash.pad();
        ghash.update(buf, textOff, textLen);
        ghash.pad();
        ghash.lengths(aadLen + aad2Len, textLen);
    }

    /**
     * GCTR from J0: block 0 of the keystream is AES_K(J0), kept for the tag; blocks 1.. are XORed
     * into the text. With {@code verify}, the tag check (GHASH XOR tag, which must equal AES_K(J0)) is
     * done right after the first ECB call and before any text is changed.
     */
    private boolean gctr(byte[] buf, int off, int len, long expectHigh, long expectLow, boolean verify) {
        int total = 1 + ((len + 15) >>> 4);
        int done = 0;
        for (int block = 0; block < total; ) {
            int n = Math.min(total - block, CHUNK_BLOCKS);
            for (int p = 0, b = block; p < n << 4; p += 16, b++) {
                // inc32 (SP 800-38D §6.2): only the low 32 bits count, J0 has counter 1.
                LONGS_BE.set(counters, p, ivHigh);
                LONGS_BE.set(counters, p + 8, ivLow | ((b + 1) & 0xFFFF_FFFFL));
            }
            try {
                ecb.update(counters, 0, n << 4, keystream, 0);
            } catch (ShortBufferException e) {
                return false;
            }
            int k = 0;
            if (block == 0) {
                ekj0High = (long) LONGS_BE.get(keystream, 0);
                ekj0Low = (long) LONGS_BE.get(keystream, 8);
                if (verify && ((expectHigh ^ ekj0High) | (expectLow ^ ekj0Low)) != 0) {
                    return false;
                }
                k = 16;
            }
            int chunk = Math.min(len - done, (n << 4) - k);
            AesCounterMode.xorKeystream(buf, off + done, keystream, k, chunk);
            done += chunk;
            block += n;
        }
        return true;
    }
}
