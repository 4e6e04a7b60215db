package io.sbc.signaling.b2bua;

import io.sbc.signaling.routing.CallAttempt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateways named by host name (issue #5, RFC 3263): the attempt waits for the resolver (its own
 * threads, cached answers) and continues on the call's event loop.
 */
final class GatewayResolution {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayResolution.class);

    private GatewayResolution() {
    }

    /**
     * A gateway named by host name: located per RFC 3263 (NAPTR/SRV/A/AAAA, cached by the resolver)
     * off the loop, then this attempt continues on the loop with the first target on the listen
     * point's transport; none (or the call ended meanwhile) moves on to the next attempt.
     */
    static boolean resolveThenSend(B2bua b2bua, CallLegs legs, Call c, CallAttempt at, SipEndpoint out,
            TrunkChallenges.Credentials credentials) {
        io.sbc.policy.model.SipUri u = at.gateway().uri();
        int index = c.attemptIndex;
        c.attempt = at;
        b2bua.resolver().resolve(u.host(), u.port(), u.transport(), u.secure()).thenAcceptAsync(targets -> {
            if (c.state == CallState.ENDED || c.attemptIndex != index) {
                return;
            }
            String token = out.point().transport().viaToken();
            for (io.sbc.signaling.dns.SipTarget t : targets) {
                if (t.transport().equalsIgnoreCase(token) && legs.sendTo(c, at, out, t.address(), credentials)) {
                    return;
                }
            }
            LOG.info("gateway {} did not resolve to a {} target (RFC 3263)", u.text(), token);
            legs.nextAttempt(c);
        }, b2bua.loop);
        return true;
    }
}
