package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** RFC 3711 §3.3.1 / Appendix A: ROC increments when SEQ wraps, also with reordering around the wrap. */
class SrtpRolloverTest {
    private static final int SSRC = 0x11223344;

    private static byte[] protect(SrtpContext tx, int seq) {
        byte[] p = Packets.rtp(seq, SSRC, 160);
        int n = tx.protectRtp(p, 0, 172);
        assertEquals(172 + tx.suite().srtpOverhead(), n, "protect seq " + seq);
        return Arrays.copyOf(p, n);
    }

    private static void assertUnprotects(SrtpContext rx, byte[] srtp, int seq) {
        byte[] copy = srtp.clone();
        int n = rx.unprotectRtp(copy, 0, copy.length);
        assertEquals(172, n, "unprotect seq " + seq + ": " + SrtpError.reason(n));
        assertArrayEquals(Arrays.copyOf(Packets.rtp(seq, SSRC, 160), 172), Arrays.copyOf(copy, 172));
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AEAD_AES_128_GCM"})
    void rocIncrementsWhenSequenceWrapsFrom65535To0(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 1);
        SrtpContext rx = Packets.context(suite, 1);
        for (int i = 65530; i < 65536 + 6; i++) {
            int seq = i & 0xFFFF;
            assertUnprotects(rx, protect(tx, seq), seq);
        }
        // A packet protected after the wrap carries ROC 1; a receiver that never saw the wrap
        // (ROC 0) derives a different IV/auth input and must reject it.
        byte[] afterWrap = protect(tx, 6);
        SrtpContext fresh = Packets.context(suite, 1);
        assertEquals(SrtpError.AUTH_FAILED, fresh.unprotectRtp(afterWrap.clone(), 0, afterWrap.length));
        assertUnprotects(rx, afterWrap, 6);
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"})
    void reorderedPacketsAroundTheWrapUseTheRightRoc(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 2);
        SrtpContext rx = Packets.context(suite, 2);
        int[] sendOrder = {65532, 65533, 65534, 65535, 0, 1, 2, 3};
        byte[][] sent = new byte[sendOrder.length][];
        for (int i = 0; i < sendOrder.length; i++) {
            sent[i] = protect(tx, sendOrder[i]);
        }
        // Arrival order: 65532, 65534, 1, 65535 (late, ROC 0 after ROC moved to 1), 0, 3, 2, 65533
        int[] arrival = {0, 2, 5, 3, 4, 7, 6, 1};
        for (int a : arrival) {
            assertUnprotects(rx, sent[a], sendOrder[a]);
        }
        assertEquals(8, rx.packetsUnprotected());
        assertEquals(0, rx.authFailures());
    }

    @ParameterizedTest
    @EnumSource(value = SrtpCryptoSuite.class, names = {"AES_CM_128_HMAC_SHA1_80"})
    void survivesSeveralRolloversInALongCall(SrtpCryptoSuite suite) {
        SrtpContext tx = Packets.context(suite, 3);
        SrtpContext rx = Packets.context(suite, 3);
        byte[] p = new byte[12 + 20 + Packets.ROOM];
        for (int i = 0; i < 3 * 65536 + 10; i += 7) {
            byte[] rtp = Packets.rtp(i & 0xFFFF, SSRC, 20);
            int n = tx.protectRtp(rtp, 0, 32);
            assertEquals(42, n);
            System.arraycopy(rtp, 0, p, 0, n);
            assertEquals(32, rx.unprotectRtp(p, 0, n), "packet " + i);
        }
    }
}
