package io.sbc.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpReceptionStatsTest {

    @Test
    void countsLossFromSequenceGapsAcrossThe16BitWrap() {
        RtpReceptionStats s = new RtpReceptionStats();
        int seq = 65_530;
        for (int i = 0; i < 20; i++, seq = (seq + 1) & 0xFFFF) {
            if (i == 4 || i == 9 || i == 10) {
                continue; // three lost, two of them after the wrap
            }
            s.onPacket(7, seq, i * 160L, i * 160L, true);
        }
        assertEquals(20, s.expected());
        assertEquals(17, s.received());
        assertEquals(3, s.lost());
        assertEquals(65_536 + 13, s.extendedHighestSeq());
    }

    @Test
    void jitterIsZeroForPerfectlyPacedPacketsAndGrowsWithVariation() {
        RtpReceptionStats paced = new RtpReceptionStats();
        for (int i = 0; i < 100; i++) {
            paced.onPacket(1, i, 1000 + i * 160L, 5000 + i * 160L, true);
        }
        assertEquals(0, paced.jitterRtpUnits());

        RtpReceptionStats jittery = new RtpReceptionStats();
        for (int i = 0; i < 1000; i++) {
            long arrival = i * 160L + (i % 2 == 0 ? 0 : 80); // every other packet 10 ms late
            jittery.onPacket(1, i, i * 160L, arrival, true);
        }
        // RFC 3550 A.8 converges to the mean |D| = 80 units for this alternating pattern.
        assertTrue(Math.abs(jittery.jitterRtpUnits() - 80) <= 2, "jitter " + jittery.jitterRtpUnits());
    }

    @Test
    void telephoneEventsStayOutOfTheJitterEstimate() {
        RtpReceptionStats s = new RtpReceptionStats();
        for (int i = 0; i < 50; i++) {
            s.onPacket(1, i, 8000, 8000 + i * 160L, false); // RFC 4733: one timestamp for the whole event
        }
        assertEquals(0, s.jitterRtpUnits());
        assertEquals(50, s.received());
    }

    @Test
    void ssrcChangeRestartsSequenceButKeepsTotals() {
        RtpReceptionStats s = new RtpReceptionStats();
        for (int i = 0; i < 10; i++) {
            s.onPacket(1, 100 + i, 0, 0, true);
        }
        for (int i = 0; i < 10; i++) {
            s.onPacket(2, 40_000 + i, 0, 0, true);
        }
        assertEquals(20, s.expected());
        assertEquals(0, s.lost());
        assertEquals(2, s.ssrc());
    }

    @ParameterizedTest
    @ValueSource(longs = {1L, 42L, 20261121L})
    void lossNeverExceedsExpectedAndMatchesDropsUnderRandomLoss(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        RtpReceptionStats s = new RtpReceptionStats();
        int start = rnd.nextInt(65_536);
        int dropped = 0;
        int n = 5_000;
        for (int i = 0; i < n; i++) {
            boolean last = i == n - 1;
            if (!last && i > 0 && rnd.nextInt(100) < 5) {
                dropped++;
                continue;
            }
            s.onPacket(9, (start + i) & 0xFFFF, i * 160L, i * 160L, true);
        }
        assertEquals(n, s.expected(), "seed " + seed);
        assertEquals(dropped, s.lost(), "seed " + seed);
    }

    @Test
    void duplicatesCountAsReceivedAndCanMaskLossAsRfc3550Says() {
        RtpReceptionStats s = new RtpReceptionStats();
        for (int seq = 0; seq < 10; seq++) {
            s.onPacket(3, seq, seq * 160L, seq * 160L, true);
            if (seq == 4) {
                s.onPacket(3, seq, seq * 160L, seq * 160L, true); // duplicate
            }
        }
        assertEquals(10, s.expected());
        assertEquals(11, s.received());
        assertEquals(0, s.lost(), "A.3: expected - received may go negative; reported as 0");
        assertEquals(9, s.extendedHighestSeq(), "a duplicate does not move the highest sequence");
    }

    @Test
    void reorderedPacketFillsItsGapAndDoesNotCountAsLoss() {
        RtpReceptionStats s = new RtpReceptionStats();
        int[] order = {0, 1, 2, 4, 5, 3, 6, 7}; // 3 arrives late
        for (int seq : order) {
            s.onPacket(3, seq, seq * 160L, seq * 160L, true);
        }
        assertEquals(8, s.expected());
        assertEquals(0, s.lost());
        assertEquals(7, s.extendedHighestSeq());
    }

    @Test
    void lateReorderAcrossTheWrapDoesNotAddACycle() {
        RtpReceptionStats s = new RtpReceptionStats();
        int[] order = {65_533, 65_534, 0, 65_535, 1, 2}; // 65535 arrives after the wrap
        for (int seq : order) {
            s.onPacket(3, seq, 0, 0, true);
        }
        assertEquals(6, s.expected());
        assertEquals(0, s.lost());
        assertEquals(65_536 + 2, s.extendedHighestSeq());
    }

    @Test
    void fivePercentLossGivesALossRatioOfFivePercentAndALowerMosThanACleanStream() {
        RtpReceptionStats lossy = new RtpReceptionStats();
        RtpReceptionStats clean = new RtpReceptionStats();
        for (int seq = 0; seq < 1000; seq++) {
            clean.onPacket(1, seq, seq * 160L, seq * 160L, true);
            if (seq % 20 != 10) {
                lossy.onPacket(2, seq, seq * 160L, seq * 160L, true);
            }
        }
        double ratio = (double) lossy.lost() / lossy.expected();
        assertEquals(0.05, ratio, 1e-9);
        assertEquals(0, clean.lost());
        double mosLossy = MosEstimator.mos(100 * ratio, 0, 0);
        double mosClean = MosEstimator.mos(0, 0, 0);
        assertTrue(mosLossy < mosClean - 0.3, mosLossy + " vs " + mosClean);
        assertTrue(mosLossy > 3.5 && mosLossy < 4.1, "G.711 with PLC at 5% loss: " + mosLossy);
    }
}
