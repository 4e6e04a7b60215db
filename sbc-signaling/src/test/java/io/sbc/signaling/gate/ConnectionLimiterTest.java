package io.sbc.signaling.gate;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConnectionLimiterTest {
    private static final String POLICY = """
            version: 1
            realms:
              pbx:
                listen: [tcp://127.0.0.20:5060]
                media-address: 127.0.0.20
                limits: {rate: 50, burst: 100, ban: 300s, max-connections-per-source: 3}
            trunks:
              pbx-gw:
                realm: pbx
                gateways: [{uri: "sip:198.51.100.7:5060"}]
            """;
    private final Gate gate = new Gate(GatePolicies.load(POLICY), GateConfig.defaults().withSourcesPerRealm(64),
            () -> 0L);

    @Test
    void refusesASourcePastItsLimitAndAdmitsItAgainAfterAClose() {
        ConnectionLimiter limiter = new ConnectionLimiter(gate, 64, 100);
        InetAddress a = GateTest.addr("192.0.2.1");
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryOpen("pbx", a));
        }
        assertFalse(limiter.tryOpen("pbx", a));
        assertTrue(limiter.tryOpen("pbx", GateTest.addr("192.0.2.2")), "another source is unaffected");
        limiter.closed(a);
        assertTrue(limiter.tryOpen("pbx", a));
        assertEquals(1, limiter.refusedPerSource());
        assertEquals(4, limiter.open());
    }

    @Test
    void aReloadedTotalAppliesToNewConnectionsAndKeepsOpenOnes() {
        ConnectionLimiter limiter = new ConnectionLimiter(gate, 64, 4);
        for (int i = 1; i <= 4; i++) {
            assertTrue(limiter.tryOpen("pbx", GateTest.addr("192.0.2." + i)));
        }
        assertFalse(limiter.tryOpen("pbx", GateTest.addr("192.0.2.9")));
        limiter.maxTotal(6);
        assertTrue(limiter.tryOpen("pbx", GateTest.addr("192.0.2.9")), "raised by a reload");
        limiter.maxTotal(2);
        assertEquals(5, limiter.open(), "open connections are not cut by a lower total");
        limiter.closed(GateTest.addr("192.0.2.1"));
        assertFalse(limiter.tryOpen("pbx", GateTest.addr("192.0.2.10")), "still over the lowered total");
    }

    @Test
    void trustedGatewayGetsTenTimesTheLimit() {
        ConnectionLimiter limiter = new ConnectionLimiter(gate, 64, 100);
        InetAddress gw = GateTest.addr("198.51.100.7");
        int opened = 0;
        while (limiter.tryOpen("pbx", gw) && opened < 100) {
            opened++;
        }
        assertEquals(30, opened);
    }

    @Test
    void refusesPastTheTotalAndWhenTheTableIsFullAndFreesSlotsOnClose() {
        ConnectionLimiter limiter = new ConnectionLimiter(gate, 8, 5);
        for (int i = 1; i <= 5; i++) {
            assertTrue(limiter.tryOpen("pbx", GateTest.addr("192.0.2." + i)));
        }
        assertFalse(limiter.tryOpen("pbx", GateTest.addr("192.0.2.6")));
        assertEquals(1, limiter.refusedTotal());
        for (int i = 1; i <= 5; i++) {
            limiter.closed(GateTest.addr("192.0.2." + i));
        }
        assertEquals(0, limiter.open());
        ConnectionLimiter small = new ConnectionLimiter(gate, 8, 10_000);
        int admitted = 0;
        for (int i = 0; i < 100; i++) {
            if (small.tryOpen("pbx", GateTest.addr("10.0.0." + i))) {
                admitted++;
            }
        }
        assertEquals(8, admitted, "a table of 8 holds 8 sources");
        assertEquals(92, small.refusedTableFull());
    }
}
