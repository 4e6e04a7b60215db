package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Any modification of a protected packet is rejected with a code, never an exception. */
class SrtpTamperingTest {
    private static final int SSRC = 0x5EED5EED;

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = "NULL_HMAC_SHA1_80", mode = EnumSource.Mode.EXCLUDE)
    void everySingleBitFlipOfAnSrtpPacketFailsAuthentication(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 9);
        byte[] p = Packets.rtp(4242, SSRC, 60);
        int n = tx.protectRtp(p, 0, 72);
        byte[] srtp = Arrays.copyOf(p, n);
        SrtpContext rx = Packets.context(suite, 9);
        for (int bit = 0; bit < n * 8; bit++) {
            byte[] t = srtp.clone();
            t[bit >>> 3] ^= (byte) (1 << (bit & 7));
            int r = rx.unprotectRtp(t, 0, n);
            assertTrue(r < 0, "bit " + bit + " accepted");
            // Version/CC/X bits change the header shape; everything else must reach the tag check.
            if (bit >= 8) {
                assertEquals(SrtpError.AUTH_FAILED, r, "bit " + bit);
            }
        }
        assertEquals(0, rx.packetsUnprotected());
        assertEquals(72, rx.unprotectRtp(srtp.clone(), 0, n), "original still verifies afterwards");
    }

    /**
     * AES-CM/HMAC unprotect hashes the ROC in place of the first 4 octets of MKI || tag and puts
     * them back; AES-GCM checks the tag before decrypting: a rejected packet must come out exactly as
     * it went in, with or without an MKI.
     */
    @ParameterizedTest
    @EnumSource(SrtpCryptoSuite.class)
    void aRejectedSrtpPacketIsLeftUnchangedIncludingItsTrailer(SrtpCryptoSuite suite) {
        for (byte[] mki : new byte[][] {new byte[0], {1}, {1, 2, 3, 4}}) {
            SrtpContext tx = new SrtpContext(suite, Packets.key(suite, 12), Packets.salt(suite, 12), mki, 8);
            SrtpContext rx = new SrtpContext(suite, Packets.key(suite, 12), Packets.salt(suite, 12), mki, 8);
            byte[] p = Packets.rtp(7, SSRC, 160);
            int n = tx.protectRtp(p, 0, 172);
            assertEquals(172 + suite.srtpOverhead() + mki.length, n, "mki " + mki.length);
            // Last tag octet: AES-CM puts MKI || tag, AES-GCM (as libsrtp) tag || MKI.
            int tagEnd = suite.name().startsWith("AEAD") ? n - 1 - mki.length : n - 1;
            p[tagEnd] ^= 0x40;
            byte[] before = p.clone();
            assertEquals(SrtpError.AUTH_FAILED, rx.unprotectRtp(p, 0, n), "mki " + mki.length);
            assertArrayEquals(before, p, "mki " + mki.length);
            p[tagEnd] ^= 0x40;
            assertEquals(172, rx.unprotectRtp(p, 0, n), "mki " + mki.length);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = "NULL_HMAC_SHA1_80", mode = EnumSource.Mode.EXCLUDE)
    void everySingleBitFlipOfAnSrtcpPacketIsRejected(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 10);
        byte[] r = Packets.rtcp(SSRC, 28);
        int n = tx.protectRtcp(r, 0, 28);
        byte[] srtcp = Arrays.copyOf(r, n);
        SrtpContext rx = Packets.context(suite, 10);
        for (int bit = 2; bit < n * 8; bit++) {
            byte[] t = srtcp.clone();
            t[bit >>> 3] ^= (byte) (1 << (bit & 7));
            assertTrue(rx.unprotectRtcp(t, 0, n) < 0, "bit " + bit + " accepted");
        }
        assertEquals(28, rx.unprotectRtcp(srtcp.clone(), 0, n));
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 20261121L, 0xC0FFEEL})
    void randomBytesAndTruncationsNeverThrow(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        for (SrtpCryptoSuite suite : SrtpCryptoSuite.values()) {
            SrtpContext rx = Packets.context(suite, 11);
            SrtpContext tx = Packets.context(suite, 11);
            for (int i = 0; i < 2000; i++) {
                int len = rnd.nextInt(0, 200);
                byte[] b = new byte[len + 40];
                rnd.nextBytes(b);
                if (rnd.nextBoolean() && len > 0) {
                    b[0] = (byte) ((b[0] & 0x3F) | 0x80); // make it look like version 2
                }
                int off = rnd.nextInt(0, 20);
                int l = Math.min(len, b.length - off);
                try {
                    int r1 = rx.unprotectRtp(b.clone(), off, l);
                    int r2 = rx.unprotectRtcp(b.clone(), off, l);
                    int r3 = tx.protectRtp(b.clone(), off, l);
                    int r4 = tx.protectRtcp(b.clone(), off, l);
                    assertTrue(r1 < 0 && r2 < 0, "random bytes authenticated");
                    assertTrue(r3 < 0 || r3 == l + suite.srtpOverhead());
                    assertTrue(r4 < 0 || r4 == l + suite.srtcpOverhead());
                } catch (RuntimeException e) {
                    throw new AssertionError("seed " + seed + " iteration " + i + " " + suite, e);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpCryptoSuite.class)
    void rejectsRegionsOutsideTheArrayAndMissingTrailerRoom(SrtpCryptoSuite suite) {
        SrtpContext ctx = Packets.context(suite, 12);
        byte[] exact = Arrays.copyOf(Packets.rtp(1, SSRC, 20), 32);
        assertEquals(SrtpError.BUFFER_TOO_SMALL, ctx.protectRtp(exact, 0, 32));
        assertEquals(SrtpError.TOO_SHORT, ctx.unprotectRtp(exact, 10, 32));
        assertEquals(SrtpError.TOO_SHORT, ctx.unprotectRtp(exact, -1, 20));
        assertEquals(SrtpError.TOO_SHORT, ctx.unprotectRtcp(exact, 0, 8));
        byte[] v1 = Packets.rtp(1, SSRC, 20);
        v1[0] = 0x40;
        assertEquals(SrtpError.MALFORMED, ctx.protectRtp(v1, 0, 32));
        byte[] cc = Packets.rtp(1, SSRC, 20);
        cc[0] = (byte) 0x8F; // 15 CSRCs = 60 octets of header in a 32-octet packet
        assertEquals(SrtpError.MALFORMED, ctx.protectRtp(cc, 0, 32));
        assertTrue(ctx.malformed() >= 5);
        assertEquals(1, ctx.otherErrors());
    }
    /** RFC 7714 §8.2/§9.2: a changed octet of the AAD, ciphertext or tag is rejected; nothing is decrypted. */
    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    void gcmRejectsAnyChangedOctetAndLeavesThePacketAsItWas(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 21);
        SrtpContext rx = Packets.context(suite, 21);
        byte[] p = Packets.rtp(99, SSRC, 40);
        int n = tx.protectRtp(p, 0, 52);
        assertEquals(52 + 16, n);
        byte[] r = Packets.rtcp(SSRC, 28);
        int m = tx.protectRtcp(r, 0, 28);
        assertEquals(28 + 16 + 4, m);
        // RTP: header (AAD) octets 12 on are not re-parsed as header; 12..51 ciphertext, 52..67 tag.
        for (int i = 0; i < n; i++) {
            if (i < 2 || (i >= 8 && i < 12)) {
                continue; // version/CC/X/M-PT change the header shape; SSRC changes the stream
            }
            byte[] t = p.clone();
            t[i] ^= (byte) 0x5A;
            byte[] before = t.clone();
            assertEquals(SrtpError.AUTH_FAILED, rx.unprotectRtp(t, 0, n), "RTP octet " + i);
            assertArrayEquals(before, t, "RTP octet " + i);
        }
        // SRTCP: 0..7 header (AAD), 8..27 ciphertext, 28..43 tag, 44..47 E||index (AAD).
        for (int i = 2; i < m; i++) {
            if (i >= 4 && i < 8) {
                continue; // SSRC selects the stream
            }
            byte[] t = r.clone();
            t[i] ^= (byte) 0x5A;
            byte[] before = t.clone();
            assertTrue(rx.unprotectRtcp(t, 0, m) < 0, "RTCP octet " + i);
            assertArrayEquals(before, t, "RTCP octet " + i);
        }
        assertEquals(52, rx.unprotectRtp(p, 0, n));
        assertEquals(28, rx.unprotectRtcp(r, 0, m));
    }
}
