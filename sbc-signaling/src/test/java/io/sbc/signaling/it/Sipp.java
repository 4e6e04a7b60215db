package io.sbc.signaling.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real SIPp (Debian's {@code sip-tester}) as a peer of the SBC in integration tests.
 *
 * <p>Every run is bounded: a call count ({@code -m}), SIPp's own global timeout and a hard wall-clock
 * limit after which the process (and only that process, by its PID) is killed. Logs go to a
 * directory per run so a failing test leaves its evidence behind.
 */
public final class Sipp {

    /** The outcome of one SIPp run: exit code (0 = every call succeeded) and its log files. */
    public record Result(int exitCode, Path dir, Path messageLog, Path errorLog, String stdout) {
        public String messages() throws IOException {
            return Files.exists(messageLog) ? Files.readString(messageLog) : "";
        }

        public String errors() throws IOException {
            return Files.exists(errorLog) ? Files.readString(errorLog) : "";
        }

        /** A one-line summary for assertion messages. */
        public String describe() {
            try {
                return "sipp exit " + exitCode + " in " + dir + "\nerrors:\n" + errors() + "\nstdout tail:\n"
                        + tail(stdout, 2000);
            } catch (IOException e) {
                return "sipp exit " + exitCode + " in " + dir;
            }
        }
    }

    private final List<String> args = new ArrayList<>();
    private Duration wallLimit = Duration.ofSeconds(60);
    private final Path dir;

    private Sipp(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /** True when the {@code sipp} binary is on the PATH. */
    public static boolean available() {
        for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(p, "sipp"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A SIPp client run against {@code target} (ip:port) with a scenario file, from a loopback
     * source address and port.
     */
    public static Sipp client(Path workDir, String target, Path scenario, String localIp, int localPort) {
        Sipp s = new Sipp(workDir);
        s.args.add(target);
        s.args.add("-sf");
        s.args.add(scenario.toString());
        s.args.add("-i");
        s.args.add(localIp);
        s.args.add("-p");
        s.args.add(Integer.toString(localPort));
        return s;
    }

    public Sipp transport(String mode) {
        args.add("-t");
        args.add(mode);
        return this;
    }

    public Sipp calls(int count) {
        args.add("-m");
        args.add(Integer.toString(count));
        return this;
    }

    public Sipp rate(int callsPerSecond) {
        args.add("-r");
        args.add(Integer.toString(callsPerSecond));
        return this;
    }

    public Sipp arg(String... more) {
        args.addAll(List.of(more));
        return this;
    }

    public Sipp wallLimit(Duration limit) {
        this.wallLimit = limit;
        return this;
    }

    /** Runs SIPp to completion (or kills it at the wall limit) and returns its result. */
    public Result run() throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path messageLog = dir.resolve("messages.log");
        Path errorLog = dir.resolve("errors.log");
        Path stdoutLog = dir.resolve("stdout.log");
        List<String> cmd = new ArrayList<>();
        cmd.add("sipp");
        cmd.addAll(args);
        long timeoutS = Math.max(1, wallLimit.toSeconds() - 2);
        cmd.addAll(List.of(
                "-timeout", timeoutS + "s", "-timeout_error",
                "-trace_msg", "-message_file", messageLog.toString(),
                "-trace_err", "-error_file", errorLog.toString(),
                "-nostdin"));
        Files.writeString(dir.resolve("command.txt"), String.join(" ", cmd) + "\n");
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(stdoutLog.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        int exit;
        if (p.waitFor(wallLimit.toMillis(), TimeUnit.MILLISECONDS)) {
            exit = p.exitValue();
        } else {
            p.destroyForcibly();
            p.waitFor(5, TimeUnit.SECONDS);
            exit = -1;
        }
        String out = Files.exists(stdoutLog) ? Files.readString(stdoutLog) : "";
        return new Result(exit, dir, messageLog, errorLog, out);
    }

    static String tail(String s, int max) {
        return s.length() <= max ? s : s.substring(s.length() - max);
    }
}
