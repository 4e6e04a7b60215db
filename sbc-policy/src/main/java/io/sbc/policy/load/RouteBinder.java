package io.sbc.policy.load;

import io.sbc.policy.model.Defaults;
import io.sbc.policy.model.Match;
import io.sbc.policy.model.Route;
import io.sbc.policy.model.RouteAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds {@code routes:} (an ordered list; first match wins). */
final class RouteBinder {
    private final BindContext ctx;

    RouteBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    List<Route> bind(Node list, String path) {
        List<Route> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (Node item : YamlMap.items(list, path, ctx.problems)) {
            String p = path + "[" + i + "]";
            i++;
            YamlMap m = YamlMap.of(item, p, ctx.problems);
            String name = m.string("name", "route-" + i);
            if (!names.add(name)) {
                m.error("name", "route name '" + name + "' is used twice");
            }
            String from = m.string("from", null);
            ctx.checkRealmOrTrunk(from, m.get("from"), m.child("from"));
            Match match = MatchBinder.bind(m.map("match"));
            RouteAction action = null;
            String to = m.string("to", null);
            List<String> failover = m.strings("failover");
            if (m.has("reject")) {
                YamlMap r = m.map("reject");
                int code = r.integer("code", Defaults.REJECT_CODE, 300, 699);
                String reason = r.string("reason", Defaults.REJECT_REASON);
                if (reason.isEmpty() || reason.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                    r.error("reason", "reason phrase must be non-empty text without control characters");
                }
                r.finish();
                action = new RouteAction.Reject(code, reason);
                if (to != null) {
                    m.error("to", "a route either routes ('to') or rejects ('reject'), not both");
                }
                if (!failover.isEmpty()) {
                    m.error("failover", "'failover' applies to 'to', not to 'reject'");
                }
            } else if (to != null) {
                ctx.checkTrunk(to, m.get("to"), m.child("to"));
                Node fo = m.get("failover");
                int j = 0;
                for (Node f : YamlMap.items(fo, m.child("failover"), ctx.problems)) {
                    if (j < failover.size()) {
                        String t = failover.get(j);
                        ctx.checkTrunk(t, f, m.child("failover"));
                        if (t.equals(to)) {
                            ctx.problems.add(f, m.child("failover"), "failover to the route's own trunk '" + t + "'");
                        }
                    }
                    j++;
                }
                action = new RouteAction.ToTrunk(to, failover);
            } else {
                ctx.problems.add(item, p, "a route needs 'to: TRUNK' or 'reject: {code, reason}'");
            }
            m.finish();
            if (action != null) {
                out.add(new Route(name, from, match, action));
            }
        }
        return out;
    }
}
