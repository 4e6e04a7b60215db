package io.sbc.policy.model;

/** The user parts a number rule rewrites. */
public enum NumberField { RURI, FROM, TO, PAI }
