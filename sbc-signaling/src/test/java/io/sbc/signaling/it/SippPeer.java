package io.sbc.signaling.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A SIPp peer of a call test, started in the background (the callee side) or in the foreground
 * (the caller). Every run is bounded: {@code -m} calls, SIPp's own {@code -timeout} and a wall-clock
 * limit after which this process alone (by its handle) is killed. Messages each side received and
 * sent are traced ({@code -trace_msg}) into a directory per peer, for the topology-hiding checks.
 */
final class SippPeer {
    private final Path dir;
    private final List<String> cmd = new ArrayList<>();
    private final Duration wall;
    private Process process;
    /** For a UAS: the UDP address it must have bound before callers may start. */
    private String serverIp;
    private int serverPort;

    private SippPeer(Path dir, Duration wall) {
        this.dir = dir.toAbsolutePath();
        this.wall = wall;
    }

    /** A UAS (server mode, no remote) on {@code ip:port}. */
    static SippPeer uas(String test, String name, Path scenario, String ip, int port, int calls, Duration wall) {
        SippPeer p = new SippPeer(ItPolicies.evidenceDir(test).resolve(name), wall);
        p.cmd.addAll(List.of("sipp", "-sf", scenario.toString(), "-i", ip, "-p", Integer.toString(port),
                "-m", Integer.toString(calls)));
        p.serverIp = ip;
        p.serverPort = port;
        return p;
    }

    /** A UAC on {@code ip:port} calling {@code target} (ip:port). */
    static SippPeer uac(String test, String name, Path scenario, String ip, int port, String target, int calls,
            Duration wall) {
        SippPeer p = new SippPeer(ItPolicies.evidenceDir(test).resolve(name), wall);
        p.cmd.addAll(List.of("sipp", target, "-sf", scenario.toString(), "-i", ip, "-p", Integer.toString(port),
                "-m", Integer.toString(calls), "-r", "5", "-l", Integer.toString(Math.max(1, calls))));
        return p;
    }

    SippPeer arg(String... more) {
        cmd.addAll(List.of(more));
        return this;
    }

    SippPeer start() throws IOException {
        Files.createDirectories(dir);
        List<String> full = new ArrayList<>(cmd);
        long timeoutS = Math.max(1, wall.toSeconds() - 2);
        full.addAll(List.of("-timeout", timeoutS + "s", "-timeout_error",
                "-trace_msg", "-message_file", messageLog().toString(),
                "-trace_err", "-error_file", dir.resolve("errors.log").toString(), "-nostdin"));
        Files.writeString(dir.resolve("command.txt"), String.join(" ", full) + "\n");
        process = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        if (serverIp != null) {
            awaitUdpBound(serverIp, serverPort);
        }
        return this;
    }

    /**
     * Waits (up to 10 s) until the UAS has bound its UDP port, read from /proc/net/udp: on a busy
     * machine SIPp can take a second to start, and an INVITE sent before it listens draws an ICMP
     * port unreachable that the SBC rightly treats as a failed gateway.
     */
    private void awaitUdpBound(String ip, int port) throws IOException {
        byte[] a = java.net.InetAddress.getByName(ip).getAddress();
        String local = String.format("%02X%02X%02X%02X:%04X", a[3] & 0xff, a[2] & 0xff, a[1] & 0xff, a[0] & 0xff, port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            for (String line : Files.readAllLines(Path.of("/proc/net/udp"))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 1 && f[1].equals(local)) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Waits for the exit (killing this SIPp at the wall limit) and returns the exit code (-1 = killed). */
    int await() throws InterruptedException {
        if (process.waitFor(wall.toMillis(), TimeUnit.MILLISECONDS)) {
            return process.exitValue();
        }
        process.destroyForcibly();
        process.waitFor(5, TimeUnit.SECONDS);
        return -1;
    }

    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    Path messageLog() {
        return dir.resolve("messages.log");
    }

    String messages() throws IOException {
        return Files.exists(messageLog()) ? Files.readString(messageLog()) : "";
    }

    String describe() {
        try {
            Path err = dir.resolve("errors.log");
            Path out = dir.resolve("stdout.log");
            return dir + "\nerrors:\n" + (Files.exists(err) ? Sipp.tail(Files.readString(err), 3000) : "")
                    + "\nstdout:\n" + (Files.exists(out) ? Sipp.tail(Files.readString(out), 1500) : "");
        } catch (IOException e) {
            return dir.toString();
        }
    }

    /** The messages this peer received, each as text (from SIPp's -trace_msg log). */
    List<String> received() throws IOException {
        return TraceLog.received(messages());
    }

    /** The messages this peer sent. */
    List<String> sent() throws IOException {
        return TraceLog.sent(messages());
    }
}
