package io.sbc.policy.load;

import io.sbc.policy.compile.Template;
import io.sbc.policy.model.Direction;
import io.sbc.policy.model.HeaderRule;
import io.sbc.policy.model.Match;
import io.sbc.policy.model.MessageKind;
import io.sbc.policy.model.StatusRange;
import io.sbc.policy.model.UriParts;
import io.sbc.policy.model.ValueReplace;
import io.sbc.policy.validate.Values;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/** Binds {@code header-rules:}; every template and regex is checked here, at load. */
final class HeaderRuleBinder {
    /**
     * Headers the B2BUA writes itself on each leg (RFC 3261 sections 8.1.1 and 16; topology hiding):
     * a rule that changes them would break dialogs or leak the other side, so rules may not name them.
     * From and To users and hosts are changed with set-from / set-to instead.
     */
    static final Set<String> PROTECTED = Set.of("via", "from", "to", "call-id", "cseq", "contact", "record-route",
            "route", "max-forwards", "content-length", "content-type");

    private final BindContext ctx;

    HeaderRuleBinder(BindContext ctx) {
        this.ctx = ctx;
    }

    List<HeaderRule> bind(Node list, String path) {
        List<HeaderRule> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (Node item : YamlMap.items(list, path, ctx.problems)) {
            String p = path + "[" + i + "]";
            i++;
            YamlMap m = YamlMap.of(item, p, ctx.problems);
            String name = m.string("name", "header-rule-" + i);
            if (!names.add(name)) {
                m.error("name", "header rule name '" + name + "' is used twice");
            }
            Direction direction = m.choice("direction", Direction.OUTBOUND, Direction.class);
            String from = m.string("from", null);
            ctx.checkRealmOrTrunk(from, m.get("from"), m.child("from"));
            String to = m.string("to", null);
            ctx.checkRealmOrTrunk(to, m.get("to"), m.child("to"));
            if (to != null && direction == Direction.INBOUND) {
                m.error("to", "an inbound rule runs before routing, when the destination is not known yet");
            }
            List<String> methods = MatchBinder.methods(m, "method");
            MessageKind kind = m.choice("message", MessageKind.ANY, MessageKind.class);
            List<StatusRange> statuses = m.list("status", Values::status);
            if (!statuses.isEmpty() && kind == MessageKind.REQUEST) {
                m.error("status", "status applies to responses, but this rule has message: request");
            }
            Match match = MatchBinder.bind(m.map("match"));
            List<String> remove = m.list("remove", (s, e) -> headerPattern(s, e, true));
            Map<String, String> add = templates(m.map("add"));
            Map<String, String> set = templates(m.map("set"));
            List<ValueReplace> replace = new ArrayList<>();
            int ri = 0;
            for (Node r : YamlMap.items(m.get("replace"), m.child("replace"), ctx.problems)) {
                YamlMap rm = YamlMap.of(r, m.child("replace") + "[" + ri++ + "]", ctx.problems);
                String header = rm.requiredString("header");
                if (header != null) {
                    rm.parsed("header", null, (s, e) -> headerPattern(s, e, false));
                }
                String regex = rm.requiredString("regex");
                if (regex != null) {
                    regex = rm.parsed("regex", null, Values::regex);
                }
                String with = rm.string("with", "");
                if (with.indexOf('\r') >= 0 || with.indexOf('\n') >= 0) {
                    rm.error("with", "replacement must not contain line breaks (header injection)");
                }
                if (regex != null) {
                    Values.replacementTemplate(regex, with, msg -> rm.error("with", msg));
                }
                rm.finish();
                if (header != null && regex != null) {
                    replace.add(new ValueReplace(header, regex, with));
                }
            }
            Map<String, String> copy = new LinkedHashMap<>();
            YamlMap cm = m.map("copy");
            for (String src : cm.keys()) {
                String dst = cm.parsed(src, null, (s, e) -> headerPattern(s, e, false));
                if (!Values.token(src)) {
                    ctx.problems.add(cm.keyNode(src), cm.path(), "'" + src + "' is not a header name");
                } else if (dst != null) {
                    copy.put(src, dst);
                }
            }
            cm.finish();
            UriParts setRuri = uriParts(m, "set-ruri");
            UriParts setFrom = uriParts(m, "set-from");
            UriParts setTo = uriParts(m, "set-to");
            boolean hasAction = !remove.isEmpty() || !add.isEmpty() || !set.isEmpty() || !replace.isEmpty()
                    || !copy.isEmpty() || setRuri != null || setFrom != null || setTo != null;
            if (!hasAction && ctx.problems.isEmpty()) {
                ctx.problems.add(item, p, "a header rule needs at least one action "
                        + "(remove, add, set, replace, copy, set-ruri, set-from, set-to)");
            }
            m.finish();
            out.add(new HeaderRule(name, direction, from, to, methods, kind, statuses, match, remove, add, set, replace,
                    copy, setRuri, setFrom, setTo));
        }
        return out;
    }

    /** A header name, or (for remove) a prefix wildcard like {@code X-*}; protected names refused. */
    static String headerPattern(String s, java.util.function.Consumer<String> e, boolean wildcard) {
        String base = wildcard && s.endsWith("*") ? s.substring(0, s.length() - 1) : s;
        if (wildcard && s.endsWith("*") && base.isEmpty()) {
            e.accept("'*' alone would remove every header; name a prefix such as X-*");
            return null;
        }
        if (!Values.token(base)) {
            e.accept("'" + s + "' is not a header name" + (wildcard ? " or PREFIX* wildcard" : ""));
            return null;
        }
        if (!base.equals(s)) {
            return s;
        }
        if (PROTECTED.contains(s.toLowerCase(Locale.ROOT))) {
            e.accept("header '" + s + "' is managed by the B2BUA and cannot be changed by rules"
                    + (s.equalsIgnoreCase("from") || s.equalsIgnoreCase("to") ? " (use set-from / set-to)" : ""));
            return null;
        }
        return s;
    }

    private Map<String, String> templates(YamlMap tm) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : tm.keys()) {
            if (headerPattern(name, msg -> ctx.problems.add(tm.keyNode(name), tm.path(), msg), false) == null) {
                tm.get(name);
                continue;
            }
            String t = tm.parsed(name, null, (s, e) -> Template.parse(s, e) == null ? null : s);
            if (t != null) {
                out.put(name, t);
            }
        }
        tm.finish();
        return out;
    }

    private UriParts uriParts(YamlMap m, String key) {
        if (!m.has(key)) {
            return null;
        }
        YamlMap u = m.map(key);
        String user = u.parsed("user", null, (s, e) -> Template.parse(s, e) == null ? null : s);
        String host = u.parsed("host", null, (s, e) -> Template.parse(s, e) == null ? null : s);
        u.finish();
        if (user == null && host == null) {
            m.error(key, "needs user and/or host");
            return null;
        }
        return new UriParts(user, host);
    }
}
