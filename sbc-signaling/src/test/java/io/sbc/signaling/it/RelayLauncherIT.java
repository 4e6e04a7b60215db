package io.sbc.signaling.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ops/sbc relay} as an operator runs it: a bad option is one line and exit 2; a good command
 * line prints its listening addresses, answers ng on the control address, and on SIGTERM to the
 * launcher's PID (which is the JVM's: the launcher exec's it) closes and exits 0.
 */
class RelayLauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SBC = ROOT.resolve("ops/sbc");

    @Test
    @Timeout(180)
    void badOptionIsOneLineAndExitTwo(@TempDir Path dir) throws Exception {
        Process p = new ProcessBuilder(SBC.toString(), "relay", "--idle", "sleepy").directory(ROOT.toFile())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile()).start();
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "ops/sbc relay finishes");
        String err = Files.readString(dir.resolve("err"));
        assertEquals(2, p.exitValue(), err);
        assertTrue(err.contains("sbc relay: --idle must be hybrid, spin, backoff or block, got 'sleepy'\n"), err);
    }

    @Test
    @Timeout(180)
    void servesNgUntilSigtermThenExitsZero(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(SBC.toString(), "relay", "--control", "127.0.0.1:0", "--address", "127.0.0.1",
                "--ports", "47100-47199", "--workers", "1", "--idle", "backoff").directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        try {
            List<String> lines = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (lines.stream().noneMatch(l -> l.startsWith("relay: workers=")) && p.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(200);
                lines = Files.readAllLines(out);
            }
            Matcher m = Pattern.compile("(?m)^relay: ng control listening on udp:127\\.0\\.0\\.1:(\\d+) pid=(\\d+)$")
                    .matcher(String.join("\n", lines));
            assertTrue(m.find(), "listening line: " + lines);
            assertEquals(p.pid(), Long.parseLong(m.group(2)), "the launcher's PID is the relay's PID");
            assertTrue(lines.contains("relay: media interface 127.0.0.1 on 127.0.0.1 ports 47100-47199"), lines.toString());
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                s.setSoTimeout(5000);
                byte[] ping = "l1 d7:command4:pinge".getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(ping, ping.length,
                        new InetSocketAddress("127.0.0.1", Integer.parseInt(m.group(1)))));
                byte[] buf = new byte[512];
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                s.receive(in);
                assertEquals("l1 d6:result4:ponge", new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII));
            }
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "stops within 30 s of SIGTERM");
            assertEquals(0, p.exitValue(), Files.readString(out));
            assertTrue(Files.readString(out).contains("relay: stopped"), Files.readString(out));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
