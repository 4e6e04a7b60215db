package io.sbc.signaling.routing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrunkAdmissionTest {

    @Test
    void concurrentLimitHoldsUntilACallIsReleased() {
        TrunkAdmission a = new TrunkAdmission();
        assertTrue(a.tryAdmit("t", 2, 0, 100));
        assertTrue(a.tryAdmit("t", 2, 0, 100));
        assertFalse(a.tryAdmit("t", 2, 0, 100));
        a.release("t");
        assertTrue(a.tryAdmit("t", 2, 0, 100));
        assertEquals(2, a.active("t"));
    }

    @Test
    void callsPerSecondResetEachSecondAndARefusalTakesNoSlot() {
        TrunkAdmission a = new TrunkAdmission();
        assertTrue(a.tryAdmit("t", 0, 2, 100));
        assertTrue(a.tryAdmit("t", 0, 2, 100));
        assertFalse(a.tryAdmit("t", 0, 2, 100));
        assertEquals(2, a.active("t"), "the refused call holds no concurrent slot");
        assertTrue(a.tryAdmit("t", 0, 2, 101), "a new second");
    }

    @Test
    void zeroMeansUnlimited() {
        TrunkAdmission a = new TrunkAdmission();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(a.tryAdmit("t", 0, 0, 7));
        }
    }
}
