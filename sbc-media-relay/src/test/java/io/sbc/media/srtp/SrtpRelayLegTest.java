package io.sbc.media.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The per-leg combinations the relay needs: RTP→SRTP, SRTP→RTP and SRTP→SRTP re-keyed, plus hold/resume
 * and re-offers keeping contexts.
 */
class SrtpRelayLegTest {
    private static final int SSRC = 0x01020304;

    private static byte[] plain(int seq) {
        return Arrays.copyOf(Packets.rtp(seq, SSRC, 160), 172);
    }

    @Test
    void rtpToSrtpLegIsReadableByTheSrtpPeer() {
        SrtpCryptoSuite s = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext relayOut = Packets.context(s, 20);
        SrtpContext peerIn = Packets.context(s, 20);
        for (int seq = 100; seq < 110; seq++) {
            byte[] buf = Packets.rtp(seq, SSRC, 160);
            int n = relayOut.protectRtp(buf, 0, 172);
            assertEquals(182, n);
            assertEquals(172, peerIn.unprotectRtp(buf, 0, n));
            assertArrayEquals(plain(seq), Arrays.copyOf(buf, 172));
        }
    }

    @Test
    void srtpToSrtpReKeysBetweenLegsWithDifferentSuites() {
        SrtpCryptoSuite a = SrtpCryptoSuite.AEAD_AES_128_GCM;
        SrtpCryptoSuite b = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32;
        SrtpContext callerOut = Packets.context(a, 21);
        SrtpContext relayInA = Packets.context(a, 21);
        SrtpContext relayOutB = Packets.context(b, 22);
        SrtpContext calleeIn = Packets.context(b, 22);
        for (int seq = 7; seq < 20; seq++) {
            byte[] buf = Packets.rtp(seq, SSRC, 160);
            int n = callerOut.protectRtp(buf, 0, 172);
            n = relayInA.unprotectRtp(buf, 0, n);       // SRTP → RTP (leg A keys)
            assertEquals(172, n);
            n = relayOutB.protectRtp(buf, 0, n);        // RTP → SRTP (leg B keys)
            assertEquals(176, n);
            assertEquals(172, calleeIn.unprotectRtp(buf, 0, n));
            assertArrayEquals(plain(seq), Arrays.copyOf(buf, 172));
        }
        byte[] rtcp = Packets.rtcp(SSRC, 52);
        byte[] expected = Arrays.copyOf(rtcp, 52);
        int n = callerOut.protectRtcp(rtcp, 0, 52);
        n = relayInA.unprotectRtcp(rtcp, 0, n);
        n = relayOutB.protectRtcp(rtcp, 0, n);
        assertEquals(52, calleeIn.unprotectRtcp(rtcp, 0, n));
        assertArrayEquals(expected, Arrays.copyOf(rtcp, 52));
        // The relay must not forward leg A's ciphertext: leg B's keys are different.
        byte[] leak = Packets.rtp(30, SSRC, 160);
        int ln = callerOut.protectRtp(leak, 0, 172);
        assertTrue(calleeIn.unprotectRtp(leak, 0, ln) < 0);
    }

    @Test
    void contextKeepsWorkingAcrossHoldAndResumeWithSequenceGapAndNewSsrc() {
        SrtpCryptoSuite s = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = Packets.context(s, 23);
        SrtpContext rx = Packets.context(s, 23);
        for (int seq = 60000; seq < 60050; seq++) {
            byte[] b = Packets.rtp(seq, SSRC, 160);
            assertEquals(172, rx.unprotectRtp(b, 0, tx.protectRtp(b, 0, 172)));
        }
        // Hold: media stops (or a=sendonly sends nothing) for minutes; the context has no timers.
        // Resume: the UA continues its sequence space after a gap that crosses the wrap.
        for (int i = 0; i < 50; i++) {
            int seq = (60050 + 9000 + i) & 0xFFFF;
            byte[] b = Packets.rtp(seq, SSRC, 160);
            assertEquals(172, rx.unprotectRtp(b, 0, tx.protectRtp(b, 0, 172)), "resumed seq " + seq);
        }
        // Some UAs pick a new SSRC on resume: a second per-SSRC state starts at ROC 0.
        int newSsrc = 0x7E57AB1E;
        for (int seq = 3; seq < 10; seq++) {
            byte[] b = Packets.rtp(seq, newSsrc, 160);
            assertEquals(172, rx.unprotectRtp(b, 0, tx.protectRtp(b, 0, 172)));
        }
        assertEquals(2, rx.rtpSsrcCount());
        assertEquals(0, rx.authFailures() + rx.replays());
    }

    @Test
    void reOfferWithSameKeysKeepsTheContextAndNewKeysDoNot() {
        SrtpCryptoSuite s = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SdesKeyParams offered = SdesKeyParams.of(s, Packets.key(s, 24), Packets.salt(s, 24));
        SrtpContext ctx = SrtpContext.fromSdes(offered);
        SdesKeyParams reOffer = SdesKeyParams.parse(s, offered.format()).value();
        assertTrue(ctx.usesKeys(reOffer.suite(), reOffer.masterKey(), reOffer.masterSalt()));
        assertTrue(offered.sameKeys(reOffer));
        SdesKeyParams changed = SdesKeyParams.of(s, Packets.key(s, 25), Packets.salt(s, 24));
        assertFalse(ctx.usesKeys(changed.suite(), changed.masterKey(), changed.masterSalt()));
        assertFalse(ctx.usesKeys(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_32, reOffer.masterKey(), reOffer.masterSalt()));
    }

