package io.sbc.policy.reload;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.Problem;
import java.util.List;

/** Result of one reload: the snapshot now running, and the problems when the file was rejected. */
public record ReloadOutcome(boolean ok, PolicySnapshot running, List<Problem> problems) {
    public ReloadOutcome {
        problems = List.copyOf(problems);
    }
}
