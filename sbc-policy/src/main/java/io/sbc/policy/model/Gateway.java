package io.sbc.policy.model;

/**
 * One address of a trunk. Lower priority is tried first; within one priority gateways share calls by
 * weight (RFC 2782 SRV semantics, weight 0 only when no other).
 */
public record Gateway(SipUri uri, int priority, int weight) {
}
