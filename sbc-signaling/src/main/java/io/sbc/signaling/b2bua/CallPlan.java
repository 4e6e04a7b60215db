package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.CompiledRoute;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.model.Trunk;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.routing.AttemptPlan;
import io.sbc.signaling.routing.CallAttempt;
import io.sbc.signaling.routing.GatewayHealth;

import java.net.InetAddress;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What the policy decides for a new INVITE (design "Signaling data flow" step 6): the source trunk,
 * the inbound number and header rules, the route and the gateways to try. The one function live
 * calls ({@link B2bua}) and {@code ops/sbc explain} ({@link ExplainCommand}) both use.
 *
 * @param in          where the request came from
 * @param sourceTrunk the trunk whose gateway sent it, or null
 * @param inbound     the request after the inbound rules
 * @param route       the chosen route (a reject, or a trunk with failover)
 * @param attempts    gateways to try, in order (empty for a reject or when every gateway is down)
 */
public record CallPlan(EvalContext in, Trunk sourceTrunk, MessageDraft inbound, CompiledRoute route,
        List<CallAttempt> attempts) {

    public static CallPlan of(PolicySnapshot snapshot, String realm, InetAddress source, SipRequest request,
            GatewayHealth health, RandomGenerator random) {
        Trunk sourceTrunk = snapshot.trunkAt(realm, source);
        EvalContext in = EvalContext.inbound(realm, sourceTrunk == null ? null : sourceTrunk.name(), source);
        MessageDraft inbound = OutboundRequests.inbound(snapshot, in, request, null);
        CompiledRoute route = snapshot.routes().select(in, inbound);
        List<CallAttempt> attempts = route.isReject() ? List.of() : AttemptPlan.of(route, health, random);
        return new CallPlan(in, sourceTrunk, inbound, route, attempts);
    }
}
