package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SRTCP (RFC 3711 §3.4, RFC 7714 §9): index and E-bit, per-SSRC indexes, E=0 packets, index exhaustion. */
class SrtcpTest {
    private static final int SSRC_A = 0x0A0A0A0A;
    private static final int SSRC_B = 0x0B0B0B0B;

    private static int indexWord(SrtpContext ctx, byte[] srtcp, int len) {
        int at = ctx.suite().isAead() ? len - 4 : len - 4 - ctx.suite().srtcpTagLength();
        return SrtpTransform.getInt(srtcp, at);
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = "NULL_HMAC_SHA1_80", mode = EnumSource.Mode.EXCLUDE)
    void protectSetsTheEBitAndCountsTheIndexPerSsrcFromOne(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 40);
        SrtpContext rx = Packets.context(suite, 40);
        for (int i = 1; i <= 3; i++) {
            for (int ssrc : new int[] {SSRC_A, SSRC_B}) {
                byte[] r = Packets.rtcp(ssrc, 44);
                byte[] plain = Arrays.copyOf(r, 44);
                int n = tx.protectRtcp(r, 0, 44);
                assertEquals(44 + suite.srtcpOverhead(), n);
                assertEquals(0x8000_0000 | i, indexWord(tx, r, n), "E=1 and index " + i);
                assertEquals(44, rx.unprotectRtcp(r, 0, n));
                assertArrayEquals(plain, Arrays.copyOf(r, 44));
            }
        }
        assertEquals(6, rx.packetsUnprotected());
    }

    @Test
    void acceptsAnAuthenticatedButUnencryptedSrtcpPacketWithEZero() {
        SrtpCryptoSuite suite = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpKeyDerivation.SessionKeys keys =
                SrtpKeyDerivation.deriveAll(suite, Packets.key(suite, 41), Packets.salt(suite, 41));
        // A sender that only authenticates RTCP (RFC 3711 §3.4: E=0): same auth key, no cipher.
        AesCmHmacTransform authOnly = new AesCmHmacTransform(null, keys.rtcpSalt, keys.rtcpAuthKey, 10, new byte[0]);
        byte[] r = Packets.rtcp(SSRC_A, 28);
        byte[] plain = Arrays.copyOf(r, 28);
        int n = authOnly.protectRtcp(r, 0, 28, SSRC_A, 5);
        assertEquals(5, SrtpTransform.getInt(r, 28), "E=0");
        assertArrayEquals(plain, Arrays.copyOf(r, 28), "body left in the clear");

        SrtpContext rx = Packets.context(suite, 41);
        assertEquals(28, rx.unprotectRtcp(r, 0, n));
        assertArrayEquals(plain, Arrays.copyOf(r, 28));

        byte[] forged = Packets.rtcp(SSRC_A, 28);
        int m = authOnly.protectRtcp(forged, 0, 28, SSRC_A, 6);
        forged[12] ^= 0x01;
        assertEquals(SrtpError.AUTH_FAILED, rx.unprotectRtcp(forged, 0, m));
    }

    @Test
    void refusesToProtectBeyondTheLast31BitSrtcpIndex() {
        SrtpCryptoSuite suite = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = Packets.context(suite, 42);
        byte[] r = Packets.rtcp(SSRC_A, 28);
        assertEquals(42, tx.protectRtcp(r, 0, 28, 0x7FFF_FFFF));
        byte[] next = Packets.rtcp(SSRC_A, 28);
        assertEquals(SrtpError.KEY_EXHAUSTED, tx.protectRtcp(next, 0, 28));
        assertEquals(1, tx.otherErrors());
    }

    @Test
    void rejectsNonVersion2AndTruncatedSrtcp() {
        SrtpContext ctx = Packets.context(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, 43);
        byte[] r = Packets.rtcp(SSRC_A, 28);
        r[0] = 0x01;
        assertEquals(SrtpError.MALFORMED, ctx.protectRtcp(r, 0, 28));
        assertEquals(SrtpError.TOO_SHORT, ctx.unprotectRtcp(Packets.rtcp(SSRC_A, 28), 0, 21));
        assertEquals(2, ctx.malformed());
    }
}
