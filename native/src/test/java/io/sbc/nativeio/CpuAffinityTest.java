package io.sbc.nativeio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CpuAffinityTest {

    @Test
    void pinsAThreadToOneCpuAndReadsItBack() throws Exception {
        assumeTrue(NativeLibrary.isAvailable(), NativeLibrary.describe());
        long allowed = CpuAffinity.currentThreadMask();
        assertTrue(allowed > 0, "mask " + allowed);
        int cpu = Long.numberOfTrailingZeros(allowed);
        AtomicReference<CpuAffinity.Pinning> result = new AtomicReference<>();
        AtomicLong maskAfter = new AtomicLong();
        OnNewThread.run("affinity-test", () -> {
            result.set(CpuAffinity.pinCurrentThread(cpu));
            maskAfter.set(CpuAffinity.currentThreadMask());
        });
        assertTrue(result.get().pinned(), result.get().detail());
        assertEquals(1L << cpu, maskAfter.get());
        assertEquals(allowed, CpuAffinity.currentThreadMask(), "other threads keep their affinity");
    }

    @Test
    void anAbsentCpuIsRefusedWithAReasonNotAnException() throws Exception {
        assumeTrue(NativeLibrary.isAvailable());
        AtomicReference<CpuAffinity.Pinning> result = new AtomicReference<>();
        AtomicLong maskAfter = new AtomicLong();
        long before = CpuAffinity.currentThreadMask();
        OnNewThread.run("affinity-test", () -> {
            result.set(CpuAffinity.pinCurrentThread(1000));
            maskAfter.set(CpuAffinity.currentThreadMask());
        });
        assertFalse(result.get().pinned());
        assertTrue(result.get().detail().contains("EINVAL"), result.get().detail());
        assertEquals(before, maskAfter.get(), "a refused request leaves the affinity as it was");
    }

    @Test
    void withoutTheLibraryPinningIsANoOpThatSaysWhy() {
        assumeTrue(!NativeLibrary.isAvailable());
        CpuAffinity.Pinning p = CpuAffinity.pinCurrentThread(0);
        assertFalse(p.pinned());
        assertTrue(p.detail().startsWith("not pinned: "), p.detail());
        assertEquals(-1, CpuAffinity.currentThreadMask());
    }
}
