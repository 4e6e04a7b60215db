package io.sbc.policy.model;

/** Media worker idle behaviour: spin on dedicated cores, backoff (spin, yield, park) otherwise. */
public enum IdleStrategy { SPIN, BACKOFF }
