package io.sbc.policy.model;

/** Which messages a header rule applies to. */
public enum MessageKind { REQUEST, RESPONSE, ANY }
