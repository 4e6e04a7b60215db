package io.sbc.signaling.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Up/down state of every gateway probed with OPTIONS keep-alive (issue #5: interval, failure and
 * recovery thresholds). A gateway starts up; {@code failures} consecutive unanswered probes mark it
 * down and {@code recoveries} consecutive answered ones mark it up again. Any response counts as
 * an answer (RFC 3261 §11: a 4xx/5xx to OPTIONS still proves the peer is alive), except 503, which
 * the peer uses to say it is unavailable.
 *
 * <p>Written by the one worker that runs the keep-alive ({@link OptionsKeepAlive}); read by every
 * worker when it orders gateways. Entries are immutable records swapped in a concurrent map, so a
 * reader sees one consistent state per gateway without locking.
 */
public final class GatewayHealth {
    /** State of one gateway: consecutive results in the current direction. */
    public record State(boolean up, int failures, int successes) {
        static final State INITIAL = new State(true, 0, 0);
    }

    private final Map<String, State> states = new ConcurrentHashMap<>();
    /** RFC 7339 reductions gateways asked for in their responses; set once at start. */
    private volatile io.sbc.signaling.gate.PeerOverload overload;

    /** Installs the table of RFC 7339 {@code oc} values received from gateways (null: none). */
    public void overloadControl(io.sbc.signaling.gate.PeerOverload table) {
        this.overload = table;
    }

    /**
     * True when a new call should skip gateway {@code host} (an IP literal) because it asked for a
     * reduction with RFC 7339 {@code oc} and this call falls in the share to divert.
     */
    public boolean diverted(String host, java.util.random.RandomGenerator random) {
        io.sbc.signaling.gate.PeerOverload o = overload;
        return o != null && o.divert(host, random, System.nanoTime());
    }

    /** True unless probing has marked {@code gatewayUri} down. */
    public boolean isUp(String gatewayUri) {
        State s = states.get(gatewayUri);
        return s == null || s.up();
    }

    public State state(String gatewayUri) {
        return states.getOrDefault(gatewayUri, State.INITIAL);
    }

    /** Records one probe result; returns true when the gateway changed between up and down. */
    public boolean record(String gatewayUri, boolean answered, int failuresToDown, int recoveriesToUp) {
        State s = state(gatewayUri);
        State next;
        if (answered) {
            int ok = s.successes() + 1;
            next = s.up() ? new State(true, 0, 0) : (ok >= recoveriesToUp ? new State(true, 0, 0) : new State(false, 0, ok));
        } else {
            int bad = s.failures() + 1;
            next = !s.up() ? new State(false, 0, 0) : (bad >= failuresToDown ? new State(false, 0, 0) : new State(true, bad, 0));
        }
        states.put(gatewayUri, next);
        return next.up() != s.up();
    }
}
