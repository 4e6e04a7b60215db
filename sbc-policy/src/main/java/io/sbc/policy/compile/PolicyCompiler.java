package io.sbc.policy.compile;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.Policy;
import java.nio.file.Path;
import java.time.Instant;

/** Turns a validated {@link Policy} into the lookup structures of a {@link PolicySnapshot}. */
public final class PolicyCompiler {
    private PolicyCompiler() {
    }

    public static PolicySnapshot compile(Policy policy, Path source, Instant loadedAt, long generation) {
        return new PolicySnapshot(policy, source, loadedAt, generation, new RouteTable(policy),
                new CompiledHeaderRules(policy.headerRules()), new CompiledNumberRules(policy.numberRules()));
    }
}
