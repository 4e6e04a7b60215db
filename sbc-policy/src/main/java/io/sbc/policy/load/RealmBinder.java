package io.sbc.policy.load;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.ClientAuth;
import io.sbc.policy.model.Defaults;
import io.sbc.policy.model.EndpointLearning;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.RealmLimits;
import io.sbc.policy.model.Secret;
import io.sbc.policy.model.SipTimers;
import io.sbc.policy.model.TlsSettings;
import io.sbc.policy.validate.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds {@code realms:}; checks that no two realms (or one realm twice) claim the same socket. */
final class RealmBinder {
    private final BindContext ctx;

    RealmBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    Map<String, Realm> bind(YamlMap realms) {
        Map<String, Realm> out = new LinkedHashMap<>();
        Map<String, String> claimed = new HashMap<>();
        for (String name : realms.keys()) {
            YamlMap m = YamlMap.of(realms.get(name), realms.child(name), ctx.problems);
            if (!PolicyBinder.validName(name)) {
                ctx.problems.add(realms.keyNode(name), realms.path(), "realm name '" + name + "' must be letters, digits, '-', '_' or '.'");
            }
            Realm r = bindOne(name, m, claimed);
            if (r != null) {
                out.put(name, r);
            }
        }
        return out;
    }

    private Realm bindOne(String name, YamlMap m, Map<String, String> claimed) {
        List<ListenAddress> listen = new ArrayList<>();
        Node listenNode = m.get("listen");
        if (listenNode == null) {
            ctx.problems.add(m.node(), m.path(), "missing required key 'listen' (e.g. listen: [udp://192.0.2.1:5060])");
        }
        for (Node item : YamlMap.items(listenNode, m.child("listen"), ctx.problems)) {
            ListenAddress a = YamlMap.parseNode(item, m.child("listen"), ctx.problems, Values::listen);
            if (a == null) {
                continue;
            }
            // UDP and TCP/TLS on the same port do not collide; the same transport family does.
            String key = (a.transport().stream() ? "stream" : "dgram") + "|" + a.ip() + "|" + a.port();
            String wildcardKey = (a.transport().stream() ? "stream" : "dgram") + "|*|" + a.port();
            String owner = claimed.get(key);
            if (owner == null && (a.ip().equals("0.0.0.0") || a.ip().equals("::"))) {
                owner = claimed.get(wildcardKey);
            }
            if (owner != null) {
                ctx.problems.add(item, m.child("listen"), a.uri() + " is already used by realm '" + owner + "'"
                        + (owner.equals(name) ? " (listed twice)" : "; two realms cannot share an address"));
                continue;
            }
            claimed.put(key, name);
            claimed.put(wildcardKey, name);
            listen.add(a);
        }
        String mediaAddress = m.parsed("media-address", null, Values::ip);
        if (mediaAddress == null && !listen.isEmpty()) {
            mediaAddress = listen.get(0).ip();
        }
        List<io.sbc.policy.model.Cidr> allow = m.list("allow", Values::cidr);
        List<io.sbc.policy.model.Cidr> deny = m.list("deny", Values::cidr);

        YamlMap lm = m.map("limits");
        RealmLimits limits = new RealmLimits(
                lm.integer("rate", Defaults.REALM_RATE, 1, 1_000_000),
                lm.integer("burst", Defaults.REALM_BURST, 1, 10_000_000),
                lm.duration("ban", Defaults.REALM_BAN, false),
                lm.integer("max-connections-per-source", Defaults.REALM_MAX_CONNECTIONS_PER_SOURCE, 1, 65535));
        lm.finish();
        if (limits.burst() < limits.ratePerSecond() && lm.has("burst")) {
            lm.error("burst", "burst (" + limits.burst() + ") must be at least rate (" + limits.ratePerSecond() + ")");
        }

        TlsSettings tls = null;
        boolean needsTls = listen.stream().anyMatch(a -> a.transport().secure());
        if (m.has("tls")) {
            YamlMap tm = m.map("tls");
            boolean selfSigned = tm.bool("self-signed", false);
            String cert = ctx.existingFile(tm.string("certificate", null), tm.get("certificate"), tm.child("certificate"), "certificate");
            String key = ctx.existingFile(tm.string("key", null), tm.get("key"), tm.child("key"), "key");
            String ca = ctx.existingFile(tm.string("ca", null), tm.get("ca"), tm.child("ca"), "ca");
            ClientAuth clientAuth = tm.choice("client-auth", Defaults.CLIENT_AUTH, ClientAuth.class);
            if (!selfSigned && (!tm.has("certificate") || !tm.has("key"))) {
                ctx.problems.add(tm.node(), tm.path(), "needs certificate and key (or self-signed: true for development)");
            }
            if (clientAuth != ClientAuth.NONE && !tm.has("ca")) {
                tm.error("client-auth", "client-auth " + clientAuth.name().toLowerCase() + " needs a ca bundle");
            }
            tm.finish();
            tls = new TlsSettings(cert, key, ca, clientAuth, selfSigned);
        } else if (needsTls) {
            ctx.problems.add(listenNode, m.child("listen"), "tls:// or wss:// listener needs a 'tls' section in realm '" + name + "'");
        }

        Duration idle = m.duration("idle-timeout", Defaults.REALM_IDLE_TIMEOUT, false);
        int maxMessage = m.integer("max-message-size", Defaults.MAX_MESSAGE_BYTES, Defaults.MIN_MESSAGE_BYTES, Defaults.MAX_MESSAGE_BYTES_BOUND);
        EndpointLearning learning = m.choice("endpoint-learning", Defaults.ENDPOINT_LEARNING, EndpointLearning.class);
        RealmAuth auth = bindAuth(name, m.map("auth"));
        YamlMap t = m.map("timers");
        SipTimers timers = new SipTimers(t.duration("t1", Defaults.TIMERS.t1(), false),
                t.duration("t2", Defaults.TIMERS.t2(), false), t.duration("t4", Defaults.TIMERS.t4(), false));
        if (timers.t1().compareTo(timers.t2()) > 0) {
            t.error("t1", "t1 (" + timers.t1().toMillis() + "ms) must not exceed t2 (" + timers.t2().toMillis() + "ms)");
        }
        if (timers.t1().isZero()) {
            t.error("t1", "t1 must be positive");
        }
        t.finish();
        m.finish();
        return new Realm(name, listen, mediaAddress, allow, deny, limits, tls, idle, maxMessage, learning, auth, timers);
    }

    private RealmAuth bindAuth(String realmName, YamlMap a) {
        String digestRealm = a.string("digest-realm", realmName);
        List<AuthUser> users = new ArrayList<>();
        Map<String, Node> seen = new HashMap<>();
        int ui = 0;
        for (Node item : YamlMap.items(a.get("users"), a.child("users"), ctx.problems)) {
            YamlMap u = YamlMap.of(item, a.child("users") + "[" + ui++ + "]", ctx.problems);
            String user = u.requiredString("username");
            String pw = u.requiredString("password");
            Secret secret = pw == null ? null : ctx.secrets.resolve(pw, msg -> u.error("password", msg));
            u.finish();
            if (user != null && seen.put(user, item) != null) {
                ctx.problems.add(item, a.child("users"), "user '" + user + "' is listed twice");
            }
            if (user != null && secret != null) {
                users.add(new AuthUser(user, secret));
            }
        }
        List<io.sbc.policy.model.Cidr> trust = a.list("trust", Values::cidr);
        a.finish();
        return new RealmAuth(digestRealm, users, trust);
    }
}
