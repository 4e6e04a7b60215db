package io.sbc.signaling.auth;

import io.sbc.signaling.message.SipResponse;

/**
 * What {@link DigestServer#authenticate} decided for one request.
 *
 * @param outcome   the decision
 * @param username  the authenticated user for {@link Outcome#AUTHENTICATED}; null otherwise
 * @param challenge for {@link Outcome#CHALLENGED}: the 401/407 to send on the request's server
 *                  transaction; null otherwise
 */
public record AuthResult(Outcome outcome, String username, SipResponse challenge) {

    public enum Outcome {
        /** The realm has no users: nothing to check (the realm ACL already admitted the source). */
        NOT_REQUIRED,
        /** The source is in the realm's trusted CIDRs (IP trust, no challenge). */
        TRUSTED,
        /** Valid credentials of a policy user. */
        AUTHENTICATED,
        /** No, wrong, stale or replayed credentials: send {@link #challenge()}. */
        CHALLENGED
    }

    /** True when the request may proceed. */
    public boolean admitted() {
        return outcome != Outcome.CHALLENGED;
    }
}
