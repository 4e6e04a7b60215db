package io.sbc.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link OnePassPattern} gives RE2/J's answers (match, replaceAll) wherever it accepts a regex. */
class OnePassPatternTest {
    @Test
    void acceptsTypicalRoutingAndHeaderRegexes() {
        for (String re : new String[] {"\\+1[2-9][0-9]{9}", "^\\+44[0-9]{10}$", "\\+200[0-9]{6,10}", "sip:0([0-9]+)@",
            "0[1-9]\\d{8,9}", "tel:(\\+?[0-9]+)", "<sip:(00)([1-9][0-9]*)@", "[^;]+;npdi"}) {
            assertNotNull(OnePassPattern.compile(re), re);
        }
    }

    @Test
    void leavesOtherRegexesToRe2() {
        for (String re : new String[] {"[0-9]*0", "a|b", "a+?", "(ab)+", "(?i)abc", "\\bfoo", "a{2}{3}", "(?P<n>a)", "x.*@y",
            "\\pN", "[[:digit:]]", "a{,3}", "[a-c-e]", "[\\d-z]", "a^", "$a"}) {
            assertNull(OnePassPattern.compile(re), re);
        }
    }

    @Test
    void matchesWholeValuesLikeRe2() {
        OnePassPattern p = OnePassPattern.compile("\\+1[2-9][0-9]{9}");
        assertTrue(p.matchesWhole("+12125551234"));
        assertFalse(p.matchesWhole("+11125551234"));
        assertFalse(p.matchesWhole("+121255512345"));
        assertFalse(p.matchesWhole("+1212555123"));
    }

    @Test
    void replacesWithGroupsAndReturnsTheSameStringWhenNothingMatches() {
        OnePassPattern p = OnePassPattern.compile("sip:0([0-9]+)@");
        OnePassPattern.Replacement with = OnePassPattern.Replacement.parse("sip:+44$1@", p.groupCount());
        assertEquals("<sip:+442070000000@pbx.example>;reason=unconditional",
                p.replaceAll("<sip:02070000000@pbx.example>;reason=unconditional", with));
        String none = "<sip:+442070000000@pbx.example>";
        assertSame(none, p.replaceAll(none, with));
    }

    @Test
    void parsesTemplatesAsRe2jDoes() {
        assertNull(OnePassPattern.Replacement.parse("${name}", 1));
        assertNull(OnePassPattern.Replacement.parse("$2", 1));
        OnePassPattern p = OnePassPattern.compile("(a)(b)");
        for (String t : new String[] {"$12", "\\$1", "$", "x$", "$$1", "\\", "a\\b", "$0-$2$1"}) {
            OnePassPattern.Replacement r = OnePassPattern.Replacement.parse(t, p.groupCount());
            assertEquals(Pattern.compile("(a)(b)").matcher("xaby").replaceAll(t), p.replaceAll("xaby", r), t);
        }
    }

    static LongStream seeds() {
        long base = Long.getLong("policy.seed", 31_000L);
        return LongStream.range(base, base + 40);
    }

    private static final String[] ATOMS = {"a", "b", "0", "1", "\\+", "\\.", "-", "é", "[ab]", "[^a]", "[0-9]", "[a-c]",
        "\\d", "\\w", "\\D", "\\s", "\\S", ".", "[é-ë]", "[^\\d]", "[\\w.]", "[-a]", "[b-]", "@", ":"};
    private static final String[] QUANTIFIERS = {"", "", "", "?", "*", "+", "{2}", "{1,3}", "{2,}", "{0,2}"};
    private static final String[] TEXT = {"a", "b", "0", "1", "+", ".", "-", "é", "c", "@", ":", " ", "\n", "😀", "ë", "\uD800"};
    private static final String[] TEMPLATES = {"<$0>", "[$1]", "$1$2", "x\\$1", "$10", "-", "", "${x}", "$3", "$"};

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void agreesWithRe2OnRandomRegexesAndValues(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int fast = 0;
        for (int k = 0; k < 300; k++) {
            String re = randomRegex(r);
            Pattern re2;
            try {
                re2 = Pattern.compile(re);
            } catch (PatternSyntaxException e) {
                continue;
            }
            OnePassPattern p = OnePassPattern.compile(re);
            if (p == null) {
                continue;
            }
            fast++;
            assertEquals(re2.groupCount(), p.groupCount(), () -> "seed " + seed + " regex " + re);
            for (int t = 0; t < 40; t++) {
                String v = randomText(r);
                assertEquals(re2.matches(v), p.matchesWhole(v), () -> "seed " + seed + " regex " + re + " value '" + v + "'");
                if (p.nullable()) {
                    continue;
                }
                String template = TEMPLATES[r.nextInt(TEMPLATES.length)];
                OnePassPattern.Replacement with = OnePassPattern.Replacement.parse(template, p.groupCount());
                if (with == null) {
                    continue;
                }
                String got = p.replaceAll(v, with);
                if (got != null) {
                    assertEquals(re2.matcher(v).replaceAll(template), got,
                            () -> "seed " + seed + " regex " + re + " value '" + v + "' template " + template);
                }
            }
        }
        assertTrue(fast > 60, "seed " + seed + ": only " + fast + " of 300 regexes took the one-pass path");
    }

    private static String randomRegex(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        if (r.nextInt(5) == 0) {
            sb.append('^');
        }
        int n = 1 + r.nextInt(5);
        int open = 0;
        for (int i = 0; i < n; i++) {
            if (r.nextInt(4) == 0) {
                sb.append(r.nextBoolean() ? "(" : "(?:");
                open++;
            }
            sb.append(ATOMS[r.nextInt(ATOMS.length)]).append(QUANTIFIERS[r.nextInt(QUANTIFIERS.length)]);
            if (open > 0 && r.nextInt(3) == 0) {
                sb.append(')');
                open--;
            }
        }
        sb.append(")".repeat(open));
        if (r.nextInt(5) == 0) {
            sb.append('$');
        }
        return sb.toString();
    }

    private static String randomText(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = r.nextInt(12);
        for (int i = 0; i < n; i++) {
            sb.append(TEXT[r.nextInt(TEXT.length)]);
        }
        return sb.toString();
    }
}
