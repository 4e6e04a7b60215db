package io.sbc.policy;

import io.sbc.policy.compile.AccessList;
import io.sbc.policy.compile.CompiledHeaderRules;
import io.sbc.policy.compile.CompiledNumberRules;
import io.sbc.policy.compile.RouteTable;
import io.sbc.policy.compile.ScannerCheck;
import io.sbc.policy.eval.AdmissionLimits;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.Policy;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.validate.Values;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded, validated and compiled policy: immutable, shared by every thread. The running SBC
 * holds the current one in a {@link PolicyHolder}; each call keeps the snapshot it started with, so
 * a reload never changes the rules under a call in progress.
 */
public final class PolicySnapshot {
    private final Policy policy;
    private final Path source;
    private final Instant loadedAt;
    private final long generation;
    private final RouteTable routes;
    private final CompiledHeaderRules headerRules;
    private final CompiledNumberRules numberRules;
    /** (realm + '|' + gateway IP) to trunk, for identifying the trunk a request came from. */
    private final Map<String, Trunk> trunkByGateway;
    private final Map<String, AdmissionLimits> limits = new HashMap<>();
    private final Map<String, AccessList> acls = new HashMap<>();
    private final ScannerCheck scanners;

    public PolicySnapshot(Policy policy, Path source, Instant loadedAt, long generation, RouteTable routes,
            CompiledHeaderRules headerRules, CompiledNumberRules numberRules) {
        this.policy = policy;
        this.source = source;
        this.loadedAt = loadedAt;
        this.generation = generation;
        this.routes = routes;
        this.headerRules = headerRules;
        this.numberRules = numberRules;
        Map<String, Trunk> byGw = new HashMap<>();
        for (Trunk t : policy.trunks().values()) {
            for (Gateway g : t.gateways()) {
                String host = g.uri().host();
                if (Values.ipv4(host) != null || Values.ipv6(host) != null) {
                    byGw.putIfAbsent(t.realm() + "|" + canonicalIp(host), t);
                }
            }
        }
        this.trunkByGateway = Map.copyOf(byGw);
        this.scanners = new ScannerCheck(policy.security().scannerUserAgents());
        for (Realm r : policy.realms().values()) {
            acls.put(r.name(), new AccessList(r));
            limits.put(r.name() + "|", new AdmissionLimits(r, null, policy.limits()));
            for (Trunk t : policy.trunks().values()) {
                limits.put(r.name() + "|" + t.name(), new AdmissionLimits(r, t, policy.limits()));
            }
        }
    }

    private static String canonicalIp(String literal) {
        if (Values.ipv4(literal) != null) {
            return literal;
        }
        try {
            return InetAddress.getByAddress(Values.ipv6(literal)).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return literal;
        }
    }

    /** The bound model, exactly as written (with defaults filled in). */
    public Policy policy() {
        return policy;
    }

    /** File this snapshot was loaded from; null when loaded from text. */
    public Path source() {
        return source;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Increases with every successful load by the same loader: tells snapshots apart in logs. */
    public long generation() {
        return generation;
    }

    public Realm realm(String name) {
        return policy.realms().get(name);
    }

    public Trunk trunk(String name) {
        return policy.trunks().get(name);
    }

    /** Every listen address of every realm, in file order. */
    public List<ListenAddress> listenAddresses() {
        List<ListenAddress> out = new ArrayList<>();
        for (Realm r : policy.realms().values()) {
            out.addAll(r.listen());
        }
        return out;
    }

    /**
     * The trunk whose gateway (an IP literal in its URI) is {@code source}, among trunks of
     * {@code realm}; null when the sender is no known gateway. Gateways given by host name are
     * not matched (no DNS on the request path).
     */
    public Trunk trunkAt(String realm, InetAddress source) {
        String ip = source instanceof Inet4Address ? source.getHostAddress() : canonicalIp(source.getHostAddress());
        return trunkByGateway.get(realm + "|" + ip);
    }

    /** The gate's ACL of {@code realm} (deny, then allow); null for an unknown realm. */
    public AccessList accessList(String realm) {
        return acls.get(realm);
    }

    /** True when {@code userAgent} contains one of security.scanner-user-agents (case-insensitive). */
    public boolean isScanner(String userAgent) {
        return scanners.isScanner(userAgent);
    }

    public RouteTable routes() {
        return routes;
    }

    public CompiledHeaderRules headerRules() {
        return headerRules;
    }

    public CompiledNumberRules numberRules() {
        return numberRules;
    }

    /** Limits that apply to a call from {@code realm} toward {@code trunk} (null trunk: realm and global only). */
    public AdmissionLimits limits(String realm, String trunk) {
        return limits.get(realm + "|" + (trunk == null ? "" : trunk));
    }

    @Override
    public String toString() {
        return "PolicySnapshot[generation=" + generation + ", source=" + source + ", realms=" + policy.realms().keySet()
                + ", trunks=" + policy.trunks().keySet() + ", routes=" + policy.routes().size() + "]";
    }
}
