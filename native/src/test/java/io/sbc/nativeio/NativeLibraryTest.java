package io.sbc.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeLibraryTest {

    private static boolean linuxX8664WithGcc() {
        return System.getProperty("os.name").startsWith("Linux") && "amd64".equals(System.getProperty("os.arch"))
                && new File("/usr/bin/gcc").canExecute();
    }

    @Test
    void loadsThePackagedLibraryOnLinuxX8664() {
        assumeTrue(linuxX8664WithGcc(), "library is built only on linux-x86_64 with gcc");
        assumeTrue(!Boolean.getBoolean(NativeLibrary.DISABLE_PROPERTY));
        assertTrue(NativeLibrary.isAvailable(), NativeLibrary.describe());
        assertNull(NativeLibrary.unavailableReason());
        assertEquals("native library libsbcnative.so in use (linux-x86_64)", NativeLibrary.describe());
    }

    @Test
    void disablePropertyKeepsTheLibraryUnloadedWithAReason() {
        NativeLibrary.Status s = NativeLibrary.load(true, "Linux", "amd64",
                NativeLibrary.class.getResource(NativeLibrary.RESOURCE));
        assertFalse(s.available());
        assertEquals("disabled by -Dsbc.native.disable=true", s.reason());
    }

    @Test
    void otherOperatingSystemsAndArchitecturesFallBackToPureJava() {
        NativeLibrary.Status mac = NativeLibrary.load(false, "Mac OS X", "aarch64", null);
        assertFalse(mac.available());
        assertEquals("no library for Mac OS X/aarch64, only linux-x86_64", mac.reason());
        assertFalse(NativeLibrary.load(false, "Linux", "aarch64", null).available());
    }

    @Test
    void aJarBuiltWithoutGccFallsBackToPureJava() {
        NativeLibrary.Status s = NativeLibrary.load(false, "Linux", "amd64", null);
        assertFalse(s.available());
        assertTrue(s.reason().contains("not packaged"), s.reason());
    }

    @Test
    void aCorruptLibraryIsReportedNotThrown() throws Exception {
        File junk = File.createTempFile("not-a-library", ".so");
        junk.deleteOnExit();
        java.nio.file.Files.writeString(junk.toPath(), "not an ELF file");
        NativeLibrary.Status s = NativeLibrary.load(false, "Linux", "amd64", junk.toURI().toURL());
        assertFalse(s.available());
        assertTrue(s.reason().startsWith("cannot load libsbcnative.so: UnsatisfiedLinkError"), s.reason());
    }

    /** The real switch, end to end: a JVM started with the property runs every fallback. */
    @Test
    void aJvmStartedWithTheDisablePropertyRunsInPureJava() throws Exception {
        String java = System.getProperty("java.home") + "/bin/java";
        Process p = new ProcessBuilder(List.of(java, "-Dsbc.native.disable=true", "-cp",
                System.getProperty("java.class.path"), "io.sbc.nativeio.NativeLibrary"))
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.exitValue(), out);
        assertEquals("native library not in use (disabled by -Dsbc.native.disable=true), running in pure Java", out);
    }
}
