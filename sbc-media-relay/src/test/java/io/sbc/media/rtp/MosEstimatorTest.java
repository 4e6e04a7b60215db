package io.sbc.media.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MosEstimatorTest {

    @Test
    void perfectNetworkGivesG711Ceiling() {
        double mos = MosEstimator.mos(0, 0, 0);
        assertTrue(mos > 4.3 && mos <= 4.5, "mos " + mos);
    }

    @Test
    void mosFallsMonotonicallyWithLossJitterAndDelay() {
        assertTrue(MosEstimator.mos(1, 0, 0) > MosEstimator.mos(5, 0, 0));
        assertTrue(MosEstimator.mos(5, 0, 0) > MosEstimator.mos(20, 0, 0));
        assertTrue(MosEstimator.mos(0, 5, 0) > MosEstimator.mos(0, 60, 0));
        assertTrue(MosEstimator.mos(0, 0, 100) > MosEstimator.mos(0, 0, 600));
    }

    @Test
    void staysWithinTheMosScale() {
        assertEquals(1.0, MosEstimator.rToMos(-5));
        assertEquals(4.5, MosEstimator.rToMos(120));
        double worst = MosEstimator.mos(100, 500, 5000);
        assertTrue(worst >= 1.0 && worst < 1.5, "worst " + worst);
    }
}