    @Test
    void boundsTheNumberOfSsrcsAndCountsTheDrops() {
        SrtpCryptoSuite s = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = new SrtpContext(s, Packets.key(s, 26), Packets.salt(s, 26), 64);
        SrtpContext rx = new SrtpContext(s, Packets.key(s, 26), Packets.salt(s, 26), 4);
        SrtpContext attackerTx = Packets.context(s, 99);
        // Forged packets of new SSRCs must not take slots.
        for (int i = 0; i < 10; i++) {
            byte[] f = Packets.rtp(1, 0x1000 + i, 20);
            assertEquals(SrtpError.AUTH_FAILED, rx.unprotectRtp(f, 0, attackerTx.protectRtp(f, 0, 32)));
        }
        for (int i = 0; i < 6; i++) {
            byte[] b = Packets.rtp(1, 0x2000 + i, 20);
            int r = rx.unprotectRtp(b, 0, tx.protectRtp(b, 0, 32));
            assertEquals(i < 4 ? 32 : SrtpError.SSRC_LIMIT, r, "ssrc #" + i);
        }
        assertEquals(4, rx.rtpSsrcCount());
        assertEquals(2, rx.ssrcLimitDrops());
        assertEquals(10, rx.authFailures());
    }

    @Test
    void directAndHeapByteBuffersGiveTheSameResultAsArrays() {
        SrtpCryptoSuite s = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext txArray = Packets.context(s, 27);
        SrtpContext txDirect = Packets.context(s, 27);
        SrtpContext rxHeap = Packets.context(s, 27);
        byte[] a = Packets.rtp(77, SSRC, 160);
        int n = txArray.protectRtp(a, 0, 172);

        ByteBuffer direct = ByteBuffer.allocateDirect(400);
        direct.put(50, plain(77));
        assertEquals(n, txDirect.protectRtp(direct, 50, 172));
        byte[] fromDirect = new byte[n];
        direct.get(50, fromDirect);
        assertArrayEquals(Arrays.copyOf(a, n), fromDirect);

        ByteBuffer heap = ByteBuffer.wrap(new byte[600], 100, 300).slice();
        heap.put(5, fromDirect);
        assertEquals(172, rxHeap.unprotectRtp(heap, 5, n));
        byte[] back = new byte[172];
        heap.get(5, back);
        assertArrayEquals(plain(77), back);

        ByteBuffer tight = ByteBuffer.allocateDirect(180);
        tight.put(0, plain(78));
        assertEquals(SrtpError.BUFFER_TOO_SMALL, txDirect.protectRtp(tight, 0, 172));
        ByteBuffer readOnly = ByteBuffer.wrap(Packets.rtp(79, SSRC, 160)).asReadOnlyBuffer();
        assertEquals(SrtpError.BUFFER_TOO_SMALL, txDirect.protectRtp(readOnly, 0, 172));
    }

    @Test
    void nettyDirectAndHeapByteBufsRoundTripWithoutTouchingIndexes() {
        SrtpCryptoSuite s = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SrtpContext tx = Packets.context(s, 28);
        SrtpContext rx = Packets.context(s, 28);
        ByteBuf direct = PooledByteBufAllocator.DEFAULT.directBuffer(2048);
        ByteBuf heap = Unpooled.buffer(2048);
        try {
            direct.writeBytes(plain(90));
            int n = tx.protectRtp(direct, 0, 172);
            assertEquals(182, n);
            assertEquals(172, direct.writerIndex(), "caller owns the indexes");
            heap.writerIndex(10);
            heap.writeBytes(direct, 0, n);
            assertEquals(172, rx.unprotectRtp(heap, 10, n));
            byte[] back = new byte[172];
            heap.getBytes(10, back);
            assertArrayEquals(plain(90), back);

            ByteBuf small = Unpooled.directBuffer(176, 176);
            small.writeBytes(plain(91));
            assertEquals(SrtpError.BUFFER_TOO_SMALL, tx.protectRtp(small, 0, 172));
            small.release();
        } finally {
            direct.release();
            heap.release();
        }
    }

    @Test
    void mkiIsCarriedAndAPacketWithAnotherMkiIsRejectedAsUnknown() {
        SrtpCryptoSuite s = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SdesKeyParams k1 = SdesKeyParams.parse(s, SdesKeyParams.of(s, Packets.key(s, 29), Packets.salt(s, 29)).format() + "|1:2").value();
        SdesKeyParams k2 = SdesKeyParams.parse(s, SdesKeyParams.of(s, Packets.key(s, 29), Packets.salt(s, 29)).format() + "|2:2").value();
        SrtpContext tx1 = SrtpContext.fromSdes(k1);
        SrtpContext tx2 = SrtpContext.fromSdes(k2);
        SrtpContext rx = SrtpContext.fromSdes(k1);
        assertEquals(12, tx1.srtpOverhead());
        assertEquals(16, tx1.srtcpOverhead());
        byte[] b = Packets.rtp(5, SSRC, 160);
        int n = tx1.protectRtp(b, 0, 172);
        assertEquals(184, n);
        assertEquals(0, b[172]);
        assertEquals(1, b[173]);
        assertEquals(172, rx.unprotectRtp(b, 0, n));
        byte[] other = Packets.rtp(6, SSRC, 160);
        assertEquals(SrtpError.UNKNOWN_MKI, rx.unprotectRtp(other, 0, tx2.protectRtp(other, 0, 172)));
        assertEquals(1, rx.authFailures());
        assertTrue(rx.usesKeys(k1));
        assertFalse(rx.usesKeys(k2), "same key, different MKI: packets differ, so the context must change");
    }
}
