package io.sbc.policy.load;

import io.sbc.policy.validate.Suggestions;
import io.sbc.policy.validate.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A YAML mapping read by a binder, key by key, with every problem reported at the node's position.
 * Each accessor records the key as known; {@link #finish()} then reports every other key as unknown,
 * with the closest known key suggested. So the set of valid keys is exactly what the binder reads:
 * there is no second list to keep in sync.
 */
public final class YamlMap {
    private final Node node;
    private final String path;
    private final Problems problems;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final Set<String> known = new LinkedHashSet<>();

    private YamlMap(Node node, String path, Problems problems) {
        this.node = node;
        this.path = path;
        this.problems = problems;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                Node k = t.getKeyNode();
                if (!(k instanceof ScalarNode ks)) {
                    problems.add(k, path, "keys must be plain strings");
                    continue;
                }
                if (entries.containsKey(ks.getValue())) {
                    problems.add(k, path, "duplicate key '" + ks.getValue() + "'");
                    continue;
                }
                entries.put(ks.getValue(), t);
            }
        }
    }

    /** Reads {@code node} as a mapping; reports a problem (and reads as empty) when it is something else. */
    public static YamlMap of(Node node, String path, Problems problems) {
        if (node != null && !(node instanceof MappingNode) && !isNull(node)) {
            problems.add(node, path, "expected a mapping (key: value lines), found " + describe(node));
        }
        return new YamlMap(node, path, problems);
    }

    public Problems problems() {
        return problems;
    }

    public String path() {
        return path;
    }

    public Node node() {
        return node;
    }

    public String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public boolean has(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        return t != null && !isNull(t.getValueNode());
    }

    /** The value node, or null when absent or null; marks the key known. */
    public Node get(String key) {
        known.add(key);
        NodeTuple t = entries.get(key);
        return t == null || isNull(t.getValueNode()) ? null : t.getValueNode();
    }

    /** Keys in file order (for maps whose keys are names: realms, trunks, header names). */
    public List<String> keys() {
        return new ArrayList<>(entries.keySet());
    }

    public Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    public Position position(String key) {
        return problems.at(get(key) != null ? get(key) : keyNode(key));
    }

    public void error(String key, String message) {
        Node n = get(key);
        problems.add(n != null ? n : keyNode(key), child(key), message);
    }

    public String string(String key, String def) {
        Node n = get(key);
        if (n == null) {
            return def;
        }
        String s = scalar(n, child(key), problems);
        return s == null ? def : s;
    }

    public String requiredString(String key) {
        if (!has(key)) {
            problems.add(node, path, "missing required key '" + key + "'");
            return null;
        }
        return string(key, null);
    }

    public int integer(String key, int def, int min, int max) {
        Node n = get(key);
        if (n == null) {
            return def;
        }
        if (!(n instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
            problems.add(n, child(key), "expected an integer, found " + describe(n));
            return def;
        }
        long v;
        try {
            v = Long.parseLong(s.getValue().replace("_", ""));
        } catch (NumberFormatException e) {
            problems.add(n, child(key), "expected a decimal integer, found '" + s.getValue() + "'");
            return def;
        }
        if (v < min || v > max) {
            problems.add(n, child(key), v + " is out of range " + min + ".." + max);
            return def;
        }
        return (int) v;
    }

    public boolean bool(String key, boolean def) {
        Node n = get(key);
        if (n == null) {
            return def;
        }
        if (!(n instanceof ScalarNode s) || !s.getTag().equals(Tag.BOOL)) {
            problems.add(n, child(key), "expected true or false, found " + describe(n));
            return def;
        }
        return Boolean.parseBoolean(s.getValue().toLowerCase(Locale.ROOT));
    }

    public Duration duration(String key, Duration def, boolean allowDays) {
        return parsed(key, def, (s, e) -> Values.duration(s, allowDays, e));
    }

    /** One of the given lower-case words, returned upper-cased with '-' as '_' (for enum valueOf). */
    public <E extends Enum<E>> E choice(String key, E def, Class<E> type) {
        Node n = get(key);
        if (n == null) {
            return def;
        }
        String s = scalar(n, child(key), problems);
        if (s == null) {
            return def;
        }
        List<String> words = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String w = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            words.add(w);
            if (w.equals(s)) {
                return e;
            }
        }
        String hint = Suggestions.closest(s, words);
        problems.add(n, child(key), "'" + s + "' is not one of " + String.join(", ", words)
                + (hint != null ? "; did you mean '" + hint + "'?" : ""));
        return def;
    }

    /** A scalar parsed by {@code parser}; problems at the value's position. */
    public <T> T parsed(String key, T def, BiFunction<String, Consumer<String>, T> parser) {
        Node n = get(key);
        if (n == null) {
            return def;
        }
        T v = parseNode(n, child(key), problems, parser);
        return v == null ? def : v;
    }

    /** A list of scalars parsed by {@code parser}; a single scalar counts as a one-element list. */
    public <T> List<T> list(String key, BiFunction<String, Consumer<String>, T> parser) {
        List<T> out = new ArrayList<>();
        Node n = get(key);
        if (n == null) {
            return out;
        }
        for (Node item : items(n, child(key), problems)) {
            T v = parseNode(item, child(key), problems, parser);
            if (v != null) {
                out.add(v);
            }
        }
        return out;
    }

    public List<String> strings(String key) {
        return list(key, (s, e) -> s);
    }

    /** The nodes of a sequence; a single non-sequence node counts as a one-element list. */
    public static List<Node> items(Node n, String path, Problems problems) {
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof SequenceNode seq) {
            return seq.getValue();
        }
        if (n instanceof MappingNode) {
            problems.add(n, path, "expected a list, found a mapping");
            return List.of();
        }
        return List.of(n);
    }

    public YamlMap map(String key) {
        return of(get(key), child(key), problems);
    }

    public static <T> T parseNode(Node n, String path, Problems problems, BiFunction<String, Consumer<String>, T> parser) {
        String s = scalar(n, path, problems);
        if (s == null) {
            return null;
        }
        return parser.apply(s, msg -> problems.add(n, path, msg));
    }

    /** The text of a scalar node; reports lists and mappings where a single value belongs. */
    public static String scalar(Node n, String path, Problems problems) {
        if (n instanceof ScalarNode s && !isNull(n)) {
            return s.getValue();
        }
        problems.add(n, path, "expected a single value, found " + describe(n));
        return null;
    }

    static boolean isNull(Node n) {
        return n instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String describe(Node n) {
        if (n instanceof MappingNode) {
            return "a mapping";
        }
        if (n instanceof SequenceNode) {
            return "a list";
        }
        if (isNull(n)) {
            return "nothing";
        }
        ScalarNode s = (ScalarNode) n;
        String v = s.getValue();
        return "'" + (v.length() > 40 ? v.substring(0, 40) + "..." : v) + "'";
    }

    /** Reports every key no accessor asked for, suggesting the closest known key. */
    public void finish() {
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!known.contains(e.getKey())) {
                String hint = Suggestions.closest(e.getKey(), known);
                problems.add(e.getValue().getKeyNode(), path, "unknown key '" + e.getKey() + "'"
                        + (hint != null ? "; did you mean '" + hint + "'?" : ""));
            }
        }
    }
}
