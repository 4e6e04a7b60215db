package io.sbc.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Memory safety of the C code: compiles src/main/c/sbcnative_core.c with the same warning flags as
 * the build plus AddressSanitizer (and its leak checker), links it with the driver
 * src/test/c/asan_driver.c, and runs it against real loopback sockets. Needs gcc with libasan.
 */
@Timeout(180)
class NativeAsanIT {

    private static String run(List<String> cmd, int expectedExit) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "timed out: " + cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(expectedExit, p.exitValue(), String.join(" ", cmd) + "\n" + out);
        return out;
    }

    @Test
    void coreFunctionsRunCleanUnderAddressSanitizer() throws Exception {
        assumeTrue(new File("/usr/bin/gcc").canExecute(), "gcc not installed");
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
        Path base = Path.of(System.getProperty("basedir", "."));
        Path out = base.resolve("target/asan");
        Files.createDirectories(out);
        Path exe = out.resolve("asan_driver");
        List<String> cc = new ArrayList<>(List.of("gcc", "-O1", "-g", "-fsanitize=address", "-fno-omit-frame-pointer",
                "-Wall", "-Wextra", "-Werror", "-I" + base.resolve("src/main/c"), "-o", exe.toString(),
                base.resolve("src/main/c/sbcnative_core.c").toString(), base.resolve("src/test/c/asan_driver.c").toString()));
        run(cc, 0);
        String report = run(List.of("env", "ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:exitcode=86", exe.toString()), 0);
        assertFalse(report.contains("AddressSanitizer"), report);
        assertFalse(report.contains("LeakSanitizer"), report);
        assertTrue(report.contains("asan driver: all checks passed"), report);
    }
}
