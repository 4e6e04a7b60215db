package io.sbc.signaling.transport;

import io.sbc.nativeio.ThreadScheduling;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A thread's scheduling policy and real-time priority as the kernel reports them
 * ({@code /proc/self/task/TID/stat} fields 41 and 40), read from outside the SBC's own code.
 */
record ThreadPolicy(int policy, int priority) {
    static final int OTHER = 0;
    static final int FIFO = 1;

    /** The policy of this JVM's thread named {@code name} (matched on the kernel's 15-byte comm). */
    static ThreadPolicy ofThread(String name) throws IOException {
        String comm = name.length() > 15 ? name.substring(0, 15) : name;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                if (Files.readString(task.resolve("comm")).trim().equals(comm)) {
                    String stat = Files.readString(task.resolve("stat"));
                    // Fields after "(comm)" start at field 3: rt_priority is field 40, policy field 41.
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
                    return new ThreadPolicy(Integer.parseInt(f[38]), Integer.parseInt(f[37]));
                }
            }
        }
        throw new IllegalStateException("no thread named " + comm);
    }

    /**
     * Whether this process may run a thread under SCHED_FIFO 1, asked of the kernel on a scratch
     * thread (ThreadSchedulingTest checks that answer against /proc for the native module).
     */
    static boolean fifoPermitted() throws InterruptedException {
        boolean[] permitted = new boolean[1];
        Thread probe = new Thread(() -> permitted[0] = ThreadScheduling.setCurrentThread(1).realtime(), "fifo-probe");
        probe.start();
        probe.join(10_000);
        return permitted[0];
    }
}
