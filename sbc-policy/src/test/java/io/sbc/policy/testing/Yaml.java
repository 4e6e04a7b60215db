package io.sbc.policy.testing;

import java.util.List;
import java.util.Map;

/** A small block-style YAML emitter for generated test policies (strings JSON-quoted). */
final class Yaml {
    private Yaml() {
    }

    @SuppressWarnings("unchecked")
    static void emit(Map<String, Object> map, int indent, StringBuilder sb) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            sb.append(" ".repeat(indent)).append(quote(e.getKey())).append(':');
            Object v = e.getValue();
            if (v instanceof Map<?, ?> m && !m.isEmpty()) {
                sb.append('\n');
                emit((Map<String, Object>) m, indent + 2, sb);
            } else if (v instanceof List<?> l && !l.isEmpty()) {
                sb.append('\n');
                for (Object item : l) {
                    sb.append(" ".repeat(indent + 2)).append("- ").append(flow(item)).append('\n');
                }
            } else {
                sb.append(' ').append(flow(v)).append('\n');
            }
        }
    }

    static String flow(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "" : ", ").append(quote((String) e.getKey())).append(": ").append(flow(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(flow(l.get(i)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof String s) {
            return quote(s);
        }
        return String.valueOf(v);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
