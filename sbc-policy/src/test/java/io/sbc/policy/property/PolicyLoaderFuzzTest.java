package io.sbc.policy.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.testing.Policies;

/** Arbitrary text as a policy: the loader answers ok or problems, never throws (regression mode by default). */
class PolicyLoaderFuzzTest {
    @FuzzTest(maxDuration = "30s")
    void arbitraryTextNeverThrows(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        LoadResult r = Policies.load(text);
        assertTrue(r.ok() || !r.problems().isEmpty());
    }
}
