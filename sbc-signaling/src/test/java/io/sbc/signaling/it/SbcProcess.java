package io.sbc.signaling.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ops/sbc run --policy FILE} as a separate process (the launcher execs java, so the PID is the
 * SBC's): started, waited for, signalled and killed by its own PID only.
 */
final class SbcProcess implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SBC = ROOT.resolve("ops/sbc");

    final Process process;
    final Path log;

    private SbcProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the SBC and waits (up to 120 s) for "serving" in its log. */
    static SbcProcess run(Path policy, Path log) throws Exception {
        return run(policy, log, java.util.Map.of());
    }

    /** Starts the SBC with {@code env} added to its environment and waits (up to 120 s) for "serving". */
    static SbcProcess run(Path policy, Path log, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(SBC.toString(), "run", "--policy", policy.toString())
                .directory(ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        Process p = pb.start();
        SbcProcess s = new SbcProcess(p, log);
        s.waitForLog("serving", 120);
        return s;
    }

    void waitForLog(String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the SBC exited early: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the log after " + seconds + " s: " + Files.readString(log));
    }

    /** GET on the admin API; returns status and body. */
    static HttpResponse<String> get(int adminPort, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + adminPort + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** {@code ops/sbc ARGS...}: exit code and standard output. */
    static String[] tool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(SBC.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("sbc-tool", ".out");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(out.toFile())).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ops/sbc " + String.join(" ", args) + " did not finish");
        }
        return new String[] {Integer.toString(p.exitValue()), Files.readString(out)};
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
