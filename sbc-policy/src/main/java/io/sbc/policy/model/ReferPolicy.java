package io.sbc.policy.model;

/** REFER from this trunk's side: relay to the other side, or reject with 403. */
public enum ReferPolicy { RELAY, REJECT }
