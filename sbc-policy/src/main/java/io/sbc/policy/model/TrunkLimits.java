package io.sbc.policy.model;

/** Admission limits of a trunk: new calls per second and calls in progress; 0 = unlimited. */
public record TrunkLimits(int cps, int concurrent) {
}
