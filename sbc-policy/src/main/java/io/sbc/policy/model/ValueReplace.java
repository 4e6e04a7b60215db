package io.sbc.policy.model;

/** Regex replacement inside every value of one header; {@code with} may use $1.. group references. */
public record ValueReplace(String header, String regex, String with) {
}
