package io.sbc.policy.load;

import io.sbc.policy.validate.Suggestions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * What binders share while loading one file: the problem list, secret resolution, the file's
 * directory for relative paths, and the realm and trunk names (known before either is bound, so
 * references are checked where they are written).
 */
public final class BindContext {
    final Problems problems;
    final SecretResolver secrets;
    final Path baseDirectory;
    final Set<String> realmNames = new LinkedHashSet<>();
    final Set<String> trunkNames = new LinkedHashSet<>();

    BindContext(Problems problems, SecretResolver secrets, Path baseDirectory) {
        this.problems = problems;
        this.secrets = secrets;
        this.baseDirectory = baseDirectory;
    }

    /** Checks a realm reference; reports it with a suggestion when undefined. */
    boolean checkRealm(String name, Node at, String path) {
        if (name == null || realmNames.contains(name)) {
            return true;
        }
        problems.add(at, path, "undefined realm '" + name + "'" + hint(name, realmNames));
        return false;
    }

    boolean checkTrunk(String name, Node at, String path) {
        if (name == null || trunkNames.contains(name)) {
            return true;
        }
        problems.add(at, path, "undefined trunk '" + name + "'" + hint(name, trunkNames));
        return false;
    }

    /** Routes and rules name a realm or a trunk in {@code from}/{@code to}; names are unique across both. */
    boolean checkRealmOrTrunk(String name, Node at, String path) {
        if (name == null || realmNames.contains(name) || trunkNames.contains(name)) {
            return true;
        }
        Set<String> all = new LinkedHashSet<>(realmNames);
        all.addAll(trunkNames);
        problems.add(at, path, "undefined realm or trunk '" + name + "'" + hint(name, all));
        return false;
    }

    private static String hint(String name, Set<String> names) {
        String h = Suggestions.closest(name, names);
        return h != null ? "; did you mean '" + h + "'?" : names.isEmpty() ? "" : " (defined: " + String.join(", ", names) + ")";
    }

    /** A file path from the policy, resolved against the policy's directory; reports a missing file. */
    String existingFile(String p, Node at, String path, String what) {
        if (p == null) {
            return null;
        }
        Path f = baseDirectory.resolve(p);
        if (!Files.isRegularFile(f)) {
            problems.add(at, path, what + " file '" + p + "' does not exist");
            return null;
        }
        return f.toString();
    }
}
