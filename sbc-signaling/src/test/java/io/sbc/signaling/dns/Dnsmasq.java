package io.sbc.signaling.dns;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's dnsmasq (package {@code dnsmasq-base}) as a real authoritative-for-test DNS server on a
 * loopback address, started as a child process with the records of one test and stopped by its PID.
 * Nothing outside {@code .test} is answered ({@code --local=/test/} gives NXDOMAIN, no upstream).
 */
public final class Dnsmasq implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/dnsmasq");

    private final Process process;
    public final InetSocketAddress address;
    final Path log;

    private Dnsmasq(Process process, InetSocketAddress address, Path log) {
        this.process = process;
        this.address = address;
        this.log = log;
    }

    public static void assumeInstalled() {
        if (System.getenv("CI") != null) {
            assertTrue(Files.isExecutable(BINARY), "dnsmasq must be installed in CI (ops/test installs dnsmasq-base)");
        }
        assumeTrue(Files.isExecutable(BINARY), "dnsmasq not installed: apt-get install -y dnsmasq-base");
    }

    /** Starts dnsmasq on {@code listenIp} (a free UDP port) with {@code records} options and waits until it answers. */
    public static Dnsmasq start(String listenIp, Path dir, int localTtlSeconds, List<String> records)
            throws IOException, InterruptedException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(listenIp, 0))) {
            port = probe.getLocalPort();
        }
        Files.createDirectories(dir);
        Path log = dir.resolve("dnsmasq.log");
        List<String> cmd = new ArrayList<>(List.of(BINARY.toString(), "--no-daemon", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--bind-interfaces", "--listen-address=" + listenIp,
                "--port=" + port, "--local=/test/", "--local-ttl=" + localTtlSeconds, "--log-queries",
                "--log-facility=-", "--pid-file=", "--cache-size=0"));
        cmd.addAll(records);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Dnsmasq d = new Dnsmasq(p, new InetSocketAddress(InetAddress.getByName(listenIp), port), log);
        DnsClient probe = new DnsClient(d.address, Duration.ofMillis(200), 1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("dnsmasq exited " + p.exitValue() + ": " + Files.readString(log));
            }
            if (probe.query("ready.probe.test", DnsWire.TYPE_A).rcode() >= 0) {
                return d;
            }
        }
        d.close();
        throw new IllegalStateException("dnsmasq did not answer within 10 s: " + Files.readString(log));
    }

    /** How many queries for {@code name} dnsmasq logged so far. */
    public int queriesLogged(String name) throws IOException {
        int n = 0;
        for (String line : Files.readAllLines(log)) {
            if (line.contains("query[") && line.contains(" " + name + " ")) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM to this child's PID only
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
