package io.sbc.policy.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.testing.Policies;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckPolicyTest {
    private static final Pattern LINE = Pattern.compile("^.+:\\d+:\\d+: .+$");

    private record Run(int exit, List<String> lines) {
    }

    private static Run run(Path file, Map<String, String> env) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = CheckPolicy.run(file.toString(), new PrintStream(bytes, true, StandardCharsets.UTF_8), Policies.loader(env));
        String out = bytes.toString(StandardCharsets.UTF_8);
        return new Run(exit, out.isEmpty() ? List.of() : Arrays.asList(out.split("\n")));
    }

    @Test
    void exitsZeroOnTheShippedExampleOnAFreshMachine() {
        Run r = run(Policies.OPS_POLICY.resolve("example.yaml"), Map.of());
        assertEquals(0, r.exit(), r.lines().toString());
        assertTrue(r.lines().get(0).contains(": ok ("), r.lines().toString());
    }

    @Test
    void exitsOneWithOnePositionedLinePerProblemOfTheInvalidExample() throws Exception {
        Path file = Policies.OPS_POLICY.resolve("invalid-example.yaml");
        Run r = run(file, Map.of());
        assertEquals(1, r.exit());
        for (String line : r.lines()) {
            assertTrue(LINE.matcher(line).matches(), "not FILE:LINE:COL: message: " + line);
        }
        // Every line the file marks with "<-" is reported at that line.
        List<String> src = Files.readAllLines(file);
        for (int i = 0; i < src.size(); i++) {
            if (src.get(i).contains("# <-")) {
                String prefix = file + ":" + (i + 1) + ":";
                assertTrue(r.lines().stream().anyMatch(l -> l.startsWith(prefix)), "nothing reported at line " + (i + 1)
                        + " (" + src.get(i).trim() + ") in\n" + String.join("\n", r.lines()));
            }
        }
        assertTrue(r.lines().stream().anyMatch(l -> l.contains("did you mean 'name'")));
    }

    @Test
    void neverPrintsSecretValues(@TempDir Path dir) throws Exception {
        Path policy = dir.resolve("p.yaml");
        Files.writeString(policy, "version: 1\nnode: {admin-token: \"${env:TOKEN}\", bogus: 1}\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n"
                + "    auth: {users: [{username: u, password: hunter2-literal}]}\n");
        Run r = run(policy, Map.of("TOKEN", "tok-value-123"));
        assertEquals(1, r.exit());
        String all = String.join("\n", r.lines());
        assertFalse(all.contains("tok-value-123"));
        assertFalse(all.contains("hunter2"));
    }

    @Test
    void exitsOneForAMissingFile(@TempDir Path dir) {
        Run r = run(dir.resolve("absent.yaml"), Map.of());
        assertEquals(1, r.exit());
        assertTrue(r.lines().get(0).endsWith("cannot read policy file: no such file"), r.lines().toString());
    }
}
