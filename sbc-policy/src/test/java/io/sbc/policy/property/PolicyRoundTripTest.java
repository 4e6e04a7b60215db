package io.sbc.policy.property;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sbc.policy.load.LoadResult;
import io.sbc.policy.testing.Policies;
import io.sbc.policy.testing.PolicyGenerator;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated valid policies load to exactly the model they were generated from. */
class PolicyRoundTripTest {
    static LongStream seeds() {
        long base = Long.getLong("policy.seed", 20261121L);
        return LongStream.range(base, base + 200);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void generatedPolicyLoadsToTheModelItWasBuiltFrom(long seed) {
        PolicyGenerator g = new PolicyGenerator(new SplittableRandom(seed));
        String yaml = g.yaml();
        LoadResult r = Policies.load(yaml);
        if (!r.ok()) {
            throw new AssertionError("seed " + seed + " (rerun with -Dpolicy.seed=" + seed + "): generated policy rejected:\n"
                    + String.join("\n", r.problems().stream().map(Object::toString).toList()) + "\n---\n" + yaml);
        }
        assertEquals(g.policy(), r.snapshot().policy(), () -> "seed " + seed + "\n" + yaml);
    }
}
