package io.sbc.signaling.b2bua;

import io.sbc.policy.model.Trunk;
import io.sbc.signaling.auth.ChallengeResponder;
import io.sbc.signaling.auth.DigestClient;
import io.sbc.signaling.auth.DigestCredentials;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;

/**
 * {@link TrunkChallenges} with the auth package: answers a trunk's 401/407 with the trunk's
 * {@code auth:} credentials (RFC 3261 §22.2; MD5 or SHA-256 per RFC 8760, qop=auth with nonce counts,
 * {@link DigestClient}). A trunk without {@code auth:} gets no answer (the failure is relayed).
 *
 * <p>Threading: shared by every worker; each event loop gets its own {@link ChallengeResponder} (a
 * {@link DigestClient} keeps nonce counts and has one owner thread), so nothing is locked.
 */
public final class TrunkDigestChallenges implements TrunkChallenges {
    private final ThreadLocal<ChallengeResponder> responders =
            ThreadLocal.withInitial(() -> new ChallengeResponder(new DigestClient()));

    @Override
    public Credentials answer(Trunk trunk, SipRequest sent, SipResponse challenge) {
        SipRequest signed = sign(trunk, sent, challenge);
        if (signed == null) {
            return null;
        }
        String name = challenge.statusCode() == 407 ? "Proxy-Authorization" : "Authorization";
        java.util.List<String> values = signed.headerValues(name);
        // One challenged realm per trunk in practice; the seam carries one header.
        return values.isEmpty() ? null : new Credentials(name, values.get(0));
    }

    /**
     * The request re-signed for {@code challenge} (CSeq + 1, credentials added), or null when the trunk
     * has no credentials, they do not apply, or they already failed. The caller gives it a new branch.
     */
    public SipRequest sign(Trunk trunk, SipRequest sent, SipResponse challenge) {
        if (trunk == null || trunk.auth() == null) {
            return null;
        }
        return responders.get().respond(sent, challenge, DigestCredentials.of(trunk.auth()));
    }
}
