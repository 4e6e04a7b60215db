package io.sbc.signaling.gate;

import io.sbc.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static io.sbc.signaling.gate.GatePolicies.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A policy reload changes the gate's ACLs, limits and realms in place; bans survive it. */
class GateReloadTest {
    private static final long SEC = 1_000_000_000L;
    private final long[] clock = {1_000 * SEC};
    private final Gate gate = new Gate(GatePolicies.load(GatePolicies.TWO_REALMS),
            GateConfig.defaults().withSourcesPerRealm(1024), () -> clock[0]);

    private static final String RELOADED = """
            version: 1
            realms:
              pbx:
                listen: [udp://127.0.0.20:5060]
                media-address: 127.0.0.20
                deny: [192.0.2.99/32]
                limits: {rate: 5, burst: 5, ban: 120s, max-connections-per-source: 2}
              carrier:
                listen: [udp://127.0.0.21:5060]
                media-address: 127.0.0.21
                allow: [203.0.113.0/24, 198.51.100.0/24]
                limits: {rate: 10, burst: 20, ban: 60s}
              phones:
                listen: [udp://127.0.0.22:5060]
                media-address: 127.0.0.22
                allow: [10.0.0.0/8]
                limits: {rate: 1, burst: 1, ban: 30s}
            """;

    @Test
    void aReloadAppliesNewAclsLimitsAndRealmsAndKeepsBans() throws Exception {
        int pbx = gate.realmIndex("pbx");
        int carrier = gate.realmIndex("carrier");
        assertEquals(Verdict.PASS, gate.checkV4(pbx, v4("192.0.2.99"), clock[0]));
        assertEquals(Verdict.DROP_ACL, gate.checkV4(carrier, v4("198.51.100.20"), clock[0]));
        assertEquals(16, gate.maxConnectionsPerSource(pbx, InetAddress.getByName("192.0.2.1")));
        assertTrue(gate.banManually("192.0.2.200", null));

        PolicySnapshot next = GatePolicies.load(RELOADED);
        gate.update(next);

        assertEquals(pbx, gate.realmIndex("pbx"), "a realm keeps its index");
        assertEquals(Verdict.DROP_ACL, gate.checkV4(pbx, v4("192.0.2.99"), clock[0]), "new deny applies");
        assertEquals(Verdict.PASS, gate.checkV4(carrier, v4("198.51.100.20"), clock[0]), "new allow applies");
        assertEquals(2, gate.maxConnectionsPerSource(pbx, InetAddress.getByName("192.0.2.1")), "new connection limit");
        // New rate: burst 5, then over the bucket.
        int src = v4("192.0.2.7");
        for (int i = 0; i < 5; i++) {
            assertEquals(Verdict.PASS, gate.checkV4(pbx, src, clock[0]), "message " + i + " of the new burst");
        }
        assertEquals(Verdict.DROP_RATE, gate.checkV4(pbx, src, clock[0]), "the reloaded burst of 5 applies");
        assertTrue(gate.isBanned("192.0.2.200"), "a reload does not lift bans");

        int phones = gate.realmIndex("phones");
        assertEquals(2, phones, "an added realm is appended");
        assertEquals(Verdict.DROP_ACL, gate.checkV4(phones, v4("192.0.2.1"), clock[0]));
        assertEquals(Verdict.PASS, gate.checkV4(phones, v4("10.1.2.3"), clock[0]));
        assertEquals(1, gate.dropped(phones, DropReason.ACL), "the added realm has its counters");
        assertEquals(java.util.List.of("pbx", "carrier", "phones"), gate.realmNames());
    }
}
