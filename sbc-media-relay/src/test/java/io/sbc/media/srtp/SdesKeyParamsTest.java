package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 4568 §6.1 key-params parsing, formatting and generation. */
class SdesKeyParamsTest {
    /** RFC 4568 §8.1 example key (AES_CM_128_HMAC_SHA1_80, lifetime 2^20, MKI 1:4). */
    private static final String RFC4568_EXAMPLE = "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4";

    @Test
    void parsesTheRfc4568ExampleWithLifetimeAndMki() {
        SdesKeyParams.Parsed p = SdesKeyParams.parse(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC4568_EXAMPLE);
        assertTrue(p.ok(), p.error());
        SdesKeyParams k = p.value();
        assertEquals(1L << 20, k.lifetime());
        assertTrue(k.hasMki());
        assertEquals(1, k.mki());
        assertEquals(4, k.mkiLength());
        byte[] raw = Base64.getDecoder().decode("PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR");
        assertArrayEquals(java.util.Arrays.copyOf(raw, 16), k.masterKey());
        assertArrayEquals(java.util.Arrays.copyOfRange(raw, 16, 30), k.masterSalt());
        assertEquals(RFC4568_EXAMPLE, k.format());
    }

    @ParameterizedTest
    @CsvSource({
        "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR, -1, 0",
        "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1048576, 1048576, 0",
        "inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|7:1, -1, 1",
    })
    void lifetimeAndMkiAreOptionalAndRoundTrip(String text, long lifetime, int mkiLength) {
        SdesKeyParams k = SdesKeyParams.parse(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, text).value();
        assertEquals(lifetime, k.lifetime());
        assertEquals(mkiLength, k.mkiLength());
        assertEquals(text, k.format());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtx; key length 27, expected 30",
        "AES_CM_128_HMAC_SHA1_80; uri:https://example.invalid/key; key method is not inline",
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkp*ywjNWhcYD0mXXtxaVBR; key is not valid base64",
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^49; lifetime exponent out of range 1..48",
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|abc; lifetime out of range 1..2^48",
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:200; MKI value or length out of range",
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|256:1; MKI value does not fit its length",
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|1:4|2^20; lifetime must precede MKI",
        "AES_CM_128_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:4|x; too many '|' fields",
        "AEAD_AES_128_GCM; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR; key length 30, expected 28",
        "NULL_HMAC_SHA1_80; inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR; unsupported crypto suite",
    })
    void reportsAReasonForMalformedKeyParams(String suite, String text, String reason) {
        SdesKeyParams.Parsed p = SdesKeyParams.parse(SrtpCryptoSuite.valueOf(suite), text);
        assertFalse(p.ok());
        assertNull(p.value());
        assertEquals(reason, p.error());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = "NULL_HMAC_SHA1_80", mode = EnumSource.Mode.EXCLUDE)
    void generatesFreshKeysOfTheSuiteLengthsThatParseBackAndWork(SrtpCryptoSuite suite) {
        SecureRandom rnd = new SecureRandom();
        SdesKeyParams a = SdesKeyParams.generate(suite, rnd);
        SdesKeyParams b = SdesKeyParams.generate(suite, rnd);
        assertFalse(a.sameKeys(b), "two generated keys differ");
        assertEquals(suite.masterKeyLength(), a.masterKey().length);
        assertEquals(suite.masterSaltLength(), a.masterSalt().length);
        SdesKeyParams back = SdesKeyParams.parse(suite, a.format()).value();
        assertEquals(a, back);
        SrtpContext tx = SrtpContext.fromSdes(a);
        SrtpContext rx = SrtpContext.fromSdes(back);
        byte[] p = Packets.rtp(1, 42, 100);
        assertEquals(112, rx.unprotectRtp(p, 0, tx.protectRtp(p, 0, 112)));
    }

    @Test
    void suiteNamesAreExactlyTheRfcNames() {
        assertSame(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, SrtpCryptoSuite.fromSdesName("AES_CM_128_HMAC_SHA1_80"));
        assertSame(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, SrtpCryptoSuite.fromSdesName("AES_CM_128_HMAC_SHA1_32"));
        assertSame(SrtpCryptoSuite.AEAD_AES_128_GCM, SrtpCryptoSuite.fromSdesName("AEAD_AES_128_GCM"));
        assertSame(SrtpCryptoSuite.AEAD_AES_256_GCM, SrtpCryptoSuite.fromSdesName("AEAD_AES_256_GCM"));
        assertSame(SrtpCryptoSuite.AES_256_CM_HMAC_SHA1_80, SrtpCryptoSuite.fromSdesName("AES_256_CM_HMAC_SHA1_80"));
        assertSame(SrtpCryptoSuite.AES_192_CM_HMAC_SHA1_80, SrtpCryptoSuite.fromSdesName("AES_192_CM_HMAC_SHA1_80"));
        assertNull(SrtpCryptoSuite.fromSdesName("aes_cm_128_hmac_sha1_80"));
        assertNull(SrtpCryptoSuite.fromSdesName("NULL_HMAC_SHA1_80"));
        assertNull(SrtpCryptoSuite.fromSdesName("F8_128_HMAC_SHA1_80"));
        assertSame(SrtpCryptoSuite.AEAD_AES_128_GCM, SrtpCryptoSuite.fromDtlsProfileId(0x0007));
    }

    @Test
    void toStringNeverRevealsKeyMaterial() {
        SdesKeyParams k = SdesKeyParams.parse(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC4568_EXAMPLE).value();
        String s = k.toString() + SdesKeyParams.parse(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, RFC4568_EXAMPLE);
        assertFalse(s.contains("PS1uQ"), s);
        assertTrue(s.contains("redacted"), s);
    }
}
