package io.sbc.media.interop;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A peer started as a child process (Kamailio, rtpengine, SIPp) with its output in a log file. Stopped
 * by its own PID only: SIGTERM, a bounded wait, then SIGKILL.
 */
final class ChildProcess implements AutoCloseable {
    private final String name;
    private final Path log;
    private final Process process;

    private ChildProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    static ChildProcess start(String name, Path dir, List<String> command) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(name + ".log");
        Files.writeString(dir.resolve(name + ".cmd"), String.join(" ", command) + "\n");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        return new ChildProcess(name, log, p);
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** Waits at most {@code seconds}; kills on timeout. Returns the exit code, or -1 when it had to be killed. */
    int await(long seconds) throws InterruptedException {
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            return process.exitValue();
        }
        close();
        return -1;
    }

    String output() {
        try {
            String s = Files.readString(log);
            return name + " (" + log + "):\n" + (s.length() > 4000 ? s.substring(s.length() - 4000) : s);
        } catch (IOException e) {
            return name + ": no output (" + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy(); // SIGTERM to this PID
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
