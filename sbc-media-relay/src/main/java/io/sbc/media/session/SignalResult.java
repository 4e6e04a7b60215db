package io.sbc.media.session;

import io.sbc.media.sdp.RewritePlan;
import java.util.List;

/** Result of an offer or answer: the plan to render the SDP for the recipient, or an error reason. */
public record SignalResult(RewritePlan plan, String errorReason, List<String> warnings) {
    public static SignalResult ok(RewritePlan plan, List<String> warnings) {
        return new SignalResult(plan, null, List.copyOf(warnings));
    }

    public static SignalResult error(String reason) {
        return new SignalResult(null, reason, List.of());
    }

    public boolean isOk() {
        return plan != null;
    }
}
