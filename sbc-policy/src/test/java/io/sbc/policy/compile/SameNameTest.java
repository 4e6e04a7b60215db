package io.sbc.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pre-checked header name comparison answers exactly as {@link String#equalsIgnoreCase}. */
class SameNameTest {
    @Test
    void agreesWithEqualsIgnoreCase() {
        String[] names = {"", "X", "x", "User-Agent", "user-agent", "USER-AGENT", "User-Agenu", "@a", "`a", "[b", "{b",
            "\u212Aa", "ka", "Ka", "\u00e9t\u00e9", "\u00c9t\u00e9", "Server", "server", "Servers", "X-Cost", "x-cost"};
        for (String a : names) {
            for (String b : names) {
                assertEquals(a.equalsIgnoreCase(b), CompiledHeaderRule.sameName(a, b), a + " vs " + b);
            }
        }
        long seed = Long.getLong("policy.seed", 7L);
        SplittableRandom r = new SplittableRandom(seed);
        String alphabet = "aAbB-@`[{\u212Akz\u00e9\u00c9";
        for (int i = 0; i < 20_000; i++) {
            String a = random(r, alphabet);
            String b = random(r, alphabet);
            assertEquals(a.equalsIgnoreCase(b), CompiledHeaderRule.sameName(a, b), "seed " + seed + ": " + a + " vs " + b);
        }
    }

    private static String random(SplittableRandom r, String alphabet) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(3); n > 0; n--) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
