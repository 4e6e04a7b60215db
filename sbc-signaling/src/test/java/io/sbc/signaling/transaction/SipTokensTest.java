package io.sbc.signaling.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SipTokensTest {

    @Test
    void branchesCarryTheMagicCookieAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String branch = SipTokens.newBranch();
            assertTrue(branch.startsWith("z9hG4bK"), branch);
            assertEquals(7 + 16, branch.length());
            assertTrue(seen.add(branch), "repeated " + branch);
        }
    }

    @Test
    void tagsAreSixteenHexDigits() {
        String tag = SipTokens.newTag();
        assertTrue(tag.matches("[0-9a-f]{16}"), tag);
    }

    @Test
    void tagsAcrossSeveralDrbgBatchesAreDistinctAndUseEveryHexDigit() {
        Set<String> seen = new HashSet<>();
        int[] digits = new int[16];
        int n = 3 * SipTokens.BATCH_BYTES / 8 + 5;
        for (int i = 0; i < n; i++) {
            String tag = SipTokens.newTag();
            assertTrue(seen.add(tag), "repeated " + tag);
            for (char c : tag.toCharArray()) {
                digits[Character.digit(c, 16)]++;
            }
        }
        for (int d = 0; d < 16; d++) {
            // 16 * n digits spread over 16 values: each appears about n times, never zero
            assertTrue(digits[d] > n / 4, "hex digit " + d + " appeared " + digits[d] + " times");
        }
    }
}
