package io.sbc.signaling.gate;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;

import java.nio.file.Path;
import java.util.Map;

/** Small policies for the gate's unit tests, loaded from text. */
final class GatePolicies {
    private GatePolicies() {}

    /**
     * Realm {@code pbx}: anyone, 50/s burst 100, ban 300 s. Realm {@code carrier}: allow
     * 203.0.113.0/24 only, 10/s burst 20, trunk gateway 198.51.100.7 (admitted and trusted).
     */
    static final String TWO_REALMS = """
            version: 1
            realms:
              pbx:
                listen: [udp://127.0.0.20:5060]
                media-address: 127.0.0.20
                limits: {rate: 50, burst: 100, ban: 300s}
              carrier:
                listen: [udp://127.0.0.21:5060]
                media-address: 127.0.0.21
                allow: [203.0.113.0/24]
                deny: [203.0.113.66/32]
                limits: {rate: 10, burst: 20, ban: 60s}
            trunks:
              carrier-a:
                realm: carrier
                gateways: [{uri: "sip:198.51.100.7:5060"}]
            """;

    static PolicySnapshot load(String yaml) {
        LoadResult r = new PolicyLoader(Map.<String, String>of()::get).load(yaml, "test.yaml", Path.of("."));
        if (!r.ok()) {
            throw new IllegalStateException("test policy invalid: " + r.problems());
        }
        return r.snapshot();
    }

    static int v4(String dotted) {
        String[] p = dotted.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8
                | Integer.parseInt(p[3]);
    }
}
