package io.sbc.policy.model;

/** A user that may authenticate to a realm with HTTP digest (RFC 3261 section 22). */
public record AuthUser(String username, Secret password) {
}
