package io.sbc.policy.explain;

import io.sbc.policy.eval.AdmissionLimits;
import java.util.List;

/**
 * What the policy does with one message, step by step (see {@link Explainer}). {@link #render()}
 * gives the text {@code ops/sbc explain} prints; the caller prints the outgoing message after it.
 *
 * @param error       why nothing could be evaluated (unknown realm), else null
 * @param sourceRealm realm the message arrived on
 * @param sourceTrunk trunk whose gateway sent it, or null
 * @param inbound     inbound number and header rule actions
 * @param routes      route checks in order; the last one is the chosen route
 * @param chosen      the chosen route's description (trunk, failover, gateways) or the reject
 * @param outbound    outbound number and header rule actions
 * @param limits      admission limits that apply, null when rejected before admission
 */
public record ExplainTrace(String error, String sourceRealm, String sourceTrunk, List<Step> inbound,
        List<RouteStep> routes, String chosen, List<Step> outbound, AdmissionLimits limits) {
    /** A rule action that changed the message. */
    public record Step(String kind, String rule, String action) {
    }

    /** A route considered: matched, or why not. */
    public record RouteStep(int number, String name, boolean matched, String reason) {
    }

    public boolean ok() {
        return error == null;
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        if (error != null) {
            return "error: " + error + "\n";
        }
        sb.append("source: realm ").append(sourceRealm);
        sb.append(sourceTrunk != null ? ", trunk " + sourceTrunk : ", no known trunk").append('\n');
        sb.append("\ninbound rules:\n");
        steps(sb, inbound);
        sb.append("\nroutes:\n");
        for (RouteStep r : routes) {
            sb.append("  ").append(r.number() > 0 ? "#" + r.number() + " " : "").append(r.name()).append(": ")
                    .append(r.matched() ? "MATCH" : "no, " + r.reason()).append('\n');
        }
        sb.append("  => ").append(chosen).append('\n');
        sb.append("\noutbound rules:\n");
        steps(sb, outbound);
        if (limits != null) {
            sb.append("\nadmission limits:\n");
            for (String line : limits.describe().split("\n")) {
                sb.append("  ").append(line).append('\n');
            }
        }
        return sb.toString();
    }

    private static void steps(StringBuilder sb, List<Step> steps) {
        if (steps.isEmpty()) {
            sb.append("  (none fired)\n");
        }
        for (Step s : steps) {
            sb.append("  ").append(s.kind()).append(' ').append(s.rule()).append(": ").append(s.action()).append('\n');
        }
    }
}
