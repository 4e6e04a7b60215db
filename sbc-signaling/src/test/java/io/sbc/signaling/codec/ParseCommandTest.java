package io.sbc.signaling.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParseCommandTest {
    private static String run(byte[] input, int expectedExit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ParseCommand.run(new ByteArrayInputStream(input), new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(expectedExit, exit);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsTheReserializedMessageAndReturnsZero() {
        assertEquals(Messages.INVITE, run(Messages.bytes(Messages.INVITE), 0));
    }

    @Test
    void printsInvalidWithReasonAndOffsetAndReturnsOne() {
        String out = run(Messages.bytes(Messages.INVITE.replace("Call-ID: a84b4c76e66710@pc33.example.com\r\n", "")), 1);
        assertTrue(out.startsWith("invalid: Bad Request - Missing Call-ID"), out);
        assertTrue(out.matches("(?s).* at byte \\d+\\R"), out);
    }

    @Test
    void reportsOversizedInputAsTooLarge() {
        byte[] big = new byte[70_000];
        System.arraycopy(Messages.bytes(Messages.INVITE), 0, big, 0, Messages.INVITE.length());
        assertTrue(run(big, 1).startsWith("invalid: Message Too Large"));
    }

    @Test
    void reportsEmptyInput() {
        assertTrue(run(new byte[0], 1).startsWith("invalid: Bad Request - Empty Message"));
    }
}
