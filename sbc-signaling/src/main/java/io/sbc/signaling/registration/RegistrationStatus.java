package io.sbc.signaling.registration;

/**
 * A snapshot of one trunk registration, for {@code /api/trunks}.
 *
 * @param trunk               trunk name
 * @param state               current state
 * @param expiresAtMillis     when the current binding expires (clock of the registration); 0 when none
 * @param nextAttemptAtMillis when the next REGISTER (refresh or retry) is due; 0 when none scheduled
 * @param lastStatusCode      status of the last final response, 0 for none, 408 for a timeout
 * @param lastReason          reason phrase or failure text of the last final outcome (never secrets)
 * @param consecutiveFailures failures since the last success (drives the backoff)
 */
public record RegistrationStatus(String trunk, RegistrationState state, long expiresAtMillis,
        long nextAttemptAtMillis, int lastStatusCode, String lastReason, int consecutiveFailures) {
}
