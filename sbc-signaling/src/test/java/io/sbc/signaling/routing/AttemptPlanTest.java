package io.sbc.signaling.routing;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.CompiledRoute;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AttemptPlanTest {
    static final String POLICY = """
            version: 1
            realms:
              pbx: {listen: [udp://127.0.0.20:5060], media-address: 127.0.0.20}
              carrier: {listen: [udp://127.0.0.21:5060], media-address: 127.0.0.21}
            trunks:
              main:
                realm: carrier
                gateways:
                  - {uri: "sip:192.0.2.3:5060", priority: 2, weight: 1}
                  - {uri: "sip:192.0.2.1:5060", priority: 1, weight: 3}
                  - {uri: "sip:192.0.2.2:5060", priority: 1, weight: 1}
              backup:
                realm: carrier
                gateways: [{uri: "sip:198.51.100.1:5060"}]
            routes:
              - {from: pbx, to: main, failover: [backup]}
            """;

    private static CompiledRoute route;

    static CompiledRoute route() {
        if (route != null) {
            return route;
        }
        LoadResult r = new PolicyLoader(k -> null).load(POLICY, "test.yaml", Path.of("."));
        assertTrue(r.ok(), () -> r.problems().toString());
        PolicySnapshot s = r.snapshot();
        route = s.routes().routes().get(0);
        return route;
    }

    private static List<String> order(RandomGenerator random, GatewayHealth health) {
        return AttemptPlan.of(route(), health, random).stream().map(a -> a.gateway().uri().text()).toList();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void priorityOneGatewaysComeFirstThenPriorityTwoThenTheFailoverTrunk(long seed) {
        List<String> o = order(RandomGeneratorFactory.of("L64X128MixRandom").create(seed), new GatewayHealth());
        assertEquals(4, o.size(), "seed " + seed);
        assertTrue(o.subList(0, 2).containsAll(List.of("sip:192.0.2.1:5060", "sip:192.0.2.2:5060")), "seed " + seed + ": " + o);
        assertEquals("sip:192.0.2.3:5060", o.get(2), "seed " + seed);
        assertEquals("sip:198.51.100.1:5060", o.get(3), "seed " + seed);
    }

    @Test
    void withinAPriorityTheFirstPickFollowsTheWeights() {
        long seed = 20261121L;
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        Map<String, Integer> first = new HashMap<>();
        for (int i = 0; i < 4000; i++) {
            first.merge(order(random, new GatewayHealth()).get(0), 1, Integer::sum);
        }
        int heavy = first.getOrDefault("sip:192.0.2.1:5060", 0);
        // weight 3 of 4: expect 3000 of 4000 first picks; 2800..3200 is over 6 standard deviations wide.
        assertTrue(heavy > 2800 && heavy < 3200, "seed " + seed + ": " + first);
    }

    @Test
    void downGatewaysAreSkipped() {
        GatewayHealth health = new GatewayHealth();
        health.record("sip:192.0.2.1:5060", false, 1, 1);
        health.record("sip:198.51.100.1:5060", false, 1, 1);
        List<String> o = order(RandomGeneratorFactory.of("L64X128MixRandom").create(7), health);
        assertEquals(List.of("sip:192.0.2.2:5060", "sip:192.0.2.3:5060"), o);
    }
}
