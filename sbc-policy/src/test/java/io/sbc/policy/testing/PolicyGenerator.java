package io.sbc.policy.testing;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.ClientAuth;
import io.sbc.policy.model.Direction;
import io.sbc.policy.model.EndpointLearning;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.GlobalLimits;
import io.sbc.policy.model.HeaderCondition;
import io.sbc.policy.model.HeaderRule;
import io.sbc.policy.model.HostPort;
import io.sbc.policy.model.IdleStrategy;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.LogFormat;
import io.sbc.policy.model.Match;
import io.sbc.policy.model.MediaMode;
import io.sbc.policy.model.MediaRelay;
import io.sbc.policy.model.MediaSettings;
import io.sbc.policy.model.MessageKind;
import io.sbc.policy.model.NodeSettings;
import io.sbc.policy.model.NumberField;
import io.sbc.policy.model.NumberFormat;
import io.sbc.policy.model.NumberRange;
import io.sbc.policy.model.NumberRule;
import io.sbc.policy.model.OptionsPing;
import io.sbc.policy.model.Policy;
import io.sbc.policy.model.PortRange;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.RealmLimits;
import io.sbc.policy.model.ReferPolicy;
import io.sbc.policy.model.Registration;
import io.sbc.policy.model.Route;
import io.sbc.policy.model.RouteAction;
import io.sbc.policy.model.SecuritySettings;
import io.sbc.policy.model.Secret;
import io.sbc.policy.model.SessionTimer;
import io.sbc.policy.model.SipTimers;
import io.sbc.policy.model.SipUri;
import io.sbc.policy.model.SrtpMode;
import io.sbc.policy.model.StatusRange;
import io.sbc.policy.model.TlsSettings;
import io.sbc.policy.model.Transport;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.model.TrunkAuth;
import io.sbc.policy.model.TrunkLimits;
import io.sbc.policy.model.TrunkMedia;
import io.sbc.policy.model.UriParts;
import io.sbc.policy.model.ValueReplace;
import io.sbc.policy.validate.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Generates a valid policy twice: as the model it must load into, and as the YAML document
 * ({@link #yaml()}) that says so. Every field is written explicitly, so the round trip also checks
 * that no value is replaced by a default.
 */
public final class PolicyGenerator {
    private final RandomGenerator r;
    private final Map<String, Object> doc = new LinkedHashMap<>();
    private Policy policy;
    private int nextIp = 1;

    public PolicyGenerator(RandomGenerator random) {
        this.r = random;
        generate();
    }

    public Policy policy() {
        return policy;
    }

    /** The generated document as maps and lists (keys as written in the file). */
    public Map<String, Object> document() {
        return doc;
    }

    public String yaml() {
        StringBuilder sb = new StringBuilder();
        Yaml.emit(doc, 0, sb);
        return sb.toString();
    }

    private <T> T pick(List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    private static String word(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** A duration and its text in a random unit that divides it. */
    private Object[] duration(long minMs, long maxMs) {
        String[] units = {"ms", "s", "m", "h"};
        long[] factor = {1, 1000, 60_000, 3_600_000};
        int u = r.nextInt(4);
        long lo = Math.max(1, (minMs + factor[u] - 1) / factor[u]);
        long hi = maxMs / factor[u];
        if (hi < lo) {
            u = 0;
            lo = minMs;
            hi = maxMs;
        }
        long n = lo + r.nextLong(hi - lo + 1);
        return new Object[] {Duration.ofMillis(n * factor[u]), n + units[u]};
    }

    private String ip() {
        int n = nextIp++;
        return "127.0." + (n / 250) + "." + (n % 250 + 1);
    }

    private String name(String prefix, int i) {
        return prefix + "-" + i + (r.nextBoolean() ? "" : "_x." + r.nextInt(100));
    }

    private void generate() {
        doc.put("version", 1);
        // node
        Map<String, Object> n = new LinkedHashMap<>();
        String nodeName = "sbc-" + r.nextInt(1000);
        HostPort admin = new HostPort("127.0.0.1", 1024 + r.nextInt(60000));
        Object[] retention = r.nextBoolean() ? new Object[] {Duration.ofDays(1 + r.nextInt(90)), null} : duration(1000, 86_400_000);
        if (retention[1] == null) {
            retention[1] = ((Duration) retention[0]).toDays() + "d";
        }
        Object[] drain = duration(0, 600_000);
        LogFormat lf = pick(List.of(LogFormat.values()));
        Secret token = r.nextBoolean() ? new Secret("(literal)", "tok-" + r.nextInt(100000)) : null;
        HostPort hep = r.nextBoolean() ? new HostPort("127.0.0.99", 9060) : null;
        n.put("name", nodeName);
        n.put("admin", admin.toString());
        if (token != null) {
            n.put("admin-token", token.reveal());
        }
        n.put("cdr", "var/cdr-" + r.nextInt(10));
        n.put("cdr-retention", retention[1]);
        n.put("drain-timeout", drain[1]);
        n.put("log-format", word(lf));
        if (hep != null) {
            n.put("hep", "udp://" + hep);
        }
        doc.put("node", n);
        NodeSettings node = new NodeSettings(nodeName, admin, token, (String) n.get("cdr"), (Duration) retention[0],
                (Duration) drain[0], lf, hep);
        // media
        Map<String, Object> m = new LinkedHashMap<>();
        List<MediaRelay> relays = new ArrayList<>();
        List<Object> relayText = new ArrayList<>();
        int nr = 1 + r.nextInt(3);
        for (int i = 0; i < nr; i++) {
            if (i == 0 && r.nextBoolean()) {
                relays.add(MediaRelay.EMBEDDED);
                relayText.add("embedded");
            } else {
                HostPort hp = new HostPort("127.0.1." + (i + 1), 2223 + i);
                relays.add(new MediaRelay(false, hp));
                relayText.add("udp://" + hp);
            }
        }
        int lo = 1024 + 2 * r.nextInt(20000);
        PortRange ports = new PortRange(lo, lo + 1 + r.nextInt(65535 - lo - 1));
        Object[] mt = duration(1000, 3_600_000);
        IdleStrategy idle = pick(List.of(IdleStrategy.values()));
        int workers = 1 + r.nextInt(8);
        Object[] pq = duration(0, 300_000);
        m.put("relays", relayText);
        m.put("ports", ports.toString());
        m.put("timeout", mt[1]);
        m.put("idle", word(idle));
        m.put("workers", workers);
        m.put("port-quarantine", pq[1]);
        doc.put("media", m);
        MediaSettings media = new MediaSettings(relays, ports, (Duration) mt[0], idle, workers, (Duration) pq[0]);
        // global limits first: realms must stay within its message size
        GlobalLimits limits = new GlobalLimits(r.nextInt(100000), r.nextInt(5000), 1300 + r.nextInt(1 << 19), 1 + r.nextInt(100000));
        // realms
        Map<String, Object> realmsDoc = new LinkedHashMap<>();
        Map<String, Realm> realms = new LinkedHashMap<>();
        int nRealms = 1 + r.nextInt(3);
        for (int i = 0; i < nRealms; i++) {
            String rn = name("realm", i);
            Map<String, Object> rd = new LinkedHashMap<>();
            Realm realm = realm(rn, rd, limits.maxMessageBytes());
            realms.put(rn, realm);
            realmsDoc.put(rn, rd);
        }
        doc.put("realms", realmsDoc);
        List<String> realmNames = new ArrayList<>(realms.keySet());
        // trunks
        Map<String, Object> trunksDoc = new LinkedHashMap<>();
        Map<String, Trunk> trunks = new LinkedHashMap<>();
        int nTrunks = r.nextInt(4);
        for (int i = 0; i < nTrunks; i++) {
            String tn = name("trunk", i);
            Map<String, Object> td = new LinkedHashMap<>();
            trunks.put(tn, trunk(tn, pick(realmNames), td));
            trunksDoc.put(tn, td);
        }
        if (!trunks.isEmpty() || r.nextBoolean()) {
            doc.put("trunks", trunksDoc);
        }
        List<String> trunkNames = new ArrayList<>(trunks.keySet());
        List<String> allNames = new ArrayList<>(realmNames);
        allNames.addAll(trunkNames);
        // routes
        List<Object> routesDoc = new ArrayList<>();
        List<Route> routes = new ArrayList<>();
        int nRoutes = r.nextInt(6);
        for (int i = 0; i < nRoutes; i++) {
            Map<String, Object> rd = new LinkedHashMap<>();
            String rn = "route-" + i + "-" + r.nextInt(100);
            rd.put("name", rn);
            String from = r.nextBoolean() ? pick(allNames) : null;
            if (from != null) {
                rd.put("from", from);
            }
            Match match = match(rd);
            RouteAction action;
            if (trunkNames.isEmpty() || r.nextInt(4) == 0) {
                int code = 300 + r.nextInt(400);
                String reason = pick(List.of("Forbidden", "Not Here", "Busy Everywhere"));
                rd.put("reject", map("code", code, "reason", reason));
                action = new RouteAction.Reject(code, reason);
            } else {
                String to = pick(trunkNames);
                rd.put("to", to);
                List<String> failover = new ArrayList<>();
                for (String t : trunkNames) {
                    if (!t.equals(to) && r.nextBoolean()) {
                        failover.add(t);
                    }
                }
                rd.put("failover", new ArrayList<Object>(failover));
                action = new RouteAction.ToTrunk(to, failover);
            }
            routes.add(new Route(rn, from, match, action));
            routesDoc.add(rd);
        }
        doc.put("routes", routesDoc);
        // header rules
        List<Object> hrDoc = new ArrayList<>();
        List<HeaderRule> headerRules = new ArrayList<>();
        int nh = r.nextInt(5);
        for (int i = 0; i < nh; i++) {
            Map<String, Object> hd = new LinkedHashMap<>();
            headerRules.add(headerRule(i, hd, allNames));
            hrDoc.add(hd);
        }
        doc.put("header-rules", hrDoc);
        // number rules
        List<Object> nrDoc = new ArrayList<>();
        List<NumberRule> numberRules = new ArrayList<>();
        int nn = r.nextInt(4);
        for (int i = 0; i < nn; i++) {
            Map<String, Object> nd = new LinkedHashMap<>();
            Direction d = pick(List.of(Direction.values()));
            String nm = "nr-" + i;
            String from = r.nextBoolean() ? pick(allNames) : null;
            String to = d == Direction.OUTBOUND && r.nextBoolean() ? pick(allNames) : null;
            List<NumberField> fields = new ArrayList<>();
            for (NumberField f : NumberField.values()) {
                if (r.nextBoolean()) {
                    fields.add(f);
                }
            }
            NumberFormat fmt = pick(List.of(NumberFormat.values()));
            String country = fmt != NumberFormat.KEEP || r.nextBoolean() ? pick(List.of("US", "GB", "DE", "FR")) : null;
            String strip = fmt == NumberFormat.KEEP || r.nextBoolean() ? pick(List.of("9", "0", "00", "+1")) : null;
            String add = r.nextBoolean() ? pick(List.of("+", "1", "0049")) : null;
            String match = r.nextBoolean() ? "^[0-9]{" + (3 + r.nextInt(5)) + ",}$" : null;
            nd.put("name", nm);
            nd.put("direction", word(d));
            putIf(nd, "from", from);
            putIf(nd, "to", to);
            nd.put("fields", new ArrayList<Object>(fields.stream().map(f -> (Object) f.name().toLowerCase(Locale.ROOT)).toList()));
            putIf(nd, "match", match);
            putIf(nd, "strip-prefix", strip);
            nd.put("format", word(fmt));
            putIf(nd, "country", country);
            putIf(nd, "add-prefix", add);
            numberRules.add(new NumberRule(nm, d, from, to, fields, match, strip, fmt, country, add));
            nrDoc.add(nd);
        }
        doc.put("number-rules", nrDoc);
        doc.put("limits", map("max-calls", limits.maxCalls(), "cps", limits.cps(), "max-message-size", limits.maxMessageBytes(),
                "max-connections", limits.maxConnections()));
        List<String> scanners = r.nextBoolean() ? List.of("friendly-scanner") : List.of("sipvicious", "x-scan-" + r.nextInt(9));
        boolean ban = r.nextBoolean();
        int handshakeSeconds = 1 + r.nextInt(60);
        doc.put("security", map("scanner-user-agents", new ArrayList<Object>(scanners), "ban-scanners", ban,
                "tls-handshake-timeout", handshakeSeconds + "s"));
        policy = new Policy(1, node, media, realms, trunks, routes, headerRules, numberRules, limits,
                new SecuritySettings(scanners, ban, Duration.ofSeconds(handshakeSeconds)));
    }

    private Realm realm(String rn, Map<String, Object> rd, int globalMax) {
        List<ListenAddress> listen = new ArrayList<>();
        List<Object> lt = new ArrayList<>();
        int nl = 1 + r.nextInt(3);
        boolean tls = false;
        for (int j = 0; j < nl; j++) {
            Transport t = pick(List.of(Transport.values()));
            tls |= t.secure();
            String ip = ip();
            int port = 1024 + r.nextInt(60000);
            listen.add(new ListenAddress(t, ip, port));
            lt.add(new ListenAddress(t, ip, port).uri());
        }
        rd.put("listen", lt);
        String mediaAddress = ip();
        rd.put("media-address", mediaAddress);
        List<io.sbc.policy.model.Cidr> allow = cidrs();
        rd.put("allow", new ArrayList<Object>(allow.stream().map(c -> (Object) c.text()).toList()));
        List<io.sbc.policy.model.Cidr> deny = cidrs();
        rd.put("deny", new ArrayList<Object>(deny.stream().map(c -> (Object) c.text()).toList()));
        int rate = 1 + r.nextInt(1000);
        int burst = rate + r.nextInt(1000);
        Object[] ban = duration(0, 86_400_000);
        int maxConn = 1 + r.nextInt(1000);
        rd.put("limits", map("rate", rate, "burst", burst, "ban", ban[1], "max-connections-per-source", maxConn));
        TlsSettings tlsSettings = null;
        if (tls || r.nextInt(4) == 0) {
            tlsSettings = new TlsSettings(null, null, null, ClientAuth.NONE, true);
            rd.put("tls", map("self-signed", true, "client-auth", "none"));
        }
        Object[] idle = duration(1000, 3_600_000);
        rd.put("idle-timeout", idle[1]);
        int maxMsg = 1300 + r.nextInt(globalMax - 1300 + 1);
        rd.put("max-message-size", maxMsg);
        EndpointLearning el = pick(List.of(EndpointLearning.values()));
        rd.put("endpoint-learning", word(el));
        List<AuthUser> users = new ArrayList<>();
        List<Object> ud = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) {
            String u = "user" + k;
            String pw = "pw-" + r.nextInt(1_000_000);
            users.add(new AuthUser(u, new Secret("(literal)", pw)));
            ud.add(map("username", u, "password", pw));
        }
        List<io.sbc.policy.model.Cidr> trust = cidrs();
        String digestRealm = r.nextBoolean() ? rn : "sbc.example";
        rd.put("auth", map("digest-realm", digestRealm, "users", ud,
                "trust", new ArrayList<Object>(trust.stream().map(c -> (Object) c.text()).toList())));
        Object[] t1 = duration(1, 2000);
        Object[] t2 = duration(((Duration) t1[0]).toMillis(), 60_000);
        Object[] t4 = duration(1, 60_000);
        rd.put("timers", map("t1", t1[1], "t2", t2[1], "t4", t4[1]));
        return new Realm(rn, listen, mediaAddress, allow, deny, new RealmLimits(rate, burst, (Duration) ban[0], maxConn),
                tlsSettings, (Duration) idle[0], maxMsg, el, new RealmAuth(digestRealm, users, trust),
                new SipTimers((Duration) t1[0], (Duration) t2[0], (Duration) t4[0]));
    }

    private List<io.sbc.policy.model.Cidr> cidrs() {
        List<io.sbc.policy.model.Cidr> out = new ArrayList<>();
        for (int k = r.nextInt(3); k > 0; k--) {
            String text = r.nextBoolean() ? "10." + r.nextInt(256) + ".0.0/16" : "2001:db8:" + Integer.toHexString(r.nextInt(65536)) + "::/48";
            out.add(Values.cidr(text, e -> {
                throw new AssertionError(e);
            }));
        }
        return out;
    }

    private Trunk trunk(String tn, String realm, Map<String, Object> td) {
        td.put("realm", realm);
        List<Gateway> gws = new ArrayList<>();
        List<Object> gd = new ArrayList<>();
        for (int k = 1 + r.nextInt(3); k > 0; k--) {
            String host = r.nextBoolean() ? ip() : "gw" + k + ".carrier.example";
            int port = r.nextBoolean() ? 5060 : 1024 + r.nextInt(60000);
            String transport = r.nextBoolean() ? null : pick(List.of("udp", "tcp", "tls"));
            String text = "sip:" + host + ":" + port + (transport == null ? "" : ";transport=" + transport);
            int prio = r.nextInt(10);
            int weight = r.nextInt(100);
            gws.add(new Gateway(new SipUri(text, false, null, host, port, transport), prio, weight));
            gd.add(map("uri", text, "priority", prio, "weight", weight));
        }
        td.put("gateways", gd);
        TrunkAuth auth = null;
        Registration reg = null;
        if (r.nextBoolean()) {
            String realmName = r.nextBoolean() ? "carrier.example" : null;
            auth = new TrunkAuth("acct" + r.nextInt(100), new Secret("(literal)", "pw" + r.nextInt(10000)), realmName);
            Map<String, Object> ad = map("username", auth.username(), "password", auth.password().reveal());
            putIf(ad, "realm", realmName);
            td.put("auth", ad);
            if (r.nextBoolean()) {
                String aor = "sip:+1555" + (1000000 + r.nextInt(8999999)) + "@carrier.example";
                int expires = 60 + r.nextInt(3600);
                reg = new Registration(new SipUri(aor, false, aor.substring(4, aor.indexOf('@')), "carrier.example", 0, null),
                        expires, null);
                td.put("register", map("aor", aor, "expires", expires));
            }
        }
        TrunkLimits limits = new TrunkLimits(r.nextInt(500), r.nextInt(5000));
        td.put("limits", map("cps", limits.cps(), "concurrent", limits.concurrent()));
        MediaMode mode = pick(List.of(MediaMode.values()));
        SrtpMode srtp = mode == MediaMode.BYPASS ? SrtpMode.OFF : pick(List.of(SrtpMode.values()));
        List<String> codecs = r.nextBoolean() ? List.of() : List.of("PCMU", "opus", "telephone-event").subList(0, 1 + r.nextInt(3));
        td.put("media", map("mode", word(mode), "srtp", word(srtp), "codecs", new ArrayList<Object>(codecs)));
        OptionsPing options = null;
        if (r.nextBoolean()) {
            Object[] iv = duration(1000, 600_000);
            options = new OptionsPing((Duration) iv[0], 1 + r.nextInt(10), 1 + r.nextInt(10));
            td.put("options", map("interval", iv[1], "failures", options.failures(), "recoveries", options.recoveries()));
        }
        SessionTimer st = null;
        if (r.nextBoolean()) {
            Object[] min = duration(90_000, 600_000);
            Object[] exp = duration(((Duration) min[0]).toMillis(), 7_200_000);
            st = new SessionTimer((Duration) exp[0], (Duration) min[0]);
            td.put("session-timer", map("expires", exp[1], "min-se", min[1]));
        }
        boolean follow = r.nextBoolean();
        ReferPolicy refer = pick(List.of(ReferPolicy.values()));
        Object[] maxDur = duration(1000, 86_400_000);
        td.put("follow-redirects", follow);
        td.put("refer", word(refer));
        td.put("max-call-duration", maxDur[1]);
        return new Trunk(tn, realm, gws, auth, reg, limits, new TrunkMedia(mode, srtp, codecs), options, st, follow, refer,
                (Duration) maxDur[0]);
    }

    private Match match(Map<String, Object> parent) {
        if (r.nextInt(3) == 0) {
            return Match.ANY;
        }
        Map<String, Object> md = new LinkedHashMap<>();
        List<io.sbc.policy.model.Cidr> sources = r.nextInt(3) == 0 ? cidrs() : List.of();
        List<String> methods = r.nextBoolean() ? List.of("INVITE") : List.of();
        List<String> prefixes = r.nextBoolean() ? List.of("+1", "00" + r.nextInt(10)) : List.of();
        String ruriUser = r.nextBoolean() ? "^\\+?1[2-9][0-9]{" + (5 + r.nextInt(5)) + "}$" : null;
        List<NumberRange> ranges = r.nextBoolean() ? List.of(new NumberRange("5550000", "5559999")) : List.of();
        String fromUser = r.nextBoolean() ? "^[a-z]+$" : null;
        String toUser = r.nextBoolean() ? ".*" : null;
        Map<String, HeaderCondition> headers = new LinkedHashMap<>();
        Map<String, Object> hd = new LinkedHashMap<>();
        if (r.nextBoolean()) {
            headers.put("X-Tag", new HeaderCondition(true, "^a.*"));
            hd.put("X-Tag", "^a.*");
        }
        if (r.nextBoolean()) {
            boolean present = r.nextBoolean();
            headers.put("X-Flag", new HeaderCondition(present, null));
            hd.put("X-Flag", present);
        }
        md.put("source", new ArrayList<Object>(sources.stream().map(c -> (Object) c.text()).toList()));
        md.put("method", new ArrayList<Object>(methods));
        md.put("ruri-user-prefix", new ArrayList<Object>(prefixes));
        putIf(md, "ruri-user", ruriUser);
        md.put("ruri-user-range", new ArrayList<Object>(ranges.stream().map(x -> (Object) x.toString()).toList()));
        putIf(md, "from-user", fromUser);
        putIf(md, "to-user", toUser);
        md.put("headers", hd);
        parent.put("match", md);
        return new Match(sources, methods, prefixes, ruriUser, ranges, fromUser, toUser, headers);
    }

    private HeaderRule headerRule(int i, Map<String, Object> hd, List<String> names) {
        String nm = "hr-" + i;
        Direction d = pick(List.of(Direction.values()));
        String from = r.nextBoolean() ? pick(names) : null;
        String to = d == Direction.OUTBOUND && r.nextBoolean() ? pick(names) : null;
        List<String> methods = r.nextBoolean() ? List.of("INVITE", "BYE") : List.of();
        MessageKind kind = pick(List.of(MessageKind.values()));
        List<StatusRange> statuses = kind != MessageKind.REQUEST && r.nextBoolean() ? List.of(new StatusRange(180, 183), new StatusRange(400, 499)) : List.of();
        hd.put("name", nm);
        hd.put("direction", word(d));
        putIf(hd, "from", from);
        putIf(hd, "to", to);
        hd.put("method", new ArrayList<Object>(methods));
        hd.put("message", word(kind));
        if (!statuses.isEmpty()) {
            hd.put("status", new ArrayList<Object>(List.of("180-183", "4xx")));
        }
        Match match = match(hd);
        List<String> remove = List.of("User-Agent", "X-*").subList(0, r.nextInt(3));
        hd.put("remove", new ArrayList<Object>(remove));
        Map<String, String> add = r.nextBoolean() ? Map.of("X-Src", "${src.ip}") : Map.of();
        Map<String, String> set = r.nextBoolean() ? Map.of("P-Asserted-Identity", "<sip:${from.user}@example.com>") : Map.of();
        hd.put("add", new LinkedHashMap<String, Object>(add));
        hd.put("set", new LinkedHashMap<String, Object>(set));
        List<ValueReplace> replace = r.nextBoolean() ? List.of(new ValueReplace("Diversion", "sip:0([0-9]+)@", "sip:+44$1@")) : List.of();
        hd.put("replace", new ArrayList<Object>(replace.stream().map(v -> (Object) map("header", v.header(), "regex", v.regex(), "with", v.with())).toList()));
        Map<String, String> copy = r.nextBoolean() ? Map.of("P-Asserted-Identity", "X-Orig-PAI") : Map.of();
        hd.put("copy", new LinkedHashMap<String, Object>(copy));
        UriParts setRuri = r.nextBoolean() ? new UriParts(null, "${to.host}") : null;
        UriParts setFrom = r.nextBoolean() || (remove.isEmpty() && add.isEmpty() && set.isEmpty() && replace.isEmpty() && copy.isEmpty() && setRuri == null)
                ? new UriParts("${from.user}", "sbc.example") : null;
        if (setRuri != null) {
            hd.put("set-ruri", map("host", setRuri.host()));
        }
        if (setFrom != null) {
            hd.put("set-from", map("user", setFrom.user(), "host", setFrom.host()));
        }
        return new HeaderRule(nm, d, from, to, methods, kind, statuses, match, remove, add, set, replace, copy, setRuri, setFrom, null);
    }

    private static void putIf(Map<String, Object> m, String k, Object v) {
        if (v != null) {
            m.put(k, v);
        }
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
