package io.sbc.policy.model;

/** A condition on a header: present (regex null), absent ({@code present=false}), or a value matching regex. */
public record HeaderCondition(boolean present, String regex) {
}
