package io.sbc.policy.model;

import java.util.List;

/**
 * Who may send requests into a realm. With users, requests are challenged (digest), except from
 * trusted addresses; without users, everything the realm's ACL lets in is accepted.
 *
 * @param digestRealm realm string in the challenge
 * @param users       users with their secrets
 * @param trust       sources exempt from challenges
 */
public record RealmAuth(String digestRealm, List<AuthUser> users, List<Cidr> trust) {
    public RealmAuth {
        users = List.copyOf(users);
        trust = List.copyOf(trust);
    }

    public boolean challenges() {
        return !users.isEmpty();
    }
}
