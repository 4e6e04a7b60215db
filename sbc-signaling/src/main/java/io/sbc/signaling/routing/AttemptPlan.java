package io.sbc.signaling.routing;

import io.sbc.policy.compile.CompiledRoute;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.Trunk;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The order in which a routed call tries gateways (issue #5 "Routing and failover"): the route's
 * trunk first, then each failover trunk in order; within a trunk by priority, then weighted random
 * within a priority (RFC 2782, {@link CompiledRoute#gatewayOrder}). Gateways marked down by
 * OPTIONS keep-alive are skipped, and so is a gateway for the share of new calls its RFC 7339
 * {@code oc} value asks to divert. A timeout, a 503 or a transport error moves the call to the next
 * attempt; when none is left the caller gets 503.
 */
public final class AttemptPlan {
    private AttemptPlan() {
    }

    /** Every attempt for {@code route}, in order; empty when every gateway is down. */
    public static List<CallAttempt> of(CompiledRoute route, GatewayHealth health, RandomGenerator random) {
        List<CallAttempt> out = new ArrayList<>();
        add(route.trunk(), health, random, out);
        for (Trunk t : route.failover()) {
            add(t, health, random, out);
        }
        return out;
    }

    private static void add(Trunk trunk, GatewayHealth health, RandomGenerator random, List<CallAttempt> out) {
        if (trunk == null) {
            return;
        }
        for (Gateway g : CompiledRoute.gatewayOrder(trunk, random)) {
            // RFC 7339 §5.3: a gateway that asked for oc=N% loses N% of new calls to the next one.
            if (health.isUp(g.uri().text()) && !health.diverted(g.uri().host(), random)) {
                out.add(new CallAttempt(trunk, g));
            }
        }
    }
}
