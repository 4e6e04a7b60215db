package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipGrammarTest {
    /**
     * The "SIP/2.0/" word and the UDP/TCP/TLS + SP compare after it are shortcuts of the token loop:
     * for any transport and what follows, the value gives the same end as when written "SIP /2.0/"
     * (one blank more, legal SWS around "/", which the shortcuts do not take).
     */
    @Test
    void viaTransportShortcutAgreesWithTheTokenLoopOnRandomValues() {
        long seed = System.nanoTime();
        java.util.random.RandomGenerator rnd = new java.util.SplittableRandom(seed);
        String[] pieces = {"U", "D", "P", "T", "C", "L", "S", "u", "d", "p", "t", "l", "s", "X", "4", " ", " ", "\t",
            "\r\n ", "\r\n", ",", ";", ":", "[", "]", "h", "o", "1", ".", "5060", "\u00c4", "\u00f5"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder rest = new StringBuilder();
            String[] lead = {"UDP ", "TCP ", "TLS ", "udp ", "Tls ", "UDP", ""};
            rest.append(lead[rnd.nextInt(lead.length)]);
            int n = rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                rest.append(pieces[rnd.nextInt(pieces.length)]);
            }
            byte[] fast = ("xxSIP/2.0/" + rest).getBytes(StandardCharsets.ISO_8859_1);
            byte[] loop = ("xxSIP /2.0/" + rest).getBytes(StandardCharsets.ISO_8859_1);
            int f = SipGrammar.scanViaSentBy(fast, 2, fast.length);
            int l = SipGrammar.scanViaSentBy(loop, 2, loop.length);
            assertEquals(l < 0 ? SipGrammar.FAIL : l - 1, f, "seed " + seed + " value " + rest);
        }
    }

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
            // Transport fast path (UDP/TCP/TLS + SP by one compare) and its neighbours that take the loop.
            {"SIP/2.0/TCP host", 16},
            {"SIP/2.0/tls host:5061", 21},
            {"SIP/2.0/Udp host", 16},
            {"SIP/2.0/UDP  host", 17},
            {"SIP/2.0/UDP \r\n host", 19},
            {"SIP/2.0/UDP\thost", 16},
            {"SIP/2.0/UDP\r\n host", 18},
            {"SIP/2.0/UDPX host", 17},
            {"SIP/2.0/SCTP host", 17},
            {"SIP/2.0/UD host", 15},
            {"SIP/2.0/UDP ", SipGrammar.FAIL},
            {"SIP/2.0/UDP \r\n", SipGrammar.FAIL},
            {"SIP/2.0/UDP,host", SipGrammar.FAIL},
            {"SIP/2.0/UDP :5060", SipGrammar.FAIL},
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
