package io.sbc.policy.load;

import io.sbc.policy.model.HeaderCondition;
import io.sbc.policy.model.Match;
import io.sbc.policy.validate.Values;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Binds a {@code match:} mapping (routes and header rules share it). */
final class MatchBinder {
    private MatchBinder() {
    }

    static Match bind(YamlMap m) {
        if (m.node() == null) {
            m.finish();
            return Match.ANY;
        }
        Problems p = m.problems();
        var sources = m.list("source", Values::cidr);
        List<String> methods = methods(m, "method");
        List<String> prefixes = m.list("ruri-user-prefix", (s, e) -> {
            if (s.isEmpty()) {
                e.accept("a prefix must not be empty");
                return null;
            }
            return s;
        });
        String ruriUser = m.parsed("ruri-user", null, Values::regex);
        var ranges = m.list("ruri-user-range", Values::numberRange);
        String fromUser = m.parsed("from-user", null, Values::regex);
        String toUser = m.parsed("to-user", null, Values::regex);
        Map<String, HeaderCondition> headers = new LinkedHashMap<>();
        YamlMap h = m.map("headers");
        for (String name : h.keys()) {
            Node v = h.get(name);
            if (!Values.token(name)) {
                p.add(h.keyNode(name), h.path(), "'" + name + "' is not a header name");
                continue;
            }
            if (v instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
                headers.put(name, new HeaderCondition(Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT)), null));
            } else {
                String re = h.parsed(name, null, Values::regex);
                if (re != null) {
                    headers.put(name, new HeaderCondition(true, re));
                }
            }
        }
        m.finish();
        return new Match(sources, methods, prefixes, ruriUser, ranges, fromUser, toUser, headers);
    }

    /** SIP methods, upper-cased (RFC 3261 section 7.1: methods are case-sensitive, by convention upper). */
    static List<String> methods(YamlMap m, String key) {
        return m.list(key, (s, e) -> {
            if (!Values.token(s)) {
                e.accept("'" + s + "' is not a SIP method");
                return null;
            }
            if (!s.equals(s.toUpperCase(Locale.ROOT))) {
                e.accept("method '" + s + "' must be upper case (SIP methods are case-sensitive): " + s.toUpperCase(Locale.ROOT));
                return null;
            }
            return s;
        });
    }
}
