package io.sbc.signaling.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The {@code ops/sbc parse [FILE]} verb: parses one SIP message read from a stream and prints it
 * re-serialized (exit 0), or prints {@code invalid: REASON (detail) at byte N} (exit 1).
 */
public final class ParseCommand {
    private ParseCommand() {}

    /** Reads at most the default message limit plus one byte, so oversized input reports TOO_LARGE. */
    public static int run(InputStream in, PrintStream out) {
        SipParserLimits limits = SipParserLimits.defaults();
        byte[] data;
        try {
            data = in.readNBytes(limits.maxMessageBytes() + 1);
        } catch (IOException e) {
            out.println("invalid: cannot read input (" + e.getMessage() + ")");
            return 1;
        }
        ParseResult r = new SipParser(limits).parse(data, 0, data.length);
        if (!r.ok()) {
            out.println("invalid: " + r.error());
            out.flush();
            return 1;
        }
        byte[] encoded = SipSerializer.encode(r.message());
        out.write(encoded, 0, encoded.length);
        out.flush();
        return 0;
    }
}
