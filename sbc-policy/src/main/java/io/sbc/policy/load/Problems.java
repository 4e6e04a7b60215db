package io.sbc.policy.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Collects every problem found while loading one file, so that one {@code check-policy} run shows
 * all of them (Dropwizard's ConfigurationValidationException idea). Owned by the loading thread.
 */
public final class Problems {
    /** Bound on reported problems: a binary file fed as policy must not produce megabytes of output. */
    public static final int MAX_PROBLEMS = 500;

    private final String file;
    private final List<Problem> list = new ArrayList<>();

    public Problems(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    public Position at(Node node) {
        if (node == null) {
            return new Position(file, 1, 1);
        }
        return node.getStartMark()
                .map(m -> new Position(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(new Position(file, 1, 1));
    }

    public void add(Node node, String path, String message) {
        add(at(node), path, message);
    }

    public void add(Position at, String path, String message) {
        if (list.size() >= MAX_PROBLEMS) {
            return;
        }
        list.add(new Problem(at, path == null || path.isEmpty() ? message : path + ": " + message));
    }

    public boolean isEmpty() {
        return list.isEmpty();
    }

    public int size() {
        return list.size();
    }

    /** Problems in file order. */
    public List<Problem> sorted() {
        List<Problem> copy = new ArrayList<>(list);
        Collections.sort(copy);
        return List.copyOf(copy);
    }
}
