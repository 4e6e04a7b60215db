package io.sbc.media.srtp;

/**
 * AES-CM encryption with HMAC-SHA1 authentication (RFC 3711 §4.1.1, §4.2), or HMAC-SHA1 only when
 * the suite's cipher is NULL. Allocation-free: {@link AesCounterMode} and {@link HmacSha1} reuse
 * their arrays.
 *
 * <p>Unprotect verifies the tag before decrypting, so a forged packet costs one HMAC and no AES.
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}.
 */
final class AesCmHmacTransform extends SrtpTransform {
    private final AesCounterMode ctr;
    private final HmacSha1 mac;
    private final int tagLength;
    /** RFC 3711 §3.1: the MKI sits between the encrypted portion and the tag and is not authenticated. */
    private final byte[] mki;

    /**
     * @param key null for the NULL cipher
     * @param mki master key identifier, empty if the context uses none
     */
    AesCmHmacTransform(byte[] key, byte[] salt, byte[] authKey, int tagLength, byte[] mki) {
        if (tagLength + mki.length < 4) {
            throw new IllegalArgumentException("MKI plus tag must be at least 4 octets (the ROC is hashed in their place)");
        }
        this.ctr = key == null ? null : new AesCounterMode(key, salt);
        this.mac = new HmacSha1(authKey);
        this.tagLength = tagLength;
        this.mki = mki.clone();
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
    int protectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index) {
        if (ctr != null) {
            ctr.setIv(ssrc, index);
            if (!ctr.xor(buf, off + headerLen, len - headerLen)) {
                return SrtpError.CRYPTO_ERROR;
            }
        }
        // RFC 3711 §4.2: M = authenticated portion || ROC. The ROC is written where the MKI and tag
        // go next (the trailer is at least 4 octets), so M is hashed in one update call.
        putInt(buf, off + len, (int) (index >>> 16));
        mac.update(buf, off, len + 4);
        System.arraycopy(mki, 0, buf, off + len, mki.length);
        System.arraycopy(mac.finish(), 0, buf, off + len + mki.length, tagLength);
        return len + mki.length + tagLength;
    }

    @Override
    int unprotectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index) {
        int plainLen = len - mki.length - tagLength;
        if (!mkiMatches(buf, off + plainLen)) {
            return SrtpError.UNKNOWN_MKI;
        }
        // RFC 3711 §4.2 as in protect: the ROC replaces the first 4 octets of MKI || tag while M is
        // hashed, then those octets are put back for the MKI and tag comparisons.
        int trailer = off + plainLen;
        int saved = getInt(buf, trailer);
        putInt(buf, trailer, (int) (index >>> 16));
        mac.update(buf, off, plainLen + 4);
        putInt(buf, trailer, saved);
        mac.finish();
        if (!mac.resultEquals(buf, off + plainLen + mki.length, tagLength)) {
            return SrtpError.AUTH_FAILED;
        }
        if (ctr != null) {
            ctr.setIv(ssrc, index);
            if (!ctr.xor(buf, off + headerLen, plainLen - headerLen)) {
                return SrtpError.CRYPTO_ERROR;
            }
        }
        return plainLen;
    }

    @Override
    int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex) {
        boolean encrypt = ctr != null;
        if (encrypt) {
            // RFC 3711 §3.4: the first 8 octets (header and sender SSRC) stay in the clear.
            ctr.setIv(ssrc, srtcpIndex);
            if (!ctr.xor(buf, off + 8, len - 8)) {
                return SrtpError.CRYPTO_ERROR;
            }
        }
        putInt(buf, off + len, encrypt ? (srtcpIndex | 0x8000_0000) : srtcpIndex);
        mac.update(buf, off, len + 4);
        System.arraycopy(mki, 0, buf, off + len + 4, mki.length);
        System.arraycopy(mac.finish(), 0, buf, off + len + 4 + mki.length, tagLength);
        return len + 4 + mki.length + tagLength;
    }

    @Override
    int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypted) {
        int authLen = len - mki.length - tagLength;
        if (!mkiMatches(buf, off + authLen)) {
            return SrtpError.UNKNOWN_MKI;
        }
        mac.update(buf, off, authLen);
        mac.finish();
        if (!mac.resultEquals(buf, off + authLen + mki.length, tagLength)) {
            return SrtpError.AUTH_FAILED;
        }
        int plainLen = authLen - 4;
        if (encrypted && ctr != null) {
            ctr.setIv(ssrc, srtcpIndex);
            if (!ctr.xor(buf, off + 8, plainLen - 8)) {
                return SrtpError.CRYPTO_ERROR;
            }
        }
        return plainLen;
    }

    @Override
    int srtcpIndexFromEnd() {
        return tagLength + mki.length + 4;
    }

    /** Keystream access for RFC 3711 B.2 known-answer tests. */
    AesCounterMode counterMode() {
        return ctr;
    }
}
