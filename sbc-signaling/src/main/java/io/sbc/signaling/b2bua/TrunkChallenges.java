package io.sbc.signaling.b2bua;

import io.sbc.policy.model.Trunk;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;

/**
 * The seam for digest authentication toward trunks (RFC 3261 §22.2, the auth package implements
 * it): when a trunk answers the B leg's INVITE with 401 or 407, the B2BUA asks for credentials and,
 * when it gets them, sends the INVITE again to the same gateway with a new CSeq and branch (same
 * Call-ID and From tag) plus the returned header. Once per attempt; a second challenge is relayed
 * to the caller as a failure. Called on the call's event loop: must not block.
 */
@FunctionalInterface
public interface TrunkChallenges {

    /** A header answering the challenge, e.g. {@code Proxy-Authorization}. */
    record Credentials(String headerName, String headerValue) {
    }

    /**
     * @param trunk     the trunk that challenged (its {@code auth:} holds the secret)
     * @param sent      the INVITE as sent (method, Request-URI and body for the digest)
     * @param challenge the 401/407 with WWW-Authenticate / Proxy-Authenticate
     * @return the header to add, or null to give up (the failure is relayed to the caller)
     */
    Credentials answer(Trunk trunk, SipRequest sent, SipResponse challenge);
}
