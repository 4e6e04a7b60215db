package io.sbc.media.control;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

class NgMessageProcessorFuzzTest {
    private static final NgHarness NG = new NgHarness();
    private static final NgMessageProcessor PROCESSOR = new NgMessageProcessor(NG.dispatcher, 100, 1_000_000_000L, NG.clock);

    /** Any datagram: dropped (no cookie) or answered with the cookie echoed; never an exception. */
    @FuzzTest(maxDuration = "10s")
    void arbitraryDatagramsAreAnsweredOrDropped(byte[] datagram) {
        byte[] reply = PROCESSOR.process(datagram, 0, datagram.length);
        if (reply != null) {
            int space = 0;
            while (datagram[space] != ' ') {
                space++;
            }
            String cookie = new String(datagram, 0, space + 1, StandardCharsets.ISO_8859_1);
            assertTrue(new String(reply, StandardCharsets.ISO_8859_1).startsWith(cookie));
            assertTrue(reply.length > space + 1 && reply[space + 1] == 'd');
        }
    }
}
