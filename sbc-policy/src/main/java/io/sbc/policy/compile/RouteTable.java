package io.sbc.policy.compile;

import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageView;
import io.sbc.policy.model.Defaults;
import io.sbc.policy.model.Match;
import io.sbc.policy.model.Policy;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.Route;
import io.sbc.policy.model.RouteAction;
import io.sbc.policy.model.Trunk;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes of a policy, pre-filtered by source: for each (source realm, source trunk) pair only
 * the routes whose {@code from} can hold are kept, in file order. Selection is then a scan of that
 * array: first match wins. Immutable, shared.
 */
public final class RouteTable {
    /** Returned when no route matches: 404 No Route. */
    public static final CompiledRoute NO_ROUTE = new CompiledRoute(-1,
            new Route("no-route", null, Match.ANY, new RouteAction.Reject(Defaults.NO_ROUTE_CODE, Defaults.NO_ROUTE_REASON)),
            null, List.of());

    private final CompiledRoute[] all;
    /** realm -> (trunk or "" for none) -> candidate routes. */
    private final Map<String, Map<String, CompiledRoute[]>> candidates = new HashMap<>();

    RouteTable(Policy policy) {
        List<Route> routes = policy.routes();
        all = new CompiledRoute[routes.size()];
        for (int i = 0; i < all.length; i++) {
            Route r = routes.get(i);
            Trunk trunk = null;
            List<Trunk> failover = new ArrayList<>();
            if (r.action() instanceof RouteAction.ToTrunk t) {
                trunk = policy.trunks().get(t.trunk());
                for (String f : t.failover()) {
                    failover.add(policy.trunks().get(f));
                }
            }
            all[i] = new CompiledRoute(i, r, trunk, failover);
        }
        for (Realm realm : policy.realms().values()) {
            Map<String, CompiledRoute[]> byTrunk = new HashMap<>();
            byTrunk.put("", filter(realm.name(), null));
            for (Trunk t : policy.trunks().values()) {
                if (t.realm().equals(realm.name())) {
                    byTrunk.put(t.name(), filter(realm.name(), t.name()));
                }
            }
            candidates.put(realm.name(), byTrunk);
        }
    }

    private CompiledRoute[] filter(String realm, String trunk) {
        List<CompiledRoute> out = new ArrayList<>();
        for (CompiledRoute r : all) {
            String from = r.route().from();
            if (from == null || from.equals(realm) || from.equals(trunk)) {
                out.add(r);
            }
        }
        return out.toArray(new CompiledRoute[0]);
    }

    public List<CompiledRoute> routes() {
        return List.of(all);
    }

    /** The first route that applies, or {@link #NO_ROUTE}. Allocation-free apart from RE2 matching. */
    public CompiledRoute select(EvalContext ctx, MessageView msg) {
        for (CompiledRoute r : candidatesFor(ctx)) {
            if (r.firstFailure(ctx, msg) == null) {
                return r;
            }
        }
        return NO_ROUTE;
    }

    private CompiledRoute[] candidatesFor(EvalContext ctx) {
        Map<String, CompiledRoute[]> byTrunk = candidates.get(ctx.sourceRealm());
        if (byTrunk == null) {
            return all;
        }
        CompiledRoute[] c = byTrunk.get(ctx.sourceTrunk() == null ? "" : ctx.sourceTrunk());
        return c != null ? c : byTrunk.get("");
    }

    /** One step of route selection, for explain: a route and why it did not apply (null reason = chosen). */
    public record Check(CompiledRoute route, String failure) {
    }

    /** Every route up to and including the chosen one, with the reason each earlier one was passed over. */
    public List<Check> explain(EvalContext ctx, MessageView msg) {
        List<Check> out = new ArrayList<>();
        for (CompiledRoute r : all) {
            String f = r.firstFailure(ctx, msg);
            out.add(new Check(r, f));
            if (f == null) {
                return out;
            }
        }
        out.add(new Check(NO_ROUTE, null));
        return out;
    }
}
