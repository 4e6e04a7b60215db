package io.sbc.policy.load;

import io.sbc.policy.model.Defaults;
import io.sbc.policy.model.GlobalLimits;
import io.sbc.policy.model.HeaderRule;
import io.sbc.policy.model.IdleStrategy;
import io.sbc.policy.model.LogFormat;
import io.sbc.policy.model.MediaRelay;
import io.sbc.policy.model.MediaSettings;
import io.sbc.policy.model.NodeSettings;
import io.sbc.policy.model.NumberRule;
import io.sbc.policy.model.Policy;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.Route;
import io.sbc.policy.model.Secret;
import io.sbc.policy.model.SecuritySettings;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.validate.Values;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds the top level of a version-1 policy tree into a {@link Policy}, section by section. */
final class PolicyBinder {
    private final BindContext ctx;

    PolicyBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    static boolean validName(String name) {
        return name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    }

    /** Returns the policy, or null when a problem makes the tree unusable (problems say why). */
    Policy bind(Node root) {
        YamlMap top = YamlMap.of(root, "", ctx.problems);
        if (root == null) {
            ctx.problems.add(root, "", "the file is empty; a policy starts with 'version: 1'");
            return null;
        }
        int version = top.integer("version", -1, 0, Integer.MAX_VALUE);
        if (!top.has("version")) {
            ctx.problems.add(root, "", "missing required key 'version' (write 'version: 1' at the top)");
        } else if (version != Defaults.VERSION && version != -1) {
            top.error("version", "unsupported version " + version + "; this SBC reads version 1");
        }
        YamlMap realmsMap = top.map("realms");
        YamlMap trunksMap = top.map("trunks");
        ctx.realmNames.addAll(realmsMap.keys());
        ctx.trunkNames.addAll(trunksMap.keys());
        for (String t : trunksMap.keys()) {
            if (ctx.realmNames.contains(t)) {
                ctx.problems.add(trunksMap.keyNode(t), "trunks", "'" + t + "' is already a realm name; "
                        + "routes and rules refer to both by name, so names must differ");
            }
        }
        if (!top.has("realms") || realmsMap.keys().isEmpty()) {
            ctx.problems.add(root, "", "missing required key 'realms': at least one realm with a listen address");
        }

        NodeSettings node = bindNode(top.map("node"));
        MediaSettings media = bindMedia(top.map("media"));
        Map<String, Realm> realms = new RealmBinder(ctx).bind(realmsMap);
        for (String t : trunksMap.keys()) {
            if (!validName(t)) {
                ctx.problems.add(trunksMap.keyNode(t), "trunks", "trunk name '" + t + "' must be letters, digits, '-', '_' or '.'");
            }
        }
        Map<String, Trunk> trunks = new TrunkBinder(ctx).bind(trunksMap);
        List<Route> routes = new RouteBinder(ctx).bind(top.get("routes"), "routes");
        List<HeaderRule> headerRules = new HeaderRuleBinder(ctx).bind(top.get("header-rules"), "header-rules");
        List<NumberRule> numberRules = new NumberRuleBinder(ctx).bind(top.get("number-rules"), "number-rules");

        YamlMap lm = top.map("limits");
        GlobalLimits limits = new GlobalLimits(
                lm.integer("max-calls", Defaults.GLOBAL_MAX_CALLS, 0, 10_000_000),
                lm.integer("cps", Defaults.GLOBAL_CPS, 0, 1_000_000),
                lm.integer("max-message-size", Defaults.MAX_MESSAGE_BYTES, Defaults.MIN_MESSAGE_BYTES, Defaults.MAX_MESSAGE_BYTES_BOUND),
                lm.integer("max-connections", Defaults.GLOBAL_MAX_CONNECTIONS, 1, 1_000_000));
        lm.finish();
        for (Realm r : realms.values()) {
            if (r.maxMessageBytes() > limits.maxMessageBytes()) {
                YamlMap rm = YamlMap.of(realmsMap.get(r.name()), realmsMap.child(r.name()), new Problems(ctx.problems.file()));
                ctx.problems.add(rm.position("max-message-size"), "realms." + r.name() + ".max-message-size",
                        r.maxMessageBytes() + " exceeds the global limits.max-message-size " + limits.maxMessageBytes());
            }
        }
        YamlMap sm = top.map("security");
        List<String> scanners = sm.has("scanner-user-agents") ? sm.strings("scanner-user-agents") : Defaults.SCANNER_USER_AGENTS;
        java.time.Duration handshake = sm.duration("tls-handshake-timeout", Defaults.TLS_HANDSHAKE_TIMEOUT, false);
        if (handshake != null && handshake.isZero()) {
            sm.error("tls-handshake-timeout", "tls-handshake-timeout must be positive");
        }
        SecuritySettings security = new SecuritySettings(scanners, sm.bool("ban-scanners", Defaults.BAN_SCANNERS), handshake);
        sm.finish();
        top.finish();
        if (!ctx.problems.isEmpty()) {
            return null;
        }
        return new Policy(Defaults.VERSION, node, media, realms, trunks, routes, headerRules, numberRules, limits, security);
    }

