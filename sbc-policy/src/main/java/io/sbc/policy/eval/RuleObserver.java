package io.sbc.policy.eval;

/** Told about each rule action that changed a message (explain collects these; the hot path passes null). */
@FunctionalInterface
public interface RuleObserver {
    void fired(String rule, String action);
}
