package io.sbc.signaling.codec;

/**
 * Bounds the parser enforces on every message; exceeding one yields a {@link ParseError}, never
 * an exception or unbounded work.
 *
 * @param maxMessageBytes largest message accepted, in bytes, start line to end of body
 *     (default 65536, the UDP datagram size; RFC 3261 §18.1.1). Larger input: {@code TOO_LARGE}
 *     (answered 513 Message Too Large). Bounds 256..16 MiB.
 * @param maxHeaders most header fields (lines, folded lines counting once) in one message
 *     (default 256). More: {@code TOO_MANY_HEADERS}. Bounds 8..4096.
 * @param maxLineBytes longest start line or header field including continuation lines, in bytes
 *     (default 8192). Longer: {@code LINE_TOO_LONG}. Bounds 128..maxMessageBytes.
 * @param maxVias most Via values (after splitting comma-joined ones) (default 70: one per hop of the
 *     Max-Forwards budget of 70 a UAC starts with, RFC 3261 §8.1.1.6; RFC 4475 §3.1.1.7 has 34). More: {@code TOO_MANY_VIAS}. Bounds 1..1024.
 * @param maxUriBytes longest Request-URI in bytes (default 4096). Longer: {@code URI_TOO_LONG}
 *     (answered 414). Bounds 16..maxLineBytes.
 * @param maxBodyBytes largest body in bytes (default 61440). Larger: {@code TOO_LARGE}.
 *     Bounds 0..maxMessageBytes.
 */
public record SipParserLimits(int maxMessageBytes, int maxHeaders, int maxLineBytes, int maxVias,
        int maxUriBytes, int maxBodyBytes) {

    public SipParserLimits {
        check("maxMessageBytes", maxMessageBytes, 256, 16 << 20);
        check("maxHeaders", maxHeaders, 8, 4096);
        check("maxLineBytes", maxLineBytes, 128, maxMessageBytes);
        check("maxVias", maxVias, 1, 1024);
        check("maxUriBytes", maxUriBytes, 16, maxLineBytes);
        check("maxBodyBytes", maxBodyBytes, 0, maxMessageBytes);
    }

    private static void check(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
        }
    }

    /** 65536 bytes, 256 headers, 8192-byte lines, 70 Vias, 4096-byte URIs, 61440-byte bodies. */
    public static SipParserLimits defaults() {
        return new SipParserLimits(65536, 256, 8192, 70, 4096, 61440);
    }

    /** Copy with another message size limit (other limits clamped to fit). */
    public SipParserLimits withMaxMessageBytes(int bytes) {
        int line = Math.min(maxLineBytes, bytes);
        return new SipParserLimits(bytes, maxHeaders, line, maxVias, Math.min(maxUriBytes, line),
                Math.min(maxBodyBytes, bytes));
    }
}
