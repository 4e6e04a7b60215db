package io.sbc.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LiteralPrefixTest {
    @Test
    void findsTheLiteralEveryMatchStartsWith() {
        assertEquals("+200", LiteralPrefix.of("\\+200[0-9]{6,10}"));
        assertEquals("+1", LiteralPrefix.of("^\\+1[2-9][0-9]{9}$"));
        assertEquals("", LiteralPrefix.of("^\\+?1[2-9][0-9]{9}$"));
        assertEquals("ab", LiteralPrefix.of("abc?d"));
        assertEquals("a", LiteralPrefix.of("a+b"));
        assertEquals("", LiteralPrefix.of("abc|abd"));
        assertEquals("", LiteralPrefix.of("(?i)abc"));
        assertEquals("sip:0", LiteralPrefix.of("sip:0([0-9]+)@"));
        assertEquals("", LiteralPrefix.of("\\d+"));
    }

    @Test
    void neverRejectsAValueTheRegexMatches() {
        List<String> regexes = List.of("\\+200[0-9]{6,10}", "^\\+1[2-9][0-9]{3}$", "ab?c*d", "a+b", "x{2}y", "[0-9]+", "09.*",
                "a\\.b", "ab|cd", "a(b|c)d", "^$", "");
        SplittableRandom r = new SplittableRandom(11);
        String alphabet = "+0123456789abcdxy.";
        for (String re : regexes) {
            Pattern p = Pattern.compile(re);
            String prefix = LiteralPrefix.of(re);
            for (int i = 0; i < 20000; i++) {
                StringBuilder sb = new StringBuilder();
                for (int k = r.nextInt(14); k > 0; k--) {
                    sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
                }
                String v = sb.toString();
                if (p.matches(v)) {
                    assertTrue(v.startsWith(prefix), re + " matches " + v + " but prefix is " + prefix);
                }
            }
        }
    }
}
