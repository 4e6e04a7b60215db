package io.sbc.nativeio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * Loads {@code libsbcnative.so} once, from the jar (or the classes directory), and remembers why it
 * could not when it could not. Everything in this package asks {@link #isAvailable()} first and falls
 * back to pure Java otherwise, so callers never see an {@link UnsatisfiedLinkError}.
 *
 * <p>The library is copied to a fresh 0700 temporary directory (so no other local user can swap it
 * between copy and load), loaded, and the copy is deleted at once (Linux keeps a mapped file alive).
 * {@code -Dsbc.native.disable=true} skips loading altogether: the switch for comparing runs and for
 * ruling the library out when diagnosing a problem.
 *
 * <p>Thread-safe: the load happens in the class initialiser.
 */
public final class NativeLibrary {

    /** System property that, when {@code true}, keeps the library unloaded (pure-Java fallbacks). */
    public static final String DISABLE_PROPERTY = "sbc.native.disable";
    /** The only platform the library is built for. */
    static final String PLATFORM = "linux-x86_64";
    static final String RESOURCE = "/native/" + PLATFORM + "/libsbcnative.so";
    /** Must match SBC_ABI_VERSION in sbcnative.h. */
    static final int ABI_VERSION = 5;

    /** Outcome of one load attempt: {@code reason} is null when the library is loaded. */
    record Status(boolean available, String reason) {
    }

    private static final Status STATUS = load(Boolean.getBoolean(DISABLE_PROPERTY),
            System.getProperty("os.name", ""), System.getProperty("os.arch", ""),
            NativeLibrary.class.getResource(RESOURCE));

    private NativeLibrary() {
    }

    /** True when {@code libsbcnative.so} is loaded and its ABI matches this code. */
    public static boolean isAvailable() {
        return STATUS.available();
    }

    /** Why the library is not in use, or null when it is. */
    public static String unavailableReason() {
        return STATUS.reason();
    }

    /** One line for the start-up log: whether the native library is in use, and if not, why. */
    public static String describe() {
        return STATUS.available()
                ? "native library libsbcnative.so in use (" + PLATFORM + ")"
                : "native library not in use (" + STATUS.reason() + "), running in pure Java";
    }

    /** Prints {@link #describe()}: {@code java -cp <jar> io.sbc.nativeio.NativeLibrary}. */
    public static void main(String[] args) {
        System.out.println(describe());
    }

    static Status load(boolean disabled, String osName, String osArch, URL resource) {
        if (disabled) {
            return new Status(false, "disabled by -D" + DISABLE_PROPERTY + "=true");
        }
        String arch = osArch.toLowerCase(Locale.ROOT);
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return new Status(false, "no library for " + osName + "/" + osArch + ", only " + PLATFORM);
        }
        if (resource == null) {
            return new Status(false, "libsbcnative.so not packaged (built without gcc?)");
        }
        Path dir = null;
        Path file = null;
        try {
            dir = Files.createTempDirectory("sbcnative",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            file = dir.resolve("libsbcnative.so");
            try (InputStream in = resource.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            System.load(file.toAbsolutePath().toString());
            int abi = NativeMethods.abiVersion();
            if (abi != ABI_VERSION) {
                return new Status(false, "libsbcnative.so ABI " + abi + ", expected " + ABI_VERSION);
            }
            return new Status(true, null);
        } catch (IOException | UnsatisfiedLinkError | SecurityException | UnsupportedOperationException e) {
            return new Status(false, "cannot load libsbcnative.so: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a leftover file in a private temp directory is harmless
            }
        }
    }
}
