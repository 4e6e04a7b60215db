package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipGrammarTest {
    @Test
    void indexOfFindsTheFirstMatchWithinTheRangeAtEveryPositionAndLength() {
        long seed = System.nanoTime();
        java.util.random.RandomGenerator rnd = new java.util.SplittableRandom(seed);
        for (int round = 0; round < 20_000; round++) {
            byte[] b = new byte[1 + rnd.nextInt(48)];
            for (int i = 0; i < b.length; i++) {
                // Few distinct values (incl. high bytes) so matches and near-matches are frequent.
                b[i] = (byte) new int[] {'@', '>', 0x3F, 0x41, 0xC0, 0x00, 0xFF, '@' + 1}[rnd.nextInt(8)];
            }
            int p = rnd.nextInt(b.length + 1);
            int end = p + rnd.nextInt(b.length - p + 1);
            byte c = b[rnd.nextInt(b.length)];
            int expected = -1;
            for (int i = p; i < end; i++) {
                if (b[i] == c) {
                    expected = i;
                    break;
                }
            }
            assertEquals(expected, SipGrammar.indexOf(b, p, end, c), "seed " + seed + " round " + round);
        }
    }

    /** Sent-by end (after host and port) for the "SIP/2.0/" word-compare fast path and the token loop alike. */
    @Test
    void viaSentByEndsAfterHostAndPortWhateverTheProtocolSpelling() {
        Object[][] cases = {
            {"SIP/2.0/UDP host:5060;branch=z9hG4bK1", 21},
            {"SIP/2.0/UDP host", 16},
            {"SIP/2.0/ UDP host", 17},
            {"SIP/2.0/\r\n UDP host", 19},
            {"sip/2.0/udp host", 16},
            {"SIP / 2.0 / UDP host", 20},
            {"SIP/2.0/UDP [2001:db8::1]:5060", 30},
            {"SIP/2.0/UDP", SipGrammar.FAIL},
            {"SIP/2.0/", SipGrammar.FAIL},
            {"SIP/2.0/ ", SipGrammar.FAIL},
            {"SIP/2.0/\r\n", SipGrammar.FAIL},
            {"SIP/2.0/UDPhost", SipGrammar.FAIL},
            {"SIP/2.0//UDP host", SipGrammar.FAIL},
        };
        for (Object[] c : cases) {
            String value = (String) c[0];
            int expected = (Integer) c[1];
            byte[] b = ("xx" + value).getBytes(StandardCharsets.ISO_8859_1);
            int got = SipGrammar.scanViaSentBy(b, 2, b.length);
            assertEquals(expected < 0 ? SipGrammar.FAIL : expected + 2, got, value.replace("\r", "\\r").replace("\n", "\\n"));
        }
    }
}
