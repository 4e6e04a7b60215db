package io.sbc.policy.property;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.Problem;
import io.sbc.policy.testing.Policies;
import io.sbc.policy.testing.PolicyGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Random edits to valid policies (the shipped example and generated ones) never make the loader
 * throw; when the result is rejected, every problem points inside the file and says something.
 */
class PolicyMutationTest {
    private static final String[] WORDS = {"x", "-1", "99999", "[", "]", "{", "}", ":", "- ", "\"", "'", "${env:", "${file:/x}",
        "true", "null", "~", "&a", "*a", "!!binary", "0x10", "1e9", "udp://", "10.0.0.0/99", "rate", "to", "from", "\t", "#"};

    static LongStream seeds() {
        long base = Long.getLong("policy.seed", 7_000L);
        return LongStream.range(base, base + 250);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void randomEditsGivePositionedProblemsNeverAnException(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        String text = r.nextInt(3) == 0 ? Files.readString(Policies.OPS_POLICY.resolve("example.yaml"))
                : new PolicyGenerator(r.split()).yaml();
        String mutated = mutate(text, r);
        LoadResult result;
        try {
            result = Policies.load(mutated);
        } catch (RuntimeException e) {
            throw new AssertionError("seed " + seed + " (rerun with -Dpolicy.seed=" + seed + "): loader threw\n---\n" + mutated, e);
        }
        int lines = mutated.split("\n", -1).length;
        for (Problem p : result.problems()) {
            String where = "seed " + seed + ": " + p + "\n---\n" + mutated;
            assertTrue(p.at().line() >= 1 && p.at().line() <= lines + 1, where);
            assertTrue(p.at().column() >= 1, where);
            assertTrue(p.at().file().equals("test.yaml"), where);
            assertTrue(p.message().length() > 3, where);
        }
        assertTrue(result.ok() != !result.problems().isEmpty(), "ok xor problems");
    }

    static String mutate(String text, SplittableRandom r) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int edits = 1 + r.nextInt(4);
        for (int e = 0; e < edits && !lines.isEmpty(); e++) {
            int i = r.nextInt(lines.size());
            String line = lines.get(i);
            switch (r.nextInt(7)) {
                case 0 -> lines.remove(i);
                case 1 -> lines.add(i, line);
                case 2 -> {
                    int at = line.isEmpty() ? 0 : r.nextInt(line.length() + 1);
                    lines.set(i, line.substring(0, at) + WORDS[r.nextInt(WORDS.length)] + line.substring(at));
                }
                case 3 -> {
                    if (!line.isEmpty()) {
                        int at = r.nextInt(line.length());
                        lines.set(i, line.substring(0, at) + line.substring(at + 1));
                    }
                }
                case 4 -> {
                    int j = r.nextInt(lines.size());
                    lines.set(i, lines.get(j));
                    lines.set(j, line);
                }
                case 5 -> lines.set(i, line.replaceFirst("[0-9]+", String.valueOf(r.nextInt(200000) - 100)));
                default -> lines.set(i, line.replaceFirst("[a-z-]+", java.util.regex.Matcher.quoteReplacement(WORDS[r.nextInt(WORDS.length)])));
            }
        }
        return String.join("\n", lines);
    }
}
