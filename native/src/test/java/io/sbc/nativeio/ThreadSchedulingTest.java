package io.sbc.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ThreadSchedulingTest {

    /** CAP_SYS_NICE (bit 23) in the effective set, or an RLIMIT_RTPRIO of at least 1: FIFO 1 is allowed. */
    static boolean fifoPermitted() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:") && (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 23)) != 0) {
                return true;
            }
        }
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max realtime priority")) {
                String soft = line.substring("Max realtime priority".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") || Integer.parseInt(soft) >= 1;
            }
        }
        return false;
    }

    @Test
    void runsTheThreadUnderFifoWhenPermittedAndSaysWhyWhenNot() throws Exception {
        assumeTrue(NativeLibrary.isAvailable(), NativeLibrary.describe());
        boolean permitted = fifoPermitted();
        AtomicReference<ThreadScheduling.Outcome> outcome = new AtomicReference<>();
        AtomicInteger after = new AtomicInteger();
        OnNewThread.run("scheduling-test", () -> {
            outcome.set(ThreadScheduling.setCurrentThread(1));
            after.set(ThreadScheduling.currentThread());
        });
        if (permitted) {
            assertTrue(outcome.get().realtime(), outcome.get().detail());
            assertEquals("SCHED_FIFO priority 1", outcome.get().detail());
            assertEquals(ThreadScheduling.POLICY_FIFO << 8 | 1, after.get());
        } else {
            assertFalse(outcome.get().realtime());
            assertTrue(outcome.get().detail().contains("EPERM") && outcome.get().detail().contains("LimitRTPRIO=1"),
                    outcome.get().detail());
            assertEquals(ThreadScheduling.POLICY_OTHER << 8, after.get());
        }
        assertEquals(ThreadScheduling.POLICY_OTHER << 8, ThreadScheduling.currentThread(),
                "other threads keep normal scheduling");
    }

    @Test
    void priorityZeroPutsTheThreadBackUnderNormalScheduling() throws Exception {
        assumeTrue(NativeLibrary.isAvailable(), NativeLibrary.describe());
        AtomicReference<ThreadScheduling.Outcome> outcome = new AtomicReference<>();
        AtomicInteger after = new AtomicInteger();
        OnNewThread.run("scheduling-test", () -> {
            ThreadScheduling.setCurrentThread(1);
            outcome.set(ThreadScheduling.setCurrentThread(0));
            after.set(ThreadScheduling.currentThread());
        });
        assertFalse(outcome.get().realtime());
        assertEquals("normal scheduling", outcome.get().detail());
        assertEquals(ThreadScheduling.POLICY_OTHER << 8, after.get());
    }

    @Test
    void refusesPrioritiesOutsideTheRangeWithAReasonNotAnException() throws Exception {
        AtomicReference<ThreadScheduling.Outcome> high = new AtomicReference<>();
        AtomicReference<ThreadScheduling.Outcome> negative = new AtomicReference<>();
        AtomicInteger after = new AtomicInteger();
        OnNewThread.run("scheduling-test", () -> {
            high.set(ThreadScheduling.setCurrentThread(100));
            negative.set(ThreadScheduling.setCurrentThread(-1));
            after.set(ThreadScheduling.currentThread());
        });
        assertFalse(high.get().realtime());
        assertTrue(high.get().detail().contains("outside 0..99"), high.get().detail());
        assertFalse(negative.get().realtime());
        assertTrue(after.get() <= 0, "unchanged (normal, or -1 without the library): " + after.get());
    }

    @Test
    void withoutTheLibraryTheThreadKeepsNormalSchedulingAndSaysWhy() {
        assumeTrue(!NativeLibrary.isAvailable());
        ThreadScheduling.Outcome o = ThreadScheduling.setCurrentThread(1);
        assertFalse(o.realtime());
        assertTrue(o.detail().startsWith("normal scheduling: "), o.detail());
        assertEquals(-1, ThreadScheduling.currentThread());
    }
}
