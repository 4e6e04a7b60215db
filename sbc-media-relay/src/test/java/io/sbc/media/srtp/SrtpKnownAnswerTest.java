package io.sbc.media.srtp;

import static io.sbc.media.srtp.Hex.bytes;
import static io.sbc.media.srtp.Hex.hex;
import static io.sbc.media.srtp.SrtpVectors.map;
import static io.sbc.media.srtp.SrtpVectors.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every vector of srtp_vectors.json: RFC 3711 B.2/B.3, RFC 7714 §16/§17, libsrtp srtp_driver.c packets. */
class SrtpKnownAnswerTest {

    @Test
    @SuppressWarnings("unchecked")
    void aesCmKeystreamMatchesRfc3711AppendixB2() {
        Map<String, Object> v = SrtpVectors.section("rfc3711_B2_aes_cm_keystream");
        AesCounterMode cm = new AesCounterMode(bytes(str(v, "session_key")), bytes(str(v, "session_salt")));
        cm.setIv(0, 0);
        byte[] stream = new byte[0xFF02 * 16];
        cm.keystream(stream, 0, stream.length);
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) v.get("blocks");
        assertEquals(6, blocks.size());
        for (Map<String, Object> b : blocks) {
            String counter = str(b, "counter");
            assertTrue(counter.startsWith(str(v, "session_salt")), "counter block starts with the salt");
            int block = Integer.parseInt(counter.substring(28), 16);
            assertEquals(str(b, "keystream"), hex(stream, block * 16, 16), "keystream block " + block);
        }
    }

    @Test
    void keyDerivationMatchesRfc3711AppendixB3() {
        Map<String, Object> v = SrtpVectors.section("rfc3711_B3_key_derivation");
        byte[] key = bytes(str(v, "master_key"));
        byte[] salt = bytes(str(v, "master_salt"));
        assertEquals(str(v, "cipher_key_label0"),
                hex(SrtpKeyDerivation.derive(key, salt, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16), 0, 16));
        assertEquals(str(v, "cipher_salt_label2"),
                hex(SrtpKeyDerivation.derive(key, salt, SrtpKeyDerivation.LABEL_RTP_SALT, 14), 0, 14));
        assertEquals(str(v, "auth_key_label1_94_octets"),
                hex(SrtpKeyDerivation.derive(key, salt, SrtpKeyDerivation.LABEL_RTP_AUTH, 94), 0, 94));
    }

    static Stream<String> gcmKeySizes() {
        return Stream.of("128", "256");
    }

    private static SrtpContext rfc7714Context(String bits) {
        Map<String, Object> v = SrtpVectors.section("rfc7714_aead_aes_gcm");
        byte[] key = bytes(str(v, "session_key_" + bits));
        byte[] salt = bytes(str(v, "session_salt"));
        SrtpCryptoSuite suite = bits.equals("128") ? SrtpCryptoSuite.AEAD_AES_128_GCM : SrtpCryptoSuite.AEAD_AES_256_GCM;
        return SrtpContext.withSessionKeys(suite, new SrtpKeyDerivation.SessionKeys(key, salt, new byte[0], key, salt, new byte[0]));
    }

    @ParameterizedTest
    @MethodSource("gcmKeySizes")
    void gcmSrtpMatchesRfc7714Section16(String bits) {
        Map<String, Object> srtp = map(SrtpVectors.section("rfc7714_aead_aes_gcm"), "srtp");
        String expected = str(srtp, bits.equals("128") ? "srtp_aes128gcm_s16_1_1" : "srtp_aes256gcm_s16_2_1");
        String plain = str(srtp, "rtp_plain");

        byte[] buf = Hex.padded(plain, 0, 16);
        int n = rfc7714Context(bits).protectRtp(buf, 0, plain.length() / 2);
        assertEquals(expected, hex(buf, 0, n));

        byte[] in = bytes(expected);
        int m = rfc7714Context(bits).unprotectRtp(in, 0, in.length);
        assertEquals(plain, hex(in, 0, m));
    }

    @ParameterizedTest
    @MethodSource("gcmKeySizes")
    void gcmSrtcpMatchesRfc7714Section17(String bits) {
        Map<String, Object> srtcp = map(SrtpVectors.section("rfc7714_aead_aes_gcm"), "srtcp");
        String expected = str(srtcp, bits.equals("128") ? "srtcp_aes128gcm_s17_1" : "srtcp_aes256gcm_s17_2");
        String plain = str(srtcp, "rtcp_plain");
        int index = Integer.parseInt(str(srtcp, "srtcp_index"), 16);

        byte[] buf = Hex.padded(plain, 0, 20);
        int n = rfc7714Context(bits).protectRtcp(buf, 0, plain.length() / 2, index);
        assertEquals(expected, hex(buf, 0, n));

        byte[] in = bytes(expected);
        int m = rfc7714Context(bits).unprotectRtcp(in, 0, in.length);
        assertEquals(plain, hex(in, 0, m));
    }

    @Test
    void gcmSrtcpAuthenticateOnlyPacketUnprotectsPerRfc7714Section17_3() {
        Map<String, Object> srtcp = map(SrtpVectors.section("rfc7714_aead_aes_gcm"), "srtcp");
        byte[] in = bytes(str(srtcp, "srtcp_aes128gcm_tag_only_E0_s17_3"));
        SrtpContext ctx = rfc7714Context("128");
        int m = ctx.unprotectRtcp(in, 0, in.length);
        assertEquals(str(srtcp, "rtcp_plain"), hex(in, 0, Math.max(m, 0)));

        byte[] tampered = bytes(str(srtcp, "srtcp_aes128gcm_tag_only_E0_s17_3"));
        tampered[20] ^= 1;
        assertEquals(SrtpError.AUTH_FAILED, rfc7714Context("128").unprotectRtcp(tampered, 0, tampered.length));
    }

    static Stream<Map<String, Object>> libsrtpCases() {
        return SrtpVectors.libsrtpCases().stream();
    }

    private static SrtpContext libsrtpContext(Map<String, Object> c) {
        return new SrtpContext(SrtpCryptoSuite.valueOf(str(c, "profile")),
                bytes(str(c, "master_key")), bytes(str(c, "master_salt")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("libsrtpCases")
    void protectsAndUnprotectsLibsrtpReferencePackets(Map<String, Object> c) {
        String plain = str(c, "rtp_plain");
        String expected = str(c, "srtp_protected");
        byte[] buf = Hex.padded(plain, 3, 16);
        int n = libsrtpContext(c).protectRtp(buf, 3, plain.length() / 2);
        assertEquals(expected, hex(buf, 3, n), "SRTP protect");

        byte[] in = bytes(expected);
        int m = libsrtpContext(c).unprotectRtp(in, 0, in.length);
        assertEquals(plain, hex(in, 0, Math.max(m, 0)), "SRTP unprotect");

        if (c.get("srtcp_protected") != null) {
            String rtcpPlain = str(c, "rtcp_plain");
            String rtcpExpected = str(c, "srtcp_protected");
            assertEquals(1L, c.get("srtcp_index"));
            byte[] rb = Hex.padded(rtcpPlain, 0, 20);
            // The context's first SRTCP index is 1, as in libsrtp.
            int rn = libsrtpContext(c).protectRtcp(rb, 0, rtcpPlain.length() / 2);
            assertEquals(rtcpExpected, hex(rb, 0, rn), "SRTCP protect");

            byte[] rin = bytes(rtcpExpected);
            int rm = libsrtpContext(c).unprotectRtcp(rin, 0, rin.length);
            assertEquals(rtcpPlain, hex(rin, 0, Math.max(rm, 0)), "SRTCP unprotect");
        }
        if (c.get("derived_rtp_session_key") != null) {
            byte[] key = bytes(str(c, "master_key"));
            byte[] salt = bytes(str(c, "master_salt"));
            assertEquals(str(c, "derived_rtp_session_key"),
                    hex(SrtpKeyDerivation.derive(key, salt, SrtpKeyDerivation.LABEL_RTP_ENCRYPTION, 16), 0, 16));
            assertEquals(str(c, "derived_rtp_session_salt"),
                    hex(SrtpKeyDerivation.derive(key, salt, SrtpKeyDerivation.LABEL_RTP_SALT, 12), 0, 12));
        }
    }

    @Test
    void everyLibsrtpProfileInTheVectorsIsASupportedSuite() {
        assertEquals(5, SrtpVectors.libsrtpCases().size());
        for (Map<String, Object> c : SrtpVectors.libsrtpCases()) {
            SrtpCryptoSuite s = SrtpCryptoSuite.valueOf(str(c, "profile"));
            assertEquals(s.masterKeyLength(), bytes(str(c, "master_key")).length, s.name());
            assertEquals(s.masterSaltLength(), bytes(str(c, "master_salt")).length, s.name());
        }
    }
}
