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
    /**
     * realm -> (trunk or "" for none) -> Request-URI user key -> candidate routes, in file order.
     * A route is left out of a list only when it cannot match (wrong source, or a ruri-user
     * condition that excludes the user's leading characters), so a scan of the list gives the same
     * first match as a scan of all routes, over far fewer routes.
     */
    private final Map<String, Map<String, CompiledRoute[][]>> candidates = new HashMap<>();

    /** Number of user keys: one per first character, one per character after a leading '+', one for the rest. */
    static final int KEYS = 513;
    static final int OTHER = 512;

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
            Map<String, CompiledRoute[][]> byTrunk = new HashMap<>();
            byTrunk.put("", filter(realm.name(), null));
            for (Trunk t : policy.trunks().values()) {
                if (t.realm().equals(realm.name())) {
                    byTrunk.put(t.name(), filter(realm.name(), t.name()));
                }
            }
            candidates.put(realm.name(), byTrunk);
        }
    }

    private CompiledRoute[][] filter(String realm, String trunk) {
        List<CompiledRoute> bySource = new ArrayList<>();
        for (CompiledRoute r : all) {
            String from = r.route().from();
            if (from == null || from.equals(realm) || from.equals(trunk)) {
                bySource.add(r);
            }
        }
        java.util.BitSet[] keys = new java.util.BitSet[bySource.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = bySource.get(i).match().userKeys();
        }
        CompiledRoute[][] table = new CompiledRoute[KEYS][];
        Map<List<CompiledRoute>, CompiledRoute[]> shared = new HashMap<>();
        for (int k = 0; k < KEYS; k++) {
            List<CompiledRoute> list = new ArrayList<>();
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] == null || keys[i].get(k)) {
                    list.add(bySource.get(i));
                }
            }
            table[k] = shared.computeIfAbsent(list, l -> l.toArray(new CompiledRoute[0]));
        }
        return table;
    }

    /** Index key of a user by its leading characters: c0, or 256 + c1 after a leading '+'. */
    static int key(char c0, char c1) {
        return c0 == '+' ? 256 + c1 : c0;
    }

    static int keyOf(String user) {
        if (user == null || user.isEmpty()) {
            return OTHER;
        }
        char c0 = user.charAt(0);
        if (c0 == '+') {
            if (user.length() < 2 || user.charAt(1) > 255) {
                return OTHER;
            }
            return 256 + user.charAt(1);
        }
        return c0 > 255 ? OTHER : c0;
    }

    public List<CompiledRoute> routes() {
        return List.of(all);
    }

    /** The first route that applies, or {@link #NO_ROUTE}. Allocation-free apart from RE2 matching. */
    public CompiledRoute select(EvalContext ctx, MessageView msg) {
        for (CompiledRoute r : candidatesFor(ctx, msg)) {
            if (r.firstFailure(ctx, msg) == null) {
                return r;
            }
        }
        return NO_ROUTE;
    }

    private CompiledRoute[] candidatesFor(EvalContext ctx, MessageView msg) {
        Map<String, CompiledRoute[][]> byTrunk = candidates.get(ctx.sourceRealm());
        if (byTrunk == null) {
            return all;
        }
        CompiledRoute[][] c = byTrunk.get(ctx.sourceTrunk() == null ? "" : ctx.sourceTrunk());
        if (c == null) {
            c = byTrunk.get("");
        }
        return c[keyOf(msg.ruriUser())];
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
