package io.sbc.media.srtp;

/**
 * SRTP crypto suites, named exactly as SDES (RFC 4568 §6.2, RFC 6188 §7.1, RFC 7714 §12) writes them
 * in {@code a=crypto} lines. Lengths are in octets.
 *
 * <p>HMAC-SHA1 suites authenticate SRTCP with an 80-bit tag even for the {@code _32} suite
 * (RFC 4568 §6.2.2, RFC 3711 §5.2). AEAD suites use a 16-octet GCM tag and a 12-octet master salt
 * (RFC 7714 §12); the RFC 3711 §4.3 key derivation is applied with that salt right-padded to 14
 * octets, which is what libsrtp does and what its test vectors encode.
 */
public enum SrtpCryptoSuite {
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", Cipher.AES_CM, 16, 14, 10, 10, 0x0001),
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", Cipher.AES_CM, 16, 14, 4, 10, 0x0002),
    /** RFC 6188. */
    AES_192_CM_HMAC_SHA1_80("AES_192_CM_HMAC_SHA1_80", Cipher.AES_CM, 24, 14, 10, 10, 0),
    /** RFC 6188. */
    AES_256_CM_HMAC_SHA1_80("AES_256_CM_HMAC_SHA1_80", Cipher.AES_CM, 32, 14, 10, 10, 0),
    AEAD_AES_128_GCM("AEAD_AES_128_GCM", Cipher.AES_GCM, 16, 12, 16, 16, 0x0007),
    AEAD_AES_256_GCM("AEAD_AES_256_GCM", Cipher.AES_GCM, 32, 12, 16, 16, 0x0008),
    /**
     * Authentication without encryption (libsrtp's NULL cipher). No SDES name: it is never offered or
     * accepted in SDP (RFC 4568 expresses it as the UNENCRYPTED_SRTP session parameter instead); it
     * exists for known-answer tests against libsrtp's reference packets.
     */
    NULL_HMAC_SHA1_80(null, Cipher.NULL, 16, 14, 10, 10, 0);

    /** Which packet transform a suite uses. */
    public enum Cipher { AES_CM, AES_GCM, NULL }

    private final String sdesName;
    private final Cipher cipher;
    private final int masterKeyLength;
    private final int masterSaltLength;
    private final int srtpTagLength;
    private final int srtcpTagLength;
    private final int dtlsProfileId;

    SrtpCryptoSuite(String sdesName, Cipher cipher, int masterKeyLength, int masterSaltLength,
                    int srtpTagLength, int srtcpTagLength, int dtlsProfileId) {
        this.sdesName = sdesName;
        this.cipher = cipher;
        this.masterKeyLength = masterKeyLength;
        this.masterSaltLength = masterSaltLength;
        this.srtpTagLength = srtpTagLength;
        this.srtcpTagLength = srtcpTagLength;
        this.dtlsProfileId = dtlsProfileId;
    }

    /** Name as written in {@code a=crypto}, or {@code null} if the suite is not negotiable in SDP. */
    public String sdesName() { return sdesName; }

    public Cipher cipher() { return cipher; }

    public boolean isAead() { return cipher == Cipher.AES_GCM; }

    public int masterKeyLength() { return masterKeyLength; }

    public int masterSaltLength() { return masterSaltLength; }

    /** Session encryption key length (RFC 3711 §4.3.2: equal to the master key length). */
    public int sessionKeyLength() { return masterKeyLength; }

    /** Session salt length: 14 for AES-CM (112 bits), 12 for GCM (RFC 7714 §12). */
    public int sessionSaltLength() { return masterSaltLength; }

    /** HMAC-SHA1 session authentication key length; 0 for AEAD suites. */
    public int sessionAuthKeyLength() { return isAead() ? 0 : 20; }

    /** Octets added after the RTP payload: the authentication tag (or GCM tag). */
    public int srtpTagLength() { return srtpTagLength; }

    /** Authentication (or GCM) tag length of SRTCP packets. */
    public int srtcpTagLength() { return srtcpTagLength; }

    /** Octets SRTP protection adds to an RTP packet. */
    public int srtpOverhead() { return srtpTagLength; }

    /** Octets SRTCP protection adds to an RTCP packet: E-flag/index word plus tag (RFC 3711 §3.4). */
    public int srtcpOverhead() { return 4 + srtcpTagLength; }

    /** DTLS-SRTP protection profile (RFC 5764 §4.1.2, RFC 7714 §14.2), or 0 if none is assigned here. */
    public int dtlsProfileId() { return dtlsProfileId; }

    /** Length of the SDES inline key material: master key followed by master salt. */
    public int keySaltLength() { return masterKeyLength + masterSaltLength; }

    /**
     * Looks a suite up by its SDES name (exact, case-sensitive as in RFC 4568's grammar).
     *
     * @return the suite, or {@code null} if unknown or not negotiable in SDP
     */
    public static SrtpCryptoSuite fromSdesName(CharSequence name) {
        if (name == null) {
            return null;
        }
        for (SrtpCryptoSuite s : VALUES) {
            if (s.sdesName != null && s.sdesName.contentEquals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Looks a suite up by DTLS-SRTP profile id; {@code null} if unknown. */
    public static SrtpCryptoSuite fromDtlsProfileId(int id) {
        for (SrtpCryptoSuite s : VALUES) {
            if (s.dtlsProfileId != 0 && s.dtlsProfileId == id) {
                return s;
            }
        }
        return null;
    }

    private static final SrtpCryptoSuite[] VALUES = values();
}
