package io.sbc.policy.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.PolicyHolder;
import io.sbc.policy.testing.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real file system events (inotify); an IT because it waits on the kernel, bounded to 10 s per step. */
class PolicyFileWatcherIT {
    @Test
    void reloadsOnInPlaceWriteAndOnRenameOverTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("policy.yaml");
        Files.writeString(file, PolicyReloaderTest.V1);
        PolicyHolder holder = new PolicyHolder(Policies.loader(Map.of()).load(file).snapshot());
        PolicyReloader reloader = new PolicyReloader(file, Policies.loader(Map.of()), holder);
        LinkedBlockingQueue<Long> generations = new LinkedBlockingQueue<>();
        reloader.addListener((a, b) -> generations.add(b.generation()));
        try (PolicyFileWatcher w = new PolicyFileWatcher(reloader, Duration.ofMillis(100)).start()) {
            Files.writeString(file, PolicyReloaderTest.V2);
            assertNotNull(generations.poll(10, TimeUnit.SECONDS), "in-place write reloads");
            assertNotNull(holder.current().realm("b"));

            Path tmp = dir.resolve(".policy.yaml.swp");
            Files.writeString(tmp, PolicyReloaderTest.V1);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertNotNull(generations.poll(10, TimeUnit.SECONDS), "rename over the file reloads");
            assertEquals(null, holder.current().realm("b"));

            Files.writeString(dir.resolve("other.yaml"), "x");
            Files.writeString(file, "version: 1\nbroken: [");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reloader.reloadsFailed() == 0 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, reloader.reloadsFailed(), "a broken save is rejected");
            assertTrue(holder.current().realm("a") != null, "and the running policy stays");
        }
    }
}
