package io.sbc.signaling.routing;

import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.Trunk;

/** One place to try a call: a gateway of a trunk (the route's trunk or one of its failover trunks). */
public record CallAttempt(Trunk trunk, Gateway gateway) {
    @Override
    public String toString() {
        return trunk.name() + " " + gateway.uri();
    }
}
