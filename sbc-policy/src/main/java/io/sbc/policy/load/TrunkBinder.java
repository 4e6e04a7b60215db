package io.sbc.policy.load;

import io.sbc.policy.model.Defaults;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.model.MediaMode;
import io.sbc.policy.model.OptionsPing;
import io.sbc.policy.model.ReferPolicy;
import io.sbc.policy.model.Registration;
import io.sbc.policy.model.Secret;
import io.sbc.policy.model.SessionTimer;
import io.sbc.policy.model.SipUri;
import io.sbc.policy.model.SrtpMode;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.model.TrunkAuth;
import io.sbc.policy.model.TrunkLimits;
import io.sbc.policy.model.TrunkMedia;
import io.sbc.policy.validate.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds {@code trunks:}. */
final class TrunkBinder {
    /** Codec names as in SDP rtpmap (RFC 4566 section 6): token characters, bounded length. */
    private static final String CODEC = "[A-Za-z0-9][A-Za-z0-9._/-]{0,31}";

    private final BindContext ctx;

    TrunkBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    Map<String, Trunk> bind(YamlMap trunks) {
        Map<String, Trunk> out = new LinkedHashMap<>();
        for (String name : trunks.keys()) {
            Trunk t = bindOne(name, YamlMap.of(trunks.get(name), trunks.child(name), ctx.problems));
            if (t != null) {
                out.put(name, t);
            }
        }
        return out;
    }

    private Trunk bindOne(String name, YamlMap m) {
        String realm = m.requiredString("realm");
        ctx.checkRealm(realm, m.get("realm"), m.child("realm"));
        List<Gateway> gateways = new ArrayList<>();
        Node gw = m.get("gateways");
        if (gw == null) {
            ctx.problems.add(m.node(), m.path(), "missing required key 'gateways' (e.g. gateways: [{uri: \"sip:192.0.2.10:5060\"}])");
        }
        int gi = 0;
        for (Node item : YamlMap.items(gw, m.child("gateways"), ctx.problems)) {
            YamlMap g = YamlMap.of(item, m.child("gateways") + "[" + gi++ + "]", ctx.problems);
            if (!g.has("uri") && item instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
                ctx.problems.add(item, m.child("gateways"), "a gateway is a mapping: {uri: \"sip:HOST:PORT\", priority: 1, weight: 1}");
                continue;
            }
            String uriText = g.requiredString("uri");
            SipUri uri = uriText == null ? null : YamlMap.parseNode(g.get("uri"), g.child("uri"), ctx.problems, Values::sipUri);
            int priority = g.integer("priority", Defaults.GATEWAY_PRIORITY, 0, 65535);
            int weight = g.integer("weight", Defaults.GATEWAY_WEIGHT, 0, 65535);
            g.finish();
            if (uri != null) {
                gateways.add(new Gateway(uri, priority, weight));
            }
        }
        if (gw != null && YamlMap.items(gw, m.child("gateways"), new Problems(ctx.problems.file())).isEmpty()) {
            m.error("gateways", "needs at least one gateway");
        }

        TrunkAuth auth = null;
        if (m.has("auth")) {
            YamlMap a = m.map("auth");
            String user = a.requiredString("username");
            String pw = a.requiredString("password");
            Secret secret = pw == null ? null : ctx.secrets.resolve(pw, msg -> a.error("password", msg));
            String realmName = a.string("realm", null);
            a.finish();
            if (user != null && secret != null) {
                auth = new TrunkAuth(user, secret, realmName);
            }
        }
        Registration register = null;
        if (m.has("register")) {
            YamlMap r = m.map("register");
            String aorText = r.requiredString("aor");
            SipUri aor = aorText == null ? null : r.parsed("aor", null, Values::sipUri);
            if (aor != null && aor.user() == null) {
                r.error("aor", "the address of record needs a user part (sip:USER@DOMAIN)");
            }
            int expires = r.integer("expires", Defaults.REGISTER_EXPIRES, 60, 86400);
            SipUri registrar = r.parsed("registrar", null, Values::sipUri);
            r.finish();
            if (auth == null) {
                r.error("aor", "registration needs trunk auth credentials (auth: {username, password})");
            }
            if (aor != null) {
                register = new Registration(aor, expires, registrar);
            }
        }
        YamlMap l = m.map("limits");
        TrunkLimits limits = new TrunkLimits(l.integer("cps", 0, 0, 1_000_000), l.integer("concurrent", 0, 0, 10_000_000));
        l.finish();
        YamlMap md = m.map("media");
        MediaMode mode = md.choice("mode", Defaults.MEDIA_MODE, MediaMode.class);
        SrtpMode srtp = md.choice("srtp", Defaults.SRTP, SrtpMode.class);
        List<String> codecs = md.list("codecs", (s, e) -> {
            if (!s.matches(CODEC)) {
                e.accept("'" + s + "' is not a codec name (e.g. PCMU, PCMA, G722, opus, telephone-event)");
                return null;
            }
            return s;
        });
        md.finish();
        if (mode == MediaMode.BYPASS && srtp != SrtpMode.OFF) {
            md.error("srtp", "srtp needs the relay: use mode anchor, or srtp off with bypass");
        }
        OptionsPing options = null;
        if (m.has("options")) {
            YamlMap o = m.map("options");
            Duration interval = o.duration("interval", Defaults.OPTIONS_INTERVAL, false);
            if (interval.toMillis() < 1000) {
                o.error("interval", "interval must be at least 1s");
            }
            options = new OptionsPing(interval, o.integer("failures", Defaults.OPTIONS_FAILURES, 1, 100),
                    o.integer("recoveries", Defaults.OPTIONS_RECOVERIES, 1, 100));
            o.finish();
        }
        SessionTimer timer = null;
        if (m.has("session-timer")) {
            YamlMap st = m.map("session-timer");
            Duration expires = st.duration("expires", Defaults.SESSION_EXPIRES, false);
            Duration minSe = st.duration("min-se", Defaults.SESSION_MIN_SE, false);
            if (minSe.getSeconds() < 90) {
                st.error("min-se", "RFC 4028 section 4: min-se must be at least 90s");
            }
            if (expires.compareTo(minSe) < 0) {
                st.error("expires", "expires must not be below min-se");
            }
            st.finish();
            timer = new SessionTimer(expires, minSe);
        }
        boolean follow = m.bool("follow-redirects", false);
        ReferPolicy refer = m.choice("refer", Defaults.REFER, ReferPolicy.class);
        Duration maxDuration = m.duration("max-call-duration", Defaults.MAX_CALL_DURATION, false);
        if (maxDuration.isZero()) {
            m.error("max-call-duration", "must be positive");
        }
        m.finish();
        if (realm == null || gateways.isEmpty()) {
            return null;
        }
        return new Trunk(name, realm, gateways, auth, register, limits, new TrunkMedia(mode, srtp, codecs), options,
                timer, follow, refer, maxDuration);
    }
}
