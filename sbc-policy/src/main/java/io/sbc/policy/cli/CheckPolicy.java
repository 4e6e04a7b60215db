package io.sbc.policy.cli;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.load.Problem;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code ops/sbc check-policy FILE}: prints one {@code FILE:LINE:COL: message} line per problem and
 * returns 1, or a one-line summary and 0. Secrets are resolved (an unset one is a problem) but
 * never printed.
 */
public final class CheckPolicy {
    private CheckPolicy() {
    }

    public static int run(String file, PrintStream out) {
        return run(file, out, PolicyLoader.withSystemEnvironment());
    }

    public static int run(String file, PrintStream out, PolicyLoader loader) {
        LoadResult r = loader.load(Path.of(file));
        if (!r.ok()) {
            for (Problem p : r.problems()) {
                out.println(p);
            }
            out.flush();
            return 1;
        }
        PolicySnapshot s = r.snapshot();
        out.println(file + ": ok (" + s.policy().realms().size() + " realms, " + s.policy().trunks().size() + " trunks, "
                + s.policy().routes().size() + " routes, " + s.policy().headerRules().size() + " header rules, "
                + s.policy().numberRules().size() + " number rules)");
        out.flush();
        return 0;
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: check-policy FILE");
            System.exit(2);
        }
        System.exit(run(args[0], System.out));
    }
}
