package io.sbc.media.srtp;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * RFC 3711 §4.3 key derivation: session keys from a master key and master salt with the AES-CM PRF
 * (§4.3.3), key derivation rate 0 (the only rate SDES and DTLS-SRTP use, RFC 4568 §6.1 default), so
 * every session key is derived once, when a context is created.
 *
 * <p>Runs at session set-up only; allocation here is fine. AES-192/256 master keys use AES-192/256
 * as the PRF (RFC 6188 §3). A 12-octet GCM master salt is right-padded with zeros to 14 octets
 * (libsrtp's behaviour; RFC 7714 §11 refers back to RFC 3711's KDF).
 */
public final class SrtpKeyDerivation {
    /** RFC 3711 §4.3.2 labels. */
    public static final int LABEL_RTP_ENCRYPTION = 0x00;
    public static final int LABEL_RTP_AUTH = 0x01;
    public static final int LABEL_RTP_SALT = 0x02;
    public static final int LABEL_RTCP_ENCRYPTION = 0x03;
    public static final int LABEL_RTCP_AUTH = 0x04;
    public static final int LABEL_RTCP_SALT = 0x05;

    private static final int PRF_SALT_LENGTH = 14;

    private SrtpKeyDerivation() {
    }

    /**
     * Derives {@code length} octets for {@code label} (RFC 3711 §4.3.1 with r = 0):
     * x = (label right-aligned at octet 7) XOR master_salt, output = AES-CM keystream from IV x·2^16.
     *
     * @throws IllegalArgumentException if the key is not 16/24/32 octets or the salt is longer than 14
     */
    public static byte[] derive(byte[] masterKey, byte[] masterSalt, int label, int length) {
        if (masterKey.length != 16 && masterKey.length != 24 && masterKey.length != 32) {
            throw new IllegalArgumentException("master key must be 16, 24 or 32 octets, was " + masterKey.length);
        }
        if (masterSalt.length > PRF_SALT_LENGTH) {
            throw new IllegalArgumentException("master salt longer than 14 octets: " + masterSalt.length);
        }
        byte[] iv = new byte[16];
        System.arraycopy(masterSalt, 0, iv, 0, masterSalt.length);
        // key_id = label || r (48-bit r = 0) is 7 octets, right-aligned with the 14-octet salt.
        iv[7] ^= (byte) label;
        int blocks = (length + 15) / 16;
        byte[] counters = new byte[blocks * 16];
        for (int j = 0; j < blocks; j++) {
            System.arraycopy(iv, 0, counters, j * 16, 14);
            counters[j * 16 + 14] = (byte) (j >>> 8);
            counters[j * 16 + 15] = (byte) j;
        }
        try {
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"));
            byte[] stream = ecb.doFinal(counters);
            byte[] out = new byte[length];
            System.arraycopy(stream, 0, out, 0, length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB unavailable in this JRE", e);
        }
    }

    /** Derives the six session values a context needs for {@code suite}. */
    public static SessionKeys deriveAll(SrtpCryptoSuite suite, byte[] masterKey, byte[] masterSalt) {
        if (masterKey.length != suite.masterKeyLength() || masterSalt.length != suite.masterSaltLength()) {
            throw new IllegalArgumentException("key/salt length does not match " + suite);
        }
        int kl = suite.sessionKeyLength();
        int sl = suite.sessionSaltLength();
        int al = suite.sessionAuthKeyLength();
        return new SessionKeys(
                derive(masterKey, masterSalt, LABEL_RTP_ENCRYPTION, kl),
                derive(masterKey, masterSalt, LABEL_RTP_SALT, sl),
                al == 0 ? new byte[0] : derive(masterKey, masterSalt, LABEL_RTP_AUTH, al),
                derive(masterKey, masterSalt, LABEL_RTCP_ENCRYPTION, kl),
                derive(masterKey, masterSalt, LABEL_RTCP_SALT, sl),
                al == 0 ? new byte[0] : derive(masterKey, masterSalt, LABEL_RTCP_AUTH, al));
    }

    /**
     * Session keys for one crypto context: RTP and RTCP each get their own cipher key, salt and
     * authentication key (empty for AEAD suites). Arrays are owned by the holder; not for logging.
     */
    public static final class SessionKeys {
        final byte[] rtpKey;
        final byte[] rtpSalt;
        final byte[] rtpAuthKey;
        final byte[] rtcpKey;
        final byte[] rtcpSalt;
        final byte[] rtcpAuthKey;

        public SessionKeys(byte[] rtpKey, byte[] rtpSalt, byte[] rtpAuthKey,
                           byte[] rtcpKey, byte[] rtcpSalt, byte[] rtcpAuthKey) {
            this.rtpKey = rtpKey.clone();
            this.rtpSalt = rtpSalt.clone();
            this.rtpAuthKey = rtpAuthKey.clone();
            this.rtcpKey = rtcpKey.clone();
            this.rtcpSalt = rtcpSalt.clone();
            this.rtcpAuthKey = rtcpAuthKey.clone();
        }

        @Override
        public String toString() {
            return "SessionKeys[redacted]";
        }
    }
}
