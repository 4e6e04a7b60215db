package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ops/sbc} launcher as an operator uses it: the verbs' output and exit codes, and
 * {@code run} serving until SIGTERM, then exiting 0 with the launcher's PID being the JVM's.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SBC = ROOT.resolve("ops/sbc");

    record Outcome(int exit, String out, String err) {}

    private static Outcome sbc(String stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(SBC.toString());
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("sbc-out", ".txt");
        Path err = Files.createTempFile("sbc-err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(ROOT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ops/sbc " + String.join(" ", args) + " did not finish");
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void versionPrintsTheVersionAndExitsZero() throws Exception {
        Outcome o = sbc(null, "version");
        assertEquals(0, o.exit(), o.err());
        assertTrue(o.out().matches("sbc \\d+\\.\\d+\\.\\d+.*\\s*"), o.out());
    }

    @Test
    void parseReserializesAValidMessageByteForByte() throws Exception {
        Path f = ItPolicies.resource("options-probe.sip");
        Outcome o = sbc(null, "parse", f.toString());
        assertEquals(0, o.exit(), o.err());
        assertEquals(Files.readString(f, StandardCharsets.ISO_8859_1), o.out());
    }

    @Test
    void parseReadsStdinAndReportsInvalidWithExitOne() throws Exception {
        Outcome o = sbc("INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n", "parse");
        assertEquals(1, o.exit(), o.out() + o.err());
        assertTrue(o.out().startsWith("invalid: "), o.out());
    }

    @Test
    void checkPolicyAcceptsTheExampleAndListsEveryProblemOfABadFile() throws Exception {
        Outcome ok = sbc(null, "check-policy", ROOT.resolve("ops/policy/example.yaml").toString());
        assertEquals(0, ok.exit(), ok.out() + ok.err());

        Path bad = Files.createTempFile("bad-policy", ".yaml");
        Files.writeString(bad, "version: 1\nrealms:\n  pbx:\n    listen: [udp://127.0.0.20:99999]\n    alow: [10.0.0.0/8]\n");
        Outcome o = sbc(null, "check-policy", bad.toString());
        assertEquals(1, o.exit(), o.out() + o.err());
        String[] lines = o.out().strip().split("\n");
        assertEquals(2, lines.length, o.out());
        for (String line : lines) {
            assertTrue(line.startsWith(bad + ":"), "not FILE:LINE:COL: " + line);
            assertTrue(line.substring(bad.toString().length()).matches(":\\d+:\\d+: .+"), line);
        }
    }

    @Test
    void runServesOptionsUntilSigtermThenExitsZero() throws Exception {
        Path err = Files.createTempFile("sbc-run", ".log");
        Process p = new ProcessBuilder(SBC.toString(), "run", "--policy",
                ItPolicies.resource("loopback-policy.yaml").toString())
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(err.toFile()).start();
        try {
            waitForLog(p, err, "serving", 120);
            // exec: the launcher's PID is the JVM's, so operators' signals reach the SBC itself.
            assertTrue(p.info().command().orElse("").endsWith("java"), "ops/sbc did not exec java: " + p.info());
            assertTrue(Files.readString(err).contains("listening on udp://127.0.0.20:5060"), Files.readString(err));
            assertEquals("SIP/2.0 200 OK", optionsStatusLine());
            // The admin API on node.admin: health, and the OPTIONS just answered in the metrics.
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            var health = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:18080/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            var metrics = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:18080/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("sbc_sip_messages_total{direction=\"in\",method_or_status=\"OPTIONS\",realm=\"pbx\"} 1"),
                    metrics.body());
            assertTrue(metrics.body().contains("jvm_memory_used_bytes"), "no JVM metrics");
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the SBC did not stop after SIGTERM");
            assertEquals(0, p.exitValue(), Files.readString(err));
            assertTrue(Files.readString(err).contains("stopped"), Files.readString(err));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }

    private static void waitForLog(Process p, Path log, String text, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            if (!p.isAlive()) {
                throw new AssertionError("the SBC exited early: " + Files.readString(log));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + text + "' in the log after " + seconds + " s: " + Files.readString(log));
    }

    private static String optionsStatusLine() throws IOException {
        String options = "OPTIONS sip:127.0.0.20:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5098;branch=z9hG4bK-launcher;rport\r\n"
                + "From: <sip:probe@127.0.0.10>;tag=launcher\r\nTo: <sip:127.0.0.20>\r\n"
                + "Call-ID: launcher@127.0.0.10\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", 0))) {
            s.setSoTimeout(10_000);
            byte[] b = options.getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(b, b.length, new InetSocketAddress("127.0.0.20", 5060)));
            DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
            s.receive(reply);
            String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
            return text.substring(0, text.indexOf("\r\n"));
        }
    }
}
