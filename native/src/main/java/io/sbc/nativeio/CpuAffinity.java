package io.sbc.nativeio;

/**
 * Pins the calling thread to one CPU ({@code sched_setaffinity}), for the relay's busy-poll workers:
 * a spinning worker that the scheduler moves between cores loses its warm caches and competes with
 * the softirq work of the other core. Without the native library pinning is a no-op that says why
 * (the pure-Java fallback: the JDK has no affinity API).
 */
public final class CpuAffinity {

    /** Outcome of a pinning request; {@code detail} says what happened, for the log. */
    public record Pinning(boolean pinned, int cpu, String detail) {
    }

    private CpuAffinity() {
    }

    /**
     * Restricts the calling thread to {@code cpu}.
     *
     * @return pinned, or not pinned with the reason (library unavailable, CPU absent or not allowed)
     */
    public static Pinning pinCurrentThread(int cpu) {
        if (!NativeLibrary.isAvailable()) {
            return new Pinning(false, cpu, "not pinned: " + NativeLibrary.unavailableReason());
        }
        int rc = NativeMethods.pinCurrentThread(cpu);
        return rc == 0 ? new Pinning(true, cpu, "pinned to CPU " + cpu)
                : new Pinning(false, cpu, "not pinned to CPU " + cpu + ": " + Errno.describe(rc));
    }

    /**
     * The calling thread's allowed CPUs 0–62 as a bit mask ({@code sched_getaffinity}), or -1 when the
     * native library is unavailable or the call failed.
     */
    public static long currentThreadMask() {
        if (!NativeLibrary.isAvailable()) {
            return -1;
        }
        long mask = NativeMethods.currentThreadAffinity();
        return mask < 0 ? -1 : mask;
    }
}
