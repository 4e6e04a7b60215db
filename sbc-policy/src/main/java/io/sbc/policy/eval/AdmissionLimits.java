package io.sbc.policy.eval;

import io.sbc.policy.model.GlobalLimits;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.RealmLimits;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.model.TrunkLimits;

/**
 * Limits that apply to one call: the source realm's per-source bucket and ban, the destination
 * trunk's CPS and concurrency, the global caps, and the effective message size (the smaller of the
 * realm's and the global). Computed once per (realm, trunk) pair at load. 0 = unlimited.
 */
public record AdmissionLimits(String realm, String trunk, RealmLimits perSource, TrunkLimits perTrunk,
        GlobalLimits global, int maxMessageBytes) {
    public AdmissionLimits(Realm realm, Trunk trunk, GlobalLimits global) {
        this(realm.name(), trunk == null ? null : trunk.name(), realm.limits(),
                trunk == null ? null : trunk.limits(), global, Math.min(realm.maxMessageBytes(), global.maxMessageBytes()));
    }

    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("realm ").append(realm).append(": per source ").append(perSource.ratePerSecond()).append(" msg/s, burst ")
                .append(perSource.burst()).append(", ban ").append(perSource.ban().toSeconds()).append("s, ")
                .append(perSource.maxConnectionsPerSource()).append(" connections\n");
        if (perTrunk != null) {
            sb.append("trunk ").append(trunk).append(": cps ").append(unlimited(perTrunk.cps()))
                    .append(", concurrent ").append(unlimited(perTrunk.concurrent())).append('\n');
        }
        sb.append("global: calls ").append(unlimited(global.maxCalls())).append(", cps ").append(unlimited(global.cps()))
                .append('\n');
        sb.append("message size: ").append(maxMessageBytes).append(" bytes");
        return sb.toString();
    }

    private static String unlimited(int v) {
        return v == 0 ? "unlimited" : Integer.toString(v);
    }
}
