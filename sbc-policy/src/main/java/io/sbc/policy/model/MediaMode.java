package io.sbc.policy.model;

/** anchor: media flows through the relay (default); bypass: endpoints send to each other. */
public enum MediaMode { ANCHOR, BYPASS }
