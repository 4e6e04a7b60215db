package io.sbc.media.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
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

/** {@code RelayMain} as its own process: listening lines, ng ping, SIGTERM → orderly close, exit 0. */
class RelayMainIT {

    @Test
    @Timeout(90)
    void servesNgUntilSigtermThenClosesAndExitsZero(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("relay.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RelayMain.class.getName(), "--control", "127.0.0.1:0", "--address", "127.0.0.1",
                "--interface", "side-b=127.0.0.2", "--ports", "47000-47099", "--media-timeout", "5s")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            // Process.destroy() closes the pipes, so the child writes to a file the test reads.
            List<String> lines = List.of();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (lines.stream().noneMatch(l -> l.startsWith("relay: workers=")) && p.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
                lines = Files.readAllLines(log);
            }
            int port = -1;
            for (String line : lines) {
                Matcher m = Pattern.compile("relay: ng control listening on udp:127\\.0\\.0\\.1:(\\d+) pid=\\d+").matcher(line);
                if (m.matches()) {
                    port = Integer.parseInt(m.group(1));
                }
            }
            assertTrue(port > 0, "control line: " + lines);
            assertTrue(lines.contains("relay: media interface 127.0.0.1 on 127.0.0.1 ports 47000-47099"), lines.toString());
            assertTrue(lines.contains("relay: media interface side-b on 127.0.0.2 ports 47000-47099"), lines.toString());

            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
                s.setSoTimeout(5000);
                byte[] ping = "c1 d7:command4:pinge".getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(ping, ping.length, new InetSocketAddress("127.0.0.1", port)));
                byte[] buf = new byte[2048];
                DatagramPacket in = new DatagramPacket(buf, buf.length);
                s.receive(in);
                assertEquals("c1 d6:result4:ponge", new String(buf, 0, in.getLength(), StandardCharsets.US_ASCII));
            }

            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "relay stops within 30 s of SIGTERM");
            String rest = Files.readString(log);
            assertEquals(0, p.exitValue(), rest);
            assertTrue(rest.contains("relay: stopped"), rest);
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
