package io.sbc.policy.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.PolicyHolder;
import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.testing.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyReloaderTest {
    static final String V1 = "version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1:5060, tcp://127.0.0.1:5060]\n";
    static final String V2 = "version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1:5060]\n  b:\n    listen: [udp://127.0.0.2:5060]\n";

    @TempDir
    Path dir;

    PolicyReloader reloader(Path file, PolicyHolder holder) {
        return new PolicyReloader(file, Policies.loader(Map.of()), holder);
    }

    PolicyHolder start(Path file, String text) throws Exception {
        Files.writeString(file, text);
        return new PolicyHolder(Policies.loader(Map.of()).load(file).snapshot());
    }

    @Test
    void validFileIsSwappedInWhileCallsKeepTheSnapshotTheyStartedWith() throws Exception {
        Path file = dir.resolve("p.yaml");
        PolicyHolder holder = start(file, V1);
        PolicySnapshot callInProgress = holder.current();
        Files.writeString(file, V2);
        ReloadOutcome out = reloader(file, holder).reload();
        assertTrue(out.ok());
        assertNotSame(callInProgress, holder.current());
        assertTrue(holder.current().realm("b") != null, "new calls see the new policy");
        assertEquals(null, callInProgress.realm("b"), "the old snapshot is immutable");
    }

    @Test
    void invalidFileLeavesRunningPolicyAndCountsError() throws Exception {
        Path file = dir.resolve("p.yaml");
        PolicyHolder holder = start(file, V1);
        PolicySnapshot before = holder.current();
        Files.writeString(file, V1 + "bogus: 1\n");
        PolicyReloader r = reloader(file, holder);
        List<PolicySnapshot[]> calls = new ArrayList<>();
        r.addListener((a, b) -> calls.add(new PolicySnapshot[] {a, b}));
        ReloadOutcome out = r.reload();
        assertFalse(out.ok());
        assertTrue(out.problems().get(0).toString().contains("unknown key 'bogus'"));
        assertSame(before, holder.current());
        assertEquals(1, r.reloadsFailed());
        assertEquals(0, r.reloadsOk());
        assertTrue(calls.isEmpty(), "listeners hear only about installed policies");
    }

    @Test
    void listenersGetOldAndNewSnapshotAndTheSocketsToOpenAndClose() throws Exception {
        Path file = dir.resolve("p.yaml");
        PolicyHolder holder = start(file, V1);
        PolicySnapshot before = holder.current();
        PolicyReloader r = reloader(file, holder);
        List<ListenerChanges> changes = new ArrayList<>();
        r.addListener((a, b) -> {
            assertSame(before, a);
            changes.add(ListenerChanges.between(a, b));
        });
        r.addListener((a, b) -> {
            throw new IllegalStateException("a failing listener does not stop the reload");
        });
        Files.writeString(file, V2);
        assertTrue(r.reload().ok());
        assertEquals(1, r.reloadsOk());
        ListenerChanges c = changes.get(0);
        assertEquals(List.of("udp://127.0.0.2:5060"), c.opened().stream().map(x -> x.address().uri()).toList());
        assertEquals("b", c.opened().get(0).realm());
        assertEquals(List.of("tcp://127.0.0.1:5060"), c.closed().stream().map(x -> x.address().uri()).toList());
    }

    @Test
    void generationsIncreaseWithEachLoad() throws Exception {
        Path file = dir.resolve("p.yaml");
        Files.writeString(file, V1);
        PolicyLoader loader = Policies.loader(Map.of());
        PolicyHolder holder = new PolicyHolder(loader.load(file).snapshot());
        new PolicyReloader(file, loader, holder).reload();
        assertEquals(2, holder.current().generation());
    }
}
