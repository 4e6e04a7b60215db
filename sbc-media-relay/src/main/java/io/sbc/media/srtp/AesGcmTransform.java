package io.sbc.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD_AES_128_GCM / AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714 §8, §9) with JCE AES/GCM.
 *
 * <p>Allocates per packet: SunJCE refuses to reuse a GCM cipher without {@code init} (IV-reuse guard),
 * and {@code init} needs a fresh {@link GCMParameterSpec}; GCM decryption also buffers the ciphertext
 * internally. The measured cost is in bench/results/srtp.md (about 1 KB/packet of short-lived
 * garbage, java-stack.md §3). The AES-CM suites are the allocation-free path.
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}.
 */
final class AesGcmTransform extends SrtpTransform {
    static final int TAG_LENGTH = 16;

    private final Cipher gcm;
    private final SecretKeySpec key;
    private final byte[] salt;
    private final byte[] iv = new byte[12];
    private final byte[] word = new byte[4];
    /** MKI, empty if none. As in libsrtp, it follows the GCM tag (RTP) or the E||index word (RTCP). */
    private final byte[] mki;

    AesGcmTransform(byte[] key, byte[] salt, byte[] mki) {
        this.mki = mki.clone();
        if (salt.length != 12) {
            throw new IllegalArgumentException("GCM session salt must be 12 octets");
        }
        this.key = new SecretKeySpec(key, "AES");
        this.salt = salt.clone();
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable in this JRE", e);
        }
    }

    /** RFC 7714 §8.1: IV = (0x0000 || SSRC || ROC || SEQ) XOR salt. §9.1: (0x0000 || SSRC || 0x0000 || index). */
    private void setIv(int ssrc, int hi, int lo) {
        iv[0] = salt[0];
        iv[1] = salt[1];
        iv[2] = (byte) (salt[2] ^ (ssrc >>> 24));
        iv[3] = (byte) (salt[3] ^ (ssrc >>> 16));
        iv[4] = (byte) (salt[4] ^ (ssrc >>> 8));
        iv[5] = (byte) (salt[5] ^ ssrc);
        iv[6] = (byte) (salt[6] ^ (hi >>> 24));
        iv[7] = (byte) (salt[7] ^ (hi >>> 16));
        iv[8] = (byte) (salt[8] ^ (hi >>> 8));
        iv[9] = (byte) (salt[9] ^ hi);
        iv[10] = (byte) (salt[10] ^ (lo >>> 8));
        iv[11] = (byte) (salt[11] ^ lo);
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
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            gcm.updateAAD(buf, off, headerLen);
            int n = gcm.doFinal(buf, off + headerLen, len - headerLen, buf, off + headerLen);
            System.arraycopy(mki, 0, buf, off + headerLen + n, mki.length);
            return headerLen + n + mki.length;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return SrtpError.CRYPTO_ERROR;
        }
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
        if (!mkiMatches(buf, off + len)) {
            return SrtpError.UNKNOWN_MKI;
        }
        setRtpIv(ssrc, index);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            gcm.updateAAD(buf, off, headerLen);
            int n = gcm.doFinal(buf, off + headerLen, len - headerLen, buf, off + headerLen);
            return headerLen + n;
        } catch (AEADBadTagException e) {
            return SrtpError.AUTH_FAILED;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return SrtpError.CRYPTO_ERROR;
        }
    }

    @Override
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex) {
        setRtcpIv(ssrc, srtcpIndex);
        putInt(word, 0, srtcpIndex | 0x8000_0000);
        try {
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            // RFC 7714 §9.2: AAD = first 8 octets || E-flag||SRTCP index.
            gcm.updateAAD(buf, off, 8);
            gcm.updateAAD(word, 0, 4);
            int n = gcm.doFinal(buf, off + 8, len - 8, buf, off + 8);
            System.arraycopy(word, 0, buf, off + 8 + n, 4);
            System.arraycopy(mki, 0, buf, off + 8 + n + 4, mki.length);
            return 8 + n + 4 + mki.length;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return SrtpError.CRYPTO_ERROR;
        }
    }

    @Override
    int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypted) {
        int body = len - mki.length - 4;
        if (!mkiMatches(buf, off + body + 4)) {
            return SrtpError.UNKNOWN_MKI;
        }
        setRtcpIv(ssrc, srtcpIndex);
        try {
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_LENGTH * 8, iv));
            if (encrypted) {
                gcm.updateAAD(buf, off, 8);
                gcm.updateAAD(buf, off + body, 4);
                int n = gcm.doFinal(buf, off + 8, body - 8, buf, off + 8);
                return 8 + n;
            }
            // RFC 7714 §9.3 (E = 0): the whole RTCP packet is AAD, the "ciphertext" is the tag alone.
            int plainLen = body - TAG_LENGTH;
            gcm.updateAAD(buf, off, plainLen);
            gcm.updateAAD(buf, off + body, 4);
            gcm.doFinal(buf, off + plainLen, TAG_LENGTH, buf, off + plainLen);
            return plainLen;
        } catch (AEADBadTagException e) {
            return SrtpError.AUTH_FAILED;
        } catch (GeneralSecurityException | IllegalStateException e) {
            return SrtpError.CRYPTO_ERROR;
        }
    }

    @Override
    int srtcpIndexFromEnd() {
        return 4 + mki.length;
    }
}
