package io.sbc.signaling.gate;

import io.sbc.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;

import static io.sbc.signaling.gate.GatePolicies.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bounds, eviction and the zero-allocation rule of the gate's tables. */
class GateTablesTest {
    private static final long SEC = 1_000_000_000L;
    private static final PolicySnapshot POLICY = GatePolicies.load(GatePolicies.TWO_REALMS);

    private final long[] clock = {5 * SEC};
    private final Gate gate = new Gate(POLICY, GateConfig.defaults().withSourcesPerRealm(4096).withBanTableSize(1024),
            () -> clock[0]);
    private final int pbx = gate.realmIndex("pbx");

    @Test
    void aMillionDistinctSourcesChurnTheTableWithoutGrowingIt() {
        for (int i = 0; i < 1_000_000; i++) {
            assertEquals(Verdict.PASS, gate.checkV4(pbx, 0x0a000000 + i, clock[0]));
            clock[0] += 1_000;
        }
        assertTrue(gate.trackedSources() <= 4096, "tracked " + gate.trackedSources());
        assertTrue(gate.evictions() >= 1_000_000 - 4096, "evictions " + gate.evictions());
    }

    @Test
    void aScoredSourceSurvivesChurnByUnscoredOnes() {
        InetSocketAddress suspect = new InetSocketAddress(GateTest.addr("192.0.2.200"), 5060);
        gate.onMalformed(pbx, suspect, clock[0]);
        for (int i = 0; i < 200_000; i++) {
            gate.checkV4(pbx, 0x0b000000 + i, clock[0]);
        }
        for (int i = 0; i < 4; i++) {
            gate.onMalformed(pbx, suspect, clock[0]);
        }
        assertTrue(gate.isBanned("192.0.2.200"), "the first malformed message still counted after the churn");
    }

    @Test
    void aFloodOfDistinctBanworthySourcesFillsTheBanTableToItsBoundOnly() {
        for (int i = 0; i < 20_000; i++) {
            gate.onScannerUserAgent(pbx, new InetSocketAddress(GateTest.addr(ip(0x0c000000 + i)), 5060), clock[0]);
        }
        assertTrue(gate.bansActive() <= 1024);
        assertTrue(gate.bansActive() > 900, "active " + gate.bansActive());
        assertTrue(gate.isBanned(ip(0x0c000000 + 19_999)), "the newest ban evicts the oldest automatic one");
    }

    @Test
    void manualBansAreNeverEvictedByAutomaticOnes() {
        assertTrue(gate.banManually("192.0.2.201", null));
        for (int i = 0; i < 20_000; i++) {
            gate.onScannerUserAgent(pbx, new InetSocketAddress(GateTest.addr(ip(0x0d000000 + i)), 5060), clock[0]);
        }
        assertTrue(gate.isBanned("192.0.2.201"));
    }

    @Test
    void checkAllocatesNothing() {
        int pass = v4("192.0.2.10");
        int flooder = v4("192.0.2.11");
        int carrier = gate.realmIndex("carrier");
        for (int i = 0; i < 200; i++) {
            gate.checkV4(pbx, flooder, clock[0]);
        }
        assertTrue(gate.isBanned("192.0.2.11"));
        InetSocketAddress passAddr = new InetSocketAddress(GateTest.addr("192.0.2.10"), 5060);
        InetSocketAddress banned = new InetSocketAddress(GateTest.addr("192.0.2.11"), 5060);
        Runnable round = () -> {
            for (int i = 0; i < 100_000; i++) {
                clock[0] += 20_000_000; // 50/s: one token per message
                gate.check(pbx, passAddr, clock[0]);
                gate.check(pbx, banned, clock[0]);
                gate.checkV4(pbx, 0x0e000000 + (i & 0xffff), clock[0]);
                gate.checkV4(carrier, flooder, clock[0]);
            }
        };
        round.run(); // warm-up: JIT, lazy shard creation
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long before = mx.getThreadAllocatedBytes(tid);
        round.run();
        long allocated = mx.getThreadAllocatedBytes(tid) - before;
        assertTrue(allocated < 4_096, "400k gate checks allocated " + allocated + " bytes");
        assertFalse(gate.isBanned("192.0.2.10"));
    }

    private static String ip(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xff) + "." + (a >>> 8 & 0xff) + "." + (a & 0xff);
    }
}
