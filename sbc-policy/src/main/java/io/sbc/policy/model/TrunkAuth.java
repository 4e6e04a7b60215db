package io.sbc.policy.model;

/** Credentials the SBC answers a trunk's digest challenges with. */
public record TrunkAuth(String username, Secret password, String realm) {
}
