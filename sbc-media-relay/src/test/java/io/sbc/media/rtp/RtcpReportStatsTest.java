package io.sbc.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtcpReportStatsTest {

    @Test
    void readsSenderReportFiguresAndReturnsNtpMiddleBits() {
        RtcpReportStats s = new RtcpReportStats();
        byte[] sr = TestPackets.senderReport(5, 0x1234_5678L, 0x9ABC_DEF0L, 1000, 500, 80_000, 64, 12, 40, 0, 0);
        long middle = s.onReceived(sr, 0, sr.length, 0);
        assertEquals(0x5678_9ABCL, middle);
        assertEquals(500, s.senderPacketCount());
        assertEquals(80_000, s.senderOctetCount());
        assertEquals(64, s.fractionLost());
        assertEquals(12, s.cumulativeLost());
        assertEquals(40, s.jitterRtpUnits());
        assertEquals(1, s.senderReports());
    }

    @Test
    void computesRoundTripFromLsrAndDlsrOfAForwardedSenderReport() {
        RtcpReportStats peer = new RtcpReportStats();
        long sentAt = 1_000_000_000L;
        peer.onSenderReportForwarded(0x5678_9ABCL, sentAt);
        // Peer held it for 0.5 s (DLSR 32768/65536 s) and the RR arrived 0.54 s after the SR left.
        byte[] rr = TestPackets.receiverReport(6, 0, 0, 0, 0x5678_9ABCL, 32_768);
        peer.onReceived(rr, 0, rr.length, sentAt + 540_000_000L);
        assertEquals(40_000_000L, peer.rttNanos());
        assertEquals(1, peer.receiverReports());
    }

    @Test
    void unknownLsrLeavesRttUnknownAndHistoryStaysBounded() {
        RtcpReportStats peer = new RtcpReportStats();
        for (int i = 0; i < 1000; i++) {
            peer.onSenderReportForwarded(i, i);
        }
        byte[] rr = TestPackets.receiverReport(6, 0, 0, 0, 3, 0); // long overwritten by the ring
        peer.onReceived(rr, 0, rr.length, 2000);
        assertEquals(-1, peer.rttNanos());
    }

    @Test
    void negativeCumulativeLossIsSignExtended() {
        RtcpReportStats s = new RtcpReportStats();
        byte[] rr = TestPackets.receiverReport(6, 0, 0xFFFFFE, 0, 0, 0);
        s.onReceived(rr, 0, rr.length, 0);
        assertEquals(-2, s.cumulativeLost());
    }

    @Test
    void countsATruncatedCompoundAsMalformed() {
        RtcpReportStats s = new RtcpReportStats();
        byte[] rr = TestPackets.receiverReport(6, 0, 0, 0, 0, 0);
        s.onReceived(rr, 0, rr.length - 4, 0);
        assertEquals(1, s.malformed());
    }

    @ParameterizedTest
    @ValueSource(longs = {7L, 99L, 123456789L})
    void arbitraryBytesNeverThrow(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        RtcpReportStats s = new RtcpReportStats();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[rnd.nextInt(120)];
            rnd.nextBytes(b);
            if (b.length > 0 && rnd.nextBoolean()) {
                b[0] = (byte) (0x80 | (b[0] & 0x3F));
            }
            int off = b.length == 0 ? 0 : rnd.nextInt(b.length);
            try {
                s.onReceived(b, off, b.length - off, i);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " iteration " + i, e);
            }
        }
        assertTrue(s.malformed() > 0, "seed " + seed);
    }
}
