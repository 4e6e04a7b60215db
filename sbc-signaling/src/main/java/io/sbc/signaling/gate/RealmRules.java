package io.sbc.signaling.gate;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.AccessList;
import io.sbc.policy.model.Cidr;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.RealmLimits;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.validate.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * The gate's view of one realm, compiled from the policy: its ACL, its trusted sources and the
 * token-bucket parameters for untrusted and trusted sources. Immutable, shared by every loop.
 *
 * <p>Trusted (never auto-banned; over budget they get 503 + Retry-After): the IP-literal gateways of
 * the realm's trunks, the realm's {@code allow} CIDRs and its {@code auth.trust} CIDRs. The policy
 * has no separate "trusted" key yet. A realm with trunks admits its gateways even when its allow
 * list does not name them (deny still wins over allow, but not over a gateway).
 */
record RealmRules(String name, AccessList acl, Cidr[] gateways, Cidr[] trusted, long intervalNs, long toleranceNs,
        long trustedIntervalNs, long trustedToleranceNs, long banNs, int maxConnectionsPerSource) {

    static RealmRules of(PolicySnapshot snapshot, Realm realm, GateConfig config) {
        List<Cidr> gateways = new ArrayList<>();
        for (Trunk t : snapshot.policy().trunks().values()) {
            if (!t.realm().equals(realm.name())) {
                continue;
            }
            for (Gateway g : t.gateways()) {
                String host = g.uri().host();
                Cidr c = Values.cidr(host, e -> { });
                if (c != null) {
                    gateways.add(c);
                }
            }
        }
        List<Cidr> trusted = new ArrayList<>(gateways);
        trusted.addAll(realm.allow());
        if (realm.auth() != null) {
            trusted.addAll(realm.auth().trust());
        }
        RealmLimits limits = realm.limits();
        int rate = limits == null ? 0 : limits.ratePerSecond();
        int burst = limits == null ? 0 : Math.max(1, limits.burst());
        long banNs = limits == null || limits.ban() == null ? 0 : limits.ban().toNanos();
        AccessList acl = snapshot.accessList(realm.name());
        return new RealmRules(realm.name(), acl != null ? acl : new AccessList(realm),
                gateways.toArray(new Cidr[0]), trusted.toArray(new Cidr[0]),
                interval(rate), tolerance(rate, burst), interval(rate * (long) config.trustedBudgetFactor()),
                tolerance(rate * (long) config.trustedBudgetFactor(), burst * (long) config.trustedBudgetFactor()),
                banNs, limits == null ? 0 : limits.maxConnectionsPerSource());
    }

    /** Nanoseconds per token, rounded up so the bucket never admits more than the rate; 0 = unlimited. */
    static long interval(long ratePerSecond) {
        return ratePerSecond <= 0 ? 0 : (1_000_000_000L + ratePerSecond - 1) / ratePerSecond;
    }

    static long tolerance(long ratePerSecond, long burst) {
        return ratePerSecond <= 0 ? 0 : interval(ratePerSecond) * Math.max(1, burst);
    }

    boolean limited() {
        return intervalNs > 0;
    }

    boolean admitsV4(int address) {
        return acl.permitsV4(address) || containsV4(gateways, address);
    }

    boolean admitsV6(long high, long low) {
        return acl.permitsV6(high, low) || containsV6(gateways, high, low);
    }

    boolean trustsV4(int address) {
        return containsV4(trusted, address);
    }

    boolean trustsV6(long high, long low) {
        return containsV6(trusted, high, low);
    }

    private static boolean containsV4(Cidr[] list, int address) {
        for (Cidr c : list) {
            if (c.containsV4(address)) {
                return true;
            }
        }
        return false;
    }

    private static boolean containsV6(Cidr[] list, long high, long low) {
        for (Cidr c : list) {
            if (c.containsV6(high, low)) {
                return true;
            }
        }
        return false;
    }
}
