package io.sbc.media.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * AEAD_AES_128_GCM / AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714 §8, §9), on {@link AesGcm}
 * (SP 800-38D over a once-initialised AES/ECB cipher): allocation-free per packet, unlike JCE
 * AES/GCM which needs {@code Cipher.init} per packet (bench/results/srtp.md).
 *
 * <p>A packet whose tag does not verify is left unchanged.
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}.
 */
final class AesGcmTransform extends SrtpTransform {
    static final int TAG_LENGTH = AesGcm.TAG_LENGTH;

    private static final VarHandle LONGS_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final AesGcm gcm;
    /** Session salt octets 0..7 and 8..11 (RFC 7714 §8.1: 96 bits). */
    private final long saltHigh;
    private final int saltLow;
    private final byte[] word = new byte[4];
    /** MKI, empty if none. As in libsrtp, it follows the GCM tag (RTP) or the E||index word (RTCP). */
    private final byte[] mki;

    AesGcmTransform(byte[] key, byte[] salt, byte[] mki) {
        this.mki = mki.clone();
        if (salt.length != 12) {
            throw new IllegalArgumentException("GCM session salt must be 12 octets");
        }
        this.saltHigh = (long) LONGS_BE.get(salt, 0);
        this.saltLow = getInt(salt, 8);
        this.gcm = new AesGcm(key);
    }

    /**
     * RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt. §9.1: (0x0000 || SSRC || 0x0000 ||
     * index). {@code hi} fills octets 6..9, the low 16 bits of {@code lo} octets 10..11.
     */
    private void setIv(int ssrc, int hi, int lo) {
        long high = ((ssrc & 0xFFFF_FFFFL) << 16) | ((hi >>> 16) & 0xFFFF);
        int low = (hi << 16) | (lo & 0xFFFF);
        gcm.setIv(saltHigh ^ high, saltLow ^ low);
    }

    private void setRtpIv(int ssrc, long index) {
        setIv(ssrc, (int) (index >>> 16), (int) index);
    }

    private void setRtcpIv(int ssrc, int srtcpIndex) {
        // 0x0000 || 0 || 31-bit index spans octets 8..11: hi carries its upper 16 bits.
        setIv(ssrc, srtcpIndex >>> 16, srtcpIndex & 0xFFFF);
    }

    @Override
    int protectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index) {
        setRtpIv(ssrc, index);
        int textLen = len - headerLen;
        // RFC 7714 §8.2: AAD = the RTP header (with CSRCs and extension).
        if (!gcm.seal(buf, off, headerLen, word, 0, 0, off + headerLen, textLen, off + len)) {
            return SrtpError.CRYPTO_ERROR;
        }
        System.arraycopy(mki, 0, buf, off + len + TAG_LENGTH, mki.length);
        return len + TAG_LENGTH + mki.length;
    }

    private boolean mkiMatches(byte[] buf, int at) {
        for (int i = 0; i < mki.length; i++) {
            if (buf[at + i] != mki[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    int unprotectRtp(byte[] buf, int off, int packetLen, int headerLen, int ssrc, long index) {
        int len = packetLen - mki.length;
        int textLen = len - headerLen - TAG_LENGTH;
        if (textLen < 0) {
            return SrtpError.AUTH_FAILED;
        }
        if (!mkiMatches(buf, off + len)) {
            return SrtpError.UNKNOWN_MKI;
        }
        setRtpIv(ssrc, index);
        if (!gcm.open(buf, off, headerLen, word, 0, 0, off + headerLen, textLen, off + headerLen + textLen)) {
            return SrtpError.AUTH_FAILED;
        }
        return headerLen + textLen;
    }

    @Override
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex) {
        setRtcpIv(ssrc, srtcpIndex);
        putInt(word, 0, srtcpIndex | 0x8000_0000);
        // RFC 7714 §9.2 (E = 1): AAD = first 8 octets || E-flag||SRTCP index.
        if (!gcm.seal(buf, off, 8, word, 0, 4, off + 8, len - 8, off + len)) {
            return SrtpError.CRYPTO_ERROR;
        }
        System.arraycopy(word, 0, buf, off + len + TAG_LENGTH, 4);
        System.arraycopy(mki, 0, buf, off + len + TAG_LENGTH + 4, mki.length);
        return len + TAG_LENGTH + 4 + mki.length;
    }

    @Override
    int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypted) {
        int body = len - mki.length - 4;
        int plainLen = body - TAG_LENGTH;
        if (plainLen < 8) {
            return SrtpError.AUTH_FAILED;
        }
        if (!mkiMatches(buf, off + body + 4)) {
            return SrtpError.UNKNOWN_MKI;
        }
        setRtcpIv(ssrc, srtcpIndex);
        boolean authentic = encrypted
                ? gcm.open(buf, off, 8, buf, off + body, 4, off + 8, plainLen - 8, off + plainLen)
                // RFC 7714 §9.3 (E = 0): the whole RTCP packet is AAD, the "ciphertext" is empty.
                : gcm.open(buf, off, plainLen, buf, off + body, 4, off + plainLen, 0, off + plainLen);
        return authentic ? plainLen : SrtpError.AUTH_FAILED;
    }

    @Override
    int srtcpIndexFromEnd() {
        return 4 + mki.length;
    }
}
