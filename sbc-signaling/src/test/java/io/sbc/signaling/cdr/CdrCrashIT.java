package io.sbc.signaling.cdr;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every appended CDR survives a SIGKILL of the process that wrote it: a child JVM appends N
 * records, is killed with SIGKILL, and exactly N records read back (Chronicle Queue's mapped file
 * is in the page cache; the next appender takes over the dead writer's lock).
 */
class CdrCrashIT {

    @Test
    void readsBackEveryRecordAfterTheWriterIsKilled(@TempDir Path dir) throws Exception {
        int n = 2_000;
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        for (String flag : System.getProperty("sbc.test.jvmflags", "").split(" ")) {
            if (!flag.isBlank()) {
                cmd.add(flag);
            }
        }
        cmd.addAll(List.of(
                "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED", "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED", "--add-opens=java.base/java.io=ALL-UNNAMED",
                "--add-opens=java.base/java.util=ALL-UNNAMED", "-Dchronicle.analytics.disable=true",
                "-Dchronicle.announcer.disable=true",
                "-cp", System.getProperty("java.class.path"), CdrWriterChild.class.getName(), dir.toString(),
                Integer.toString(n)));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            while ((line = out.readLine()) != null && !line.startsWith("written ")) {
                // skip the child's log lines
            }
            assertEquals("written " + n, line, "the child did not report its writes");
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            child.waitFor(10, TimeUnit.SECONDS);
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        long[] count = {0};
        CdrReader.read(dir, Long.MIN_VALUE, Long.MAX_VALUE, r -> count[0]++);
        assertEquals(n, count[0]);

        // A new journal appends after the dead writer's records.
        try (CdrJournal j = CdrJournal.open(dir, java.time.Duration.ofDays(30))) {
            j.submit(CdrJournalTest.record(n, System.currentTimeMillis()));
        }
        count[0] = 0;
        CdrReader.read(dir, Long.MIN_VALUE, Long.MAX_VALUE, r -> count[0]++);
        assertEquals(n + 1, count[0]);
    }
}
