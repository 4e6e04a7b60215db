package io.sbc.signaling.message;

import io.sbc.signaling.codec.SipGrammar;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds {@link Uri} objects from validated bytes; shared helpers for escapes. */
final class Uris {
    private Uris() {}

    /** The URI filling {@code b[p, end)}, or null when it does not match the grammar. */
    static Uri parse(byte[] b, int p, int end) {
        int kind = SipGrammar.scanUri(b, p, end);
        switch (kind) {
            case SipGrammar.URI_SIP:
            case SipGrammar.URI_SIPS:
                return SipUri.build(b, p, end, kind == SipGrammar.URI_SIPS);
            case SipGrammar.URI_TEL:
                return TelUri.build(b, p, end);
            case SipGrammar.URI_OTHER:
                return new GenericUri(io.sbc.signaling.codec.AsciiStrings.utf8(b, p, end - p));
            default:
                return null;
        }
    }

    /**
     * The URI filling {@code b[p, end)}, already validated by {@link SipGrammar#scanUri} (as every
     * URI inside a header the codec accepted was): picks the type by scheme without scanning the
     * URI a second time.
     */
    static Uri build(byte[] b, int p, int end) {
        if (SipGrammar.startsWithSipColon(b, p, end)) {
            return SipUri.build(b, p, end, false);
        }
        int colon = SipGrammar.schemeEnd(b, p, end);
        // A validated URI always has a scheme (colon >= 0); schemeKind compares it as one word.
        switch (SipGrammar.schemeKind(b, p, colon)) {
            case SipGrammar.URI_SIP:
                return SipUri.build(b, p, end, false);
            case SipGrammar.URI_SIPS:
                return SipUri.build(b, p, end, true);
            case SipGrammar.URI_TEL:
                return TelUri.build(b, p, end);
            default:
                break;
        }
        return new GenericUri(io.sbc.signaling.codec.AsciiStrings.utf8(b, p, end - p));
    }

    /** %HH-decodes {@code s} (RFC 3261 §19.1.4 compares URIs after unescaping); invalid escapes kept. */
    static String unescape(String s) {
        if (s == null || s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '%' && i + 2 < b.length && hex(b[i + 1]) >= 0 && hex(b[i + 2]) >= 0) {
                out.write(hex(b[i + 1]) * 16 + hex(b[i + 2]));
                i += 2;
            } else {
                out.write(b[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte c) {
        return io.sbc.signaling.codec.ByteClass.hexValue(c);
    }
}