    private NodeSettings bindNode(YamlMap m) {
        String name = m.string("name", Defaults.NODE_NAME);
        var admin = m.parsed("admin", Defaults.ADMIN, (s, e) -> Values.hostPort(s, false, null, e));
        Secret token = null;
        String tokenRef = m.string("admin-token", null);
        if (tokenRef != null) {
            token = ctx.secrets.resolve(tokenRef, msg -> m.error("admin-token", msg));
        }
        String cdr = m.string("cdr", Defaults.CDR_DIRECTORY);
        var retention = m.duration("cdr-retention", Defaults.CDR_RETENTION, true);
        var drain = m.duration("drain-timeout", Defaults.DRAIN_TIMEOUT, false);
        LogFormat format = m.choice("log-format", Defaults.LOG_FORMAT, LogFormat.class);
        var hep = m.parsed("hep", null, Values::udpHostPort);
        if (admin != null && !isLoopback(admin.host()) && tokenRef == null) {
            m.error("admin", "admin API on a non-loopback address needs an admin-token (it can reload policy and lift bans)");
        }
        m.finish();
        return new NodeSettings(name, admin, token, cdr, retention, drain, format, hep);
    }

    private static boolean isLoopback(String host) {
        Integer v4 = Values.ipv4(host);
        if (v4 != null) {
            return (v4 >>> 24) == 127;
        }
        return host.equals("::1") || host.equals("localhost");
    }

    private MediaSettings bindMedia(YamlMap m) {
        List<MediaRelay> relays = m.has("relays") ? m.list("relays", Values::relay) : Defaults.MEDIA_RELAYS;
        if (m.has("relays") && relays.isEmpty()) {
            m.error("relays", "needs at least one relay (embedded or udp://HOST:PORT)");
        }
        var ports = m.parsed("ports", Defaults.MEDIA_PORTS, Values::portRange);
        var timeout = m.duration("timeout", Defaults.MEDIA_TIMEOUT, false);
        IdleStrategy idle = m.choice("idle", Defaults.MEDIA_IDLE, IdleStrategy.class);
        int workers = m.integer("workers", Defaults.MEDIA_WORKERS, 1, Defaults.MAX_MEDIA_WORKERS);
        var quarantine = m.duration("port-quarantine", Defaults.MEDIA_PORT_QUARANTINE, false);
        if (quarantine.compareTo(Defaults.MAX_MEDIA_PORT_QUARANTINE) > 0) {
            m.error("port-quarantine", "port quarantine '" + m.string("port-quarantine", "") + "' is too long (at most "
                    + Defaults.MAX_MEDIA_PORT_QUARANTINE.toMinutes() + "m; each call's 4 ports stay unusable this long"
                    + " after it ends)");
            quarantine = Defaults.MEDIA_PORT_QUARANTINE;
        }
        m.finish();
        return new MediaSettings(relays.isEmpty() ? Defaults.MEDIA_RELAYS : relays, ports, timeout, idle, workers,
                quarantine);
    }
}
