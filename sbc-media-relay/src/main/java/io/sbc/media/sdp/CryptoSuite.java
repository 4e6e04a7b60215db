package io.sbc.media.sdp;

/**
 * SRTP crypto suites usable in SDES a=crypto (RFC 4568 §6.2, RFC 6188, RFC 7714 §12) with the
 * length of the inline key‖salt they carry.
 */
public enum CryptoSuite {
    /** RFC 4568 §6.2.1: 128-bit key + 112-bit salt. */
    AES_CM_128_HMAC_SHA1_80(30),
    /** RFC 4568 §6.2.2. */
    AES_CM_128_HMAC_SHA1_32(30),
    /** RFC 7714 §12: 128-bit key + 96-bit salt. */
    AEAD_AES_128_GCM(28),
    /** RFC 7714 §12: 256-bit key + 96-bit salt. */
    AEAD_AES_256_GCM(44);

    private final int keySaltBytes;

    CryptoSuite(int keySaltBytes) {
        this.keySaltBytes = keySaltBytes;
    }

    public int keySaltBytes() {
        return keySaltBytes;
    }

    /** The suite with this exact SDP name, or null. */
    public static CryptoSuite byName(String name) {
        for (CryptoSuite s : values()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }
}
