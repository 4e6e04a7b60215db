package io.sbc.nativeio;

/**
 * Real-time scheduling ({@code SCHED_FIFO}) for the calling thread, for a thread whose work is short
 * and latency-bound: the SIP edge that answers a new INVITE's 100 Trying. Under the default policy a
 * thread woken on a busy machine waits for the running task's slice (milliseconds); a {@code SCHED_FIFO}
 * thread runs at once. Linux needs {@code CAP_SYS_NICE} or {@code RLIMIT_RTPRIO} at least the priority
 * (systemd: {@code LimitRTPRIO=}); without them, or without the native library (the pure-Java
 * fallback: the JDK has no scheduling API), the thread keeps normal scheduling and the outcome says why.
 */
public final class ThreadScheduling {

    /** {@code SCHED_OTHER}, the default policy. */
    public static final int POLICY_OTHER = 0;
    /** {@code SCHED_FIFO}. */
    public static final int POLICY_FIFO = 1;
    /** Highest priority accepted ({@code sched_get_priority_max(SCHED_FIFO)} on Linux). */
    public static final int MAX_PRIORITY = 99;

    /** Outcome of a request: whether the thread now runs {@code SCHED_FIFO}; {@code detail} for the log. */
    public record Outcome(boolean realtime, int priority, String detail) {
    }

    private ThreadScheduling() {
    }

    /**
     * Puts the calling thread under {@code SCHED_FIFO} at {@code priority} (1..99), or back under
     * {@code SCHED_OTHER} for 0. Never throws.
     */
    public static Outcome setCurrentThread(int priority) {
        if (priority < 0 || priority > MAX_PRIORITY) {
            return new Outcome(false, priority, "real-time priority " + priority + " is outside 0.."
                    + MAX_PRIORITY);
        }
        if (!NativeLibrary.isAvailable()) {
            return new Outcome(false, priority, "normal scheduling: " + NativeLibrary.unavailableReason());
        }
        int rc = NativeMethods.setCurrentThreadFifo(priority);
        if (rc != 0) {
            return new Outcome(false, priority, "normal scheduling: SCHED_FIFO priority " + priority + " refused: "
                    + Errno.describe(rc) + (rc == -Errno.EPERM ? "; allow it with CAP_SYS_NICE or RLIMIT_RTPRIO >= "
                    + priority + " (systemd: LimitRTPRIO=" + priority + ")" : ""));
        }
        return priority == 0 ? new Outcome(false, 0, "normal scheduling")
                : new Outcome(true, priority, "SCHED_FIFO priority " + priority);
    }

    /**
     * The calling thread's policy ({@link #POLICY_OTHER}, {@link #POLICY_FIFO}, ...) times 256 plus its
     * real-time priority, or -1 when the native library is unavailable or the call failed.
     */
    public static int currentThread() {
        if (!NativeLibrary.isAvailable()) {
            return -1;
        }
        int v = NativeMethods.currentThreadScheduling();
        return v < 0 ? -1 : v;
    }
}
