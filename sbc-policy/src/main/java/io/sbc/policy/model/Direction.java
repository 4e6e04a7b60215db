package io.sbc.policy.model;

/**
 * When a rule runs: {@code INBOUND} on a message as received (before routing; only its source is
 * known), {@code OUTBOUND} on a message as it leaves toward its destination.
 */
public enum Direction { INBOUND, OUTBOUND }
