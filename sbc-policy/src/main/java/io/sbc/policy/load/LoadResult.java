package io.sbc.policy.load;

import io.sbc.policy.PolicySnapshot;
import java.util.List;

/** The outcome of loading a policy file: a snapshot, or every problem found (never both). */
public record LoadResult(PolicySnapshot snapshot, List<Problem> problems) {
    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return snapshot != null;
    }
}
