package io.sbc.signaling.gate;

import io.sbc.signaling.metrics.SbcMetrics;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class GateMetricsTest {
    @Test
    void scrapeShowsDropsByRealmAndReasonAndActiveBans() {
        long[] clock = {0};
        Gate gate = new Gate(GatePolicies.load(GatePolicies.TWO_REALMS), GateConfig.defaults().withSourcesPerRealm(64),
                () -> clock[0]);
        OverloadDetector overload = new OverloadDetector(1, Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(20), Duration.ofSeconds(1), () -> 0);
        SbcMetrics metrics = new SbcMetrics();
        GateMetrics.bind(metrics, gate, overload);
        int pbx = gate.realmIndex("pbx");
        for (int i = 0; i < 115; i++) {
            gate.checkV4(pbx, GatePolicies.v4("192.0.2.1"), 0);
        }
        gate.checkV4(gate.realmIndex("carrier"), GatePolicies.v4("192.0.2.2"), 0);
        String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
        assertTrue(text.contains("sbc_gate_dropped_total{realm=\"pbx\",reason=\"rate\"} 10.0"), text);
        assertTrue(text.contains("sbc_gate_dropped_total{realm=\"pbx\",reason=\"banned_rate\"} 5.0"), text);
        assertTrue(text.contains("sbc_gate_dropped_total{realm=\"carrier\",reason=\"acl\"} 1.0"), text);
        assertTrue(text.contains("sbc_bans_active 1.0"), text);
        assertTrue(text.contains("sbc_overload_active 0.0"), text);
    }
}
