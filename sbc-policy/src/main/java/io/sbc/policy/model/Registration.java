package io.sbc.policy.model;

/**
 * Registration of the SBC to a trunk (RFC 3261 section 10).
 *
 * @param aor            address of record registered
 * @param expiresSeconds requested Expires; refreshed before it runs out
 * @param registrar      registrar URI; null = the first gateway
 */
public record Registration(SipUri aor, int expiresSeconds, SipUri registrar) {
}
