package io.sbc.signaling.it;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Loads the integration tests' policies from test resources, failing loudly on any problem. */
final class ItPolicies {
    private ItPolicies() {}

    static Path resource(String name) {
        try {
            return Path.of(ItPolicies.class.getResource(name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("test resource missing: " + name, e);
        }
    }

    static PolicySnapshot load(String name) {
        LoadResult r = PolicyLoader.withSystemEnvironment().load(resource(name));
        if (!r.ok()) {
            throw new IllegalStateException("test policy " + name + " is invalid: " + r.problems());
        }
        return r.snapshot();
    }

    /** A per-test directory under target/ for SIPp logs and other evidence. */
    static Path evidenceDir(String test) {
        return Path.of("target", "it-evidence", test);
    }
}
