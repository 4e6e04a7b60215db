package io.sbc.media.session;

import java.util.ArrayList;
import java.util.List;

/**
 * A call, keyed by Call-ID: two monologues in dialogue (offerer and answerer).
 *
 * <p>Owner: the control thread.
 */
public final class Call {
    final String callId;
    final long createdEpochSeconds;
    long lastSignalEpochSeconds;
    final List<Monologue> monologues = new ArrayList<>(2);
    /** Monotonic deadline of a delayed delete, or 0. */
    long deleteAtNs;

    Call(String callId, long createdEpochSeconds) {
        this.callId = callId;
        this.createdEpochSeconds = createdEpochSeconds;
        this.lastSignalEpochSeconds = createdEpochSeconds;
    }

    public String callId() {
        return callId;
    }

    public long createdEpochSeconds() {
        return createdEpochSeconds;
    }

    public long lastSignalEpochSeconds() {
        return lastSignalEpochSeconds;
    }

    public List<Monologue> monologues() {
        return monologues;
    }

    Monologue monologue(String tag) {
        for (Monologue m : monologues) {
            if (m.tag.equals(tag)) {
                return m;
            }
        }
        return null;
    }
}
