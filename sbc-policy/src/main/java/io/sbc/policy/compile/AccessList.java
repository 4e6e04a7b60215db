package io.sbc.policy.compile;

import io.sbc.policy.model.Cidr;
import io.sbc.policy.model.Realm;
import java.util.List;

/**
 * A realm's ACL for the gate (design "Signaling data flow" step 2): {@code deny} first, then
 * {@code allow} (empty allow = anyone). Addresses are numbers; no allocation per check.
 * Immutable, shared by every event loop.
 */
public final class AccessList {
    private final Cidr[] allow;
    private final Cidr[] deny;

    public AccessList(Realm realm) {
        this(realm.allow(), realm.deny());
    }

    public AccessList(List<Cidr> allow, List<Cidr> deny) {
        this.allow = allow.toArray(new Cidr[0]);
        this.deny = deny.toArray(new Cidr[0]);
    }

    /** IPv4 source as an int (e.g. {@code Inet4Address.hashCode()}). */
    public boolean permitsV4(int address) {
        for (Cidr c : deny) {
            if (c.containsV4(address)) {
                return false;
            }
        }
        if (allow.length == 0) {
            return true;
        }
        for (Cidr c : allow) {
            if (c.containsV4(address)) {
                return true;
            }
        }
        return false;
    }

    /** IPv6 source as two 64-bit halves (network order). */
    public boolean permitsV6(long high, long low) {
        for (Cidr c : deny) {
            if (c.containsV6(high, low)) {
                return false;
            }
        }
        if (allow.length == 0) {
            return true;
        }
        for (Cidr c : allow) {
            if (c.containsV6(high, low)) {
                return true;
            }
        }
        return false;
    }
}
