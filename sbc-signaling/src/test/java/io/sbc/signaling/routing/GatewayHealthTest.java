package io.sbc.signaling.routing;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GatewayHealthTest {
    private static final String GW = "sip:192.0.2.1:5060";

    @Test
    void gatewayGoesDownAfterTheConfiguredConsecutiveFailuresOnly() {
        GatewayHealth h = new GatewayHealth();
        assertTrue(h.isUp(GW));
        assertFalse(h.record(GW, false, 3, 2));
        assertFalse(h.record(GW, false, 3, 2));
        assertTrue(h.isUp(GW), "down before the third failure");
        assertTrue(h.record(GW, false, 3, 2), "the third failure is a change");
        assertFalse(h.isUp(GW));
    }

    @Test
    void anAnswerResetsTheFailureCount() {
        GatewayHealth h = new GatewayHealth();
        h.record(GW, false, 2, 1);
        h.record(GW, true, 2, 1);
        h.record(GW, false, 2, 1);
        assertTrue(h.isUp(GW), "failures must be consecutive");
    }

    @Test
    void downGatewayComesBackAfterTheConfiguredRecoveries() {
        GatewayHealth h = new GatewayHealth();
        h.record(GW, false, 1, 2);
        assertFalse(h.isUp(GW));
        assertFalse(h.record(GW, true, 1, 2));
        assertFalse(h.isUp(GW), "up after one answer of two");
        assertTrue(h.record(GW, true, 1, 2));
        assertTrue(h.isUp(GW));
    }
}
