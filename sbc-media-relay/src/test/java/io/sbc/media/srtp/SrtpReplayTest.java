package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 3711 §3.3.2 replay protection with a 64-packet window, for SRTP and SRTCP. */
class SrtpReplayTest {
    private static final int SSRC = 0x0BADCAFE;

    private static byte[][] protectRange(SrtpContext tx, int from, int to) {
        byte[][] out = new byte[to - from][];
        for (int s = from; s < to; s++) {
            byte[] p = Packets.rtp(s, SSRC, 40);
            int n = tx.protectRtp(p, 0, 52);
            out[s - from] = Arrays.copyOf(p, n);
        }
        return out;
    }

    private static int unprotect(SrtpContext rx, byte[] srtp) {
        byte[] c = srtp.clone();
        return rx.unprotectRtp(c, 0, c.length);
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM"})
    void rejectsDuplicateAndTooOldButAcceptsReorderedWithinWindow(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 5);
        SrtpContext rx = Packets.context(suite, 5);
        byte[][] p = protectRange(tx, 1000, 1200);

        assertEquals(52, unprotect(rx, p[0]));
        assertEquals(SrtpError.REPLAY, unprotect(rx, p[0]), "duplicate");

        assertEquals(52, unprotect(rx, p[100]));        // highest = 1100
        assertEquals(52, unprotect(rx, p[100 - 63]));   // 1037: oldest slot still inside the window
        assertEquals(SrtpError.REPLAY, unprotect(rx, p[100 - 63]), "duplicate inside window");
        assertEquals(SrtpError.REPLAY, unprotect(rx, p[100 - 64]), "1036 is older than the window");
        assertEquals(52, unprotect(rx, p[50]));         // 1050 unseen, inside the window
        assertEquals(52, unprotect(rx, p[199]));        // jump ahead by 99 clears the window
        assertEquals(SrtpError.REPLAY, unprotect(rx, p[100]), "1100 now outside the window");
        assertEquals(52, unprotect(rx, p[199 - 1]));

        assertEquals(4, rx.replays());
        assertEquals(6, rx.packetsUnprotected());
        assertEquals(0, rx.authFailures());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void forgedPacketDoesNotAdvanceTheWindow(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 6);
        SrtpContext rx = Packets.context(suite, 6);
        byte[][] p = protectRange(tx, 10, 20);
        assertEquals(52, unprotect(rx, p[0]));
        byte[] forged = p[9].clone();
        forged[2] = 0x70; // seq far ahead, tag no longer matches
        assertEquals(SrtpError.AUTH_FAILED, unprotect(rx, forged));
        for (int i = 1; i < 10; i++) {
            assertEquals(52, unprotect(rx, p[i]), "genuine packet " + i + " still accepted");
        }
        assertEquals(1, rx.authFailures());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void senderRefusesToReuseAnIndexBecauseThatWouldReuseKeystream(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 7);
        byte[] a = Packets.rtp(500, SSRC, 40);
        assertEquals(52 + suite.srtpOverhead(), tx.protectRtp(a, 0, 52));
        byte[] again = Packets.rtp(500, SSRC, 40);
        assertEquals(SrtpError.REPLAY, tx.protectRtp(again, 0, 52));
        assertEquals(1, tx.replays());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void srtcpRejectsReplayedIndex(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 8);
        SrtpContext rx = Packets.context(suite, 8);
        byte[][] sent = new byte[70][];
        for (int i = 0; i < sent.length; i++) {
            byte[] r = Packets.rtcp(SSRC, 32);
            int n = tx.protectRtcp(r, 0, 32);
            assertEquals(32 + suite.srtcpOverhead(), n);
            sent[i] = Arrays.copyOf(r, n);
        }
        assertEquals(32, rx.unprotectRtcp(sent[69].clone(), 0, sent[69].length));
        assertEquals(SrtpError.REPLAY, rx.unprotectRtcp(sent[69].clone(), 0, sent[69].length), "duplicate");
        assertEquals(32, rx.unprotectRtcp(sent[10].clone(), 0, sent[10].length), "index 11 inside window of 70");
        assertEquals(SrtpError.REPLAY, rx.unprotectRtcp(sent[0].clone(), 0, sent[0].length), "index 1 too old");
        assertEquals(2, rx.replays());
    }
}
