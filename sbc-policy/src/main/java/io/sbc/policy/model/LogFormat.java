package io.sbc.policy.model;

/** Log line format: human text or one JSON object per line for log shippers. */
public enum LogFormat { TEXT, JSON }
