package io.sbc.policy.testing;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import java.nio.file.Path;
import java.util.Map;

/** Loading helpers for tests: policies from text with a fixed environment. */
public final class Policies {
    private Policies() {
    }

    /** The repository's ops/policy directory (tests run with the module as working directory). */
    public static final Path OPS_POLICY = Path.of("..", "ops", "policy");

    public static PolicyLoader loader(Map<String, String> env) {
        return new PolicyLoader(env::get);
    }

    public static LoadResult load(String yaml) {
        return loader(Map.of()).load(yaml, "test.yaml", Path.of("."));
    }

    public static PolicySnapshot snapshot(String yaml) {
        LoadResult r = load(yaml);
        if (!r.ok()) {
            throw new AssertionError("policy does not load:\n" + String.join("\n", r.problems().stream().map(Object::toString).toList()));
        }
        return r.snapshot();
    }

    /** Two realms and two trunks; callers append routes and rules. */
    public static final String BASE = """
            version: 1
            realms:
              pbx:
                listen: [udp://127.0.0.20:5060]
              carrier:
                listen: [udp://127.0.0.21:5060]
            trunks:
              carrier-a:
                realm: carrier
                gateways: [{uri: "sip:127.0.0.30:5060", priority: 1, weight: 3}, {uri: "sip:127.0.0.31:5060", priority: 1, weight: 1}, {uri: "sip:127.0.0.32:5060", priority: 2}]
              carrier-b:
                realm: carrier
                gateways: [{uri: "sip:127.0.0.40:5060"}]
              ip-pbx:
                realm: pbx
                gateways: [{uri: "sip:127.0.0.10:5060"}]
            """;
}
