package io.sbc.policy.model;

/** Templates for the user and host of a URI (Request-URI, From or To); null = leave as is. */
public record UriParts(String user, String host) {
}
