package io.sbc.signaling;

import io.sbc.policy.cli.CheckPolicy;
import io.sbc.signaling.cli.RunCommand;
import io.sbc.signaling.codec.ParseCommand;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point of the runnable jar ({@code ops/sbc}): one verb per operator task, exit codes as
 * the design's CLI contract says. Errors are one line on stderr, never a stack trace.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println("usage: sbc run|relay|check-policy|explain|parse|cdr|version (see ops/sbc help)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return switch (args[0]) {
                case "version", "--version" -> {
                    out.println("sbc " + version());
                    yield 0;
                }
                case "parse" -> parse(rest, in, out, err);
                case "check-policy" -> {
                    if (rest.length != 1) {
                        err.println("usage: sbc check-policy FILE");
                        yield 2;
                    }
                    yield CheckPolicy.run(rest[0], out);
                }
                case "run" -> RunCommand.run(rest, err);
                case "relay" -> io.sbc.media.daemon.RelayMain.run(rest, out, err);
                case "cdr" -> io.sbc.signaling.cdr.CdrCommand.run(rest, out, err);
                case "explain" -> io.sbc.signaling.b2bua.ExplainCommand.run(rest, out, err);
                default -> {
                    err.println("sbc: unknown verb '" + args[0] + "' (see ops/sbc help)");
                    yield 2;
                }
            };
        } catch (RuntimeException e) {
            err.println("sbc " + args[0] + ": internal error: " + e);
            return 1;
        }
    }

    private static int parse(String[] rest, InputStream in, PrintStream out, PrintStream err) {
        if (rest.length > 1) {
            err.println("usage: sbc parse [FILE]");
            return 2;
        }
        if (rest.length == 0) {
            return ParseCommand.run(in, out);
        }
        try (InputStream file = Files.newInputStream(Path.of(rest[0]))) {
            return ParseCommand.run(file, out);
        } catch (IOException e) {
            out.println("invalid: cannot read " + rest[0] + ": " + e.getMessage());
            return 1;
        }
    }

    /** The version from the jar manifest; "dev" when run from classes. */
    public static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
