package io.sbc.policy.explain;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.CompiledRoute;
import io.sbc.policy.compile.RouteTable;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageEditor;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.validate.Suggestions;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Dry run of the policy on one message, in the order the signaling plane applies it to a new
 * request (design "Signaling data flow" step 6): inbound number and header rules, route, admission
 * limits, outbound number and header rules. The editor is changed exactly as the running SBC would
 * change it, so the caller can print the outgoing message afterwards.
 */
public final class Explainer {
    private Explainer() {
    }

    public static ExplainTrace explain(PolicySnapshot snapshot, String sourceRealm, InetAddress source, MessageEditor msg) {
        if (snapshot.realm(sourceRealm) == null) {
            String hint = Suggestions.closest(sourceRealm, snapshot.policy().realms().keySet());
            return new ExplainTrace("unknown realm '" + sourceRealm + "'" + (hint != null ? "; did you mean '" + hint + "'?"
                    : " (realms: " + String.join(", ", snapshot.policy().realms().keySet()) + ")"),
                    sourceRealm, null, List.of(), List.of(), null, List.of(), null);
        }
        Trunk sourceTrunk = snapshot.trunkAt(sourceRealm, source);
        EvalContext in = EvalContext.inbound(sourceRealm, sourceTrunk == null ? null : sourceTrunk.name(), source);
        List<ExplainTrace.Step> inbound = new ArrayList<>();
        snapshot.numberRules().applyInbound(in, msg, (rule, action) -> inbound.add(new ExplainTrace.Step("number-rule", rule, action)));
        snapshot.headerRules().applyInbound(in, msg, (rule, action) -> inbound.add(new ExplainTrace.Step("header-rule", rule, action)));

        List<ExplainTrace.RouteStep> steps = new ArrayList<>();
        CompiledRoute chosen = RouteTable.NO_ROUTE;
        for (RouteTable.Check c : snapshot.routes().explain(in, msg)) {
            CompiledRoute r = c.route();
            steps.add(new ExplainTrace.RouteStep(r.index() + 1, r.name(), c.failure() == null,
                    c.failure() == null ? null : c.failure()));
            if (c.failure() == null) {
                chosen = r;
            }
        }
        List<ExplainTrace.Step> outbound = new ArrayList<>();
        String chosenText;
        if (chosen.isReject()) {
            chosenText = "reject " + chosen.rejectCode() + " " + chosen.rejectReason()
                    + (chosen == RouteTable.NO_ROUTE ? " (no route matched)" : "");
            return new ExplainTrace(null, sourceRealm, in.sourceTrunk(), inbound, steps, chosenText, outbound,
                    snapshot.limits(sourceRealm, null));
        }
        Trunk trunk = chosen.trunk();
        StringBuilder sb = new StringBuilder("trunk ").append(trunk.name()).append(" (realm ").append(trunk.realm()).append(")");
        sb.append("; gateways by priority: ");
        List<Gateway> gws = new ArrayList<>(trunk.gateways());
        gws.sort(Comparator.comparingInt(Gateway::priority).thenComparing(Comparator.comparingInt(Gateway::weight).reversed()));
        for (int i = 0; i < gws.size(); i++) {
            Gateway g = gws.get(i);
            sb.append(i > 0 ? ", " : "").append(g.uri()).append(" (priority ").append(g.priority()).append(", weight ")
                    .append(g.weight()).append(')');
        }
        if (!chosen.failover().isEmpty()) {
            sb.append("; failover: ").append(String.join(", ", chosen.failover().stream().map(Trunk::name).toList()));
        }
        EvalContext out = in.toward(trunk.realm(), trunk.name());
        snapshot.numberRules().applyOutbound(out, msg, (rule, action) -> outbound.add(new ExplainTrace.Step("number-rule", rule, action)));
        snapshot.headerRules().applyOutbound(out, msg, (rule, action) -> outbound.add(new ExplainTrace.Step("header-rule", rule, action)));
        return new ExplainTrace(null, sourceRealm, in.sourceTrunk(), inbound, steps, sb.toString(), outbound,
                snapshot.limits(sourceRealm, trunk.name()));
    }
}
