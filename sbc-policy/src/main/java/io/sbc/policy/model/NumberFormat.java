package io.sbc.policy.model;

/** Target form of a number: E.164 with +, E.164 digits without +, national, or unchanged. */
public enum NumberFormat { E164, E164_NO_PLUS, NATIONAL, KEEP }
