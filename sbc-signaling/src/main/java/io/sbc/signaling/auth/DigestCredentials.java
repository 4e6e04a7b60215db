package io.sbc.signaling.auth;

import io.sbc.policy.model.Secret;
import io.sbc.policy.model.TrunkAuth;
import java.util.Objects;

/**
 * What the SBC answers a trunk's challenges with (policy {@code trunks.NAME.auth}). {@code realm}
 * restricts the credentials to challenges of that realm; null answers any realm (RFC 3261 §22.2: a
 * UAC SHOULD know which realm its credentials belong to, but trunk configuration often omits it).
 * {@link #toString()} never shows the password.
 */
public record DigestCredentials(String username, Secret password, String realm) {
    public DigestCredentials {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    public static DigestCredentials of(TrunkAuth auth) {
        return new DigestCredentials(auth.username(), auth.password(), auth.realm());
    }

    /** True when these credentials may answer a challenge for {@code challengeRealm}. */
    public boolean appliesTo(String challengeRealm) {
        return realm == null || realm.equals(challengeRealm);
    }

    @Override
    public String toString() {
        return "DigestCredentials[" + username + ", " + password + (realm == null ? "" : ", realm=" + realm) + "]";
    }
}
