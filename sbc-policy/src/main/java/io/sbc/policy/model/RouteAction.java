package io.sbc.policy.model;

import java.util.List;

/** What a route does: send to a trunk (with failover trunks), or reject. */
public sealed interface RouteAction {
    /** Route to {@code trunk}; when all its gateways fail, try {@code failover} trunks in order. */
    record ToTrunk(String trunk, List<String> failover) implements RouteAction {
        public ToTrunk {
            failover = List.copyOf(failover);
        }
    }

    /** Answer with {@code code} and {@code reason}. */
    record Reject(int code, String reason) implements RouteAction {
    }
}
