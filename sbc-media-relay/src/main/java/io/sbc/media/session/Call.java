package io.sbc.media.session;

import java.net.InetSocketAddress;
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
    /** Where the last successful offer/answer came from: the controller told about media timeouts. */
    InetSocketAddress controller;
    /** Set once every relayed stream of the call reported a media timeout; stays until delete. */
    boolean timedOut;
    /** Silence at the moment the call was marked timed out, in seconds. */
    long silentSeconds;

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

    /** The address of the controller that sent the last offer or answer, or null (in-process callers). */
    public InetSocketAddress controller() {
        return controller;
    }

    /** True once no media flowed on any stream of the call for the relay's media timeout. */
    public boolean timedOut() {
        return timedOut;
    }

    /** How long the call had been silent when it was marked timed out (0 while it is not). */
    public long silentSeconds() {
        return silentSeconds;
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
