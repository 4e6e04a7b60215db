package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipGrammarTest {
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
