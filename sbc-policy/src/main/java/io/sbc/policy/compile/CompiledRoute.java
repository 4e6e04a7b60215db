package io.sbc.policy.compile;

import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.eval.MessageView;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.Route;
import io.sbc.policy.model.RouteAction;
import io.sbc.policy.model.Trunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * A route ready to evaluate: its conditions compiled and its action resolved to trunk objects.
 * The result of route selection; the signaling plane reads {@link #isReject()}, the trunks, and asks
 * {@link #gatewayOrder} for the order in which to try gateways.
 */
public final class CompiledRoute {
    private final int index;
    private final Route route;
    private final CompiledMatch match;
    private final Trunk trunk;
    private final List<Trunk> failover;
    private final int rejectCode;
    private final String rejectReason;
    private final String fromFailure;

    CompiledRoute(int index, Route route, Trunk trunk, List<Trunk> failover) {
        this.index = index;
        this.route = route;
        this.match = new CompiledMatch(route.match());
        this.fromFailure = "source is not " + route.from();
        this.trunk = trunk;
        this.failover = List.copyOf(failover);
        if (route.action() instanceof RouteAction.Reject r) {
            rejectCode = r.code();
            rejectReason = r.reason();
        } else {
            rejectCode = 0;
            rejectReason = null;
        }
    }

    /** Position in the file's route list (0-based); -1 for the built-in "no route" answer. */
    public int index() {
        return index;
    }

    public String name() {
        return route.name();
    }

    public Route route() {
        return route;
    }

    public boolean isReject() {
        return rejectCode != 0;
    }

    public int rejectCode() {
        return rejectCode;
    }

    public String rejectReason() {
        return rejectReason;
    }

    /** The trunk to route to; null for a reject. */
    public Trunk trunk() {
        return trunk;
    }

    /** Further trunks, in order, when every gateway of {@link #trunk()} fails. */
    public List<Trunk> failover() {
        return failover;
    }

    /** Null when the route applies to this message; otherwise why not. */
    public String firstFailure(EvalContext ctx, MessageView msg) {
        if (route.from() != null && !ctx.isFrom(route.from())) {
            return fromFailure;
        }
        return match.firstFailure(ctx, msg);
    }

    public CompiledMatch match() {
        return match;
    }

    /**
     * The gateways of {@code t} in the order to try them: ascending priority; within a priority, a
     * weighted random order (RFC 2782: each pick proportional to weight, weight-0 entries last).
     */
    public static List<Gateway> gatewayOrder(Trunk t, RandomGenerator random) {
        TreeMap<Integer, List<Gateway>> byPriority = new TreeMap<>();
        for (Gateway g : t.gateways()) {
            byPriority.computeIfAbsent(g.priority(), k -> new ArrayList<>()).add(g);
        }
        List<Gateway> out = new ArrayList<>(t.gateways().size());
        for (List<Gateway> group : byPriority.values()) {
            List<Gateway> left = new ArrayList<>(group);
            left.sort(Comparator.comparingInt(Gateway::weight).reversed());
            while (!left.isEmpty()) {
                long total = 0;
                for (Gateway g : left) {
                    total += g.weight();
                }
                int pick = 0;
                if (total > 0) {
                    long r = random.nextLong(total);
                    for (int i = 0; i < left.size(); i++) {
                        r -= left.get(i).weight();
                        if (r < 0) {
                            pick = i;
                            break;
                        }
                    }
                }
                out.add(left.remove(pick));
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "route " + (index + 1) + " '" + route.name() + "'";
    }
}
