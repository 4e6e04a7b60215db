package io.sbc.signaling.message;

import io.sbc.signaling.codec.ByteClass;
import io.sbc.signaling.codec.SipGrammar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a multipart body (RFC 2046 §5.1, as used by SIP-I/SIP-T for SDP + ISUP, RFC 3204) into
 * its parts. The boundary comes from the Content-Type parameter. Malformed bodies give the parts
 * found before the defect; never an exception. At most {@link #MAX_PARTS} parts are returned.
 */
public final class MultipartBody {
    /** Bound on parts per body; more are ignored. */
    public static final int MAX_PARTS = 64;

    private MultipartBody() {}

    /** Parts of {@code body}; empty when {@code contentType} is not multipart/* or has no boundary. */
    public static List<BodyPart> split(String contentType, byte[] body) {
        String boundary = boundary(contentType);
        if (boundary == null || body == null) {
            return List.of();
        }
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.UTF_8);
        List<BodyPart> parts = new ArrayList<>(2);
        int d = findDelimiter(body, 0, delim);
        while (d >= 0 && parts.size() < MAX_PARTS) {
            int p = d + delim.length;
            if (p + 1 < body.length && body[p] == '-' && body[p + 1] == '-') {
                break; // close-delimiter
            }
            int eol = SipGrammar.indexOf(body, p, body.length, (byte) '\n');
            if (eol < 0) {
                break;
            }
            int partStart = eol + 1;
            int next = findDelimiter(body, partStart, delim);
            if (next < 0) {
                break;
            }
            int partEnd = next;
            // The CRLF before the delimiter belongs to the delimiter (RFC 2046 §5.1.1).
            if (partEnd > partStart && body[partEnd - 1] == '\n') {
                partEnd--;
                if (partEnd > partStart && body[partEnd - 1] == '\r') {
                    partEnd--;
                }
            }
            parts.add(part(body, partStart, partEnd));
            d = next;
        }
        return List.copyOf(parts);
    }

    /** The boundary parameter of a multipart media type, unquoted; null when absent. */
    static String boundary(String contentType) {
        if (contentType == null) {
            return null;
        }
        byte[] b = contentType.getBytes(StandardCharsets.UTF_8);
        int p = SipGrammar.skipSws(b, 0, b.length);
        int t = SipGrammar.scanRun(b, p, b.length, ByteClass.TOKEN);
        if (!new String(b, p, t - p, StandardCharsets.US_ASCII).equalsIgnoreCase("multipart")) {
            return null;
        }
        int semi = SipGrammar.indexOf(b, t, b.length, (byte) ';');
        if (semi < 0) {
            return null;
        }
        String v = Params.parse(b, semi, b.length).get("boundary");
        if (v == null || v.isEmpty()) {
            return null;
        }
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }

    /** Position of {@code delim} at the start of a line at or after {@code from}, or -1. */
    private static int findDelimiter(byte[] b, int from, byte[] delim) {
        int last = b.length - delim.length;
        for (int i = from; i <= last; i++) {
            if ((i == 0 || b[i - 1] == '\n') && b[i] == delim[0]
                    && Arrays.equals(b, i, i + delim.length, delim, 0, delim.length)) {
                return i;
            }
        }
        return -1;
    }

    private static BodyPart part(byte[] b, int start, int end) {
        List<HeaderField> headers = new ArrayList<>(2);
        int p = start;
        while (p < end) {
            if (b[p] == '\n') {
                p++;
                break;
            }
            if (b[p] == '\r' && p + 1 < end && b[p + 1] == '\n') {
                p += 2;
                break;
            }
            int lineEnd = p;
            while (true) {
                int lf = SipGrammar.indexOf(b, lineEnd, end, (byte) '\n');
                if (lf < 0) {
                    lineEnd = end;
                    break;
                }
                lineEnd = lf + 1;
                if (lineEnd >= end || !ByteClass.is(b[lineEnd], ByteClass.WS)) {
                    break;
                }
            }
            int colon = SipGrammar.indexOf(b, p, lineEnd, (byte) ':');
            if (colon < 0) {
                // Not a header: the part has no header section, the line is body.
                break;
            }
            String name = io.sbc.signaling.codec.AsciiStrings.utf8(b, p, SipGrammar.trimEnd(b, p, colon) - p);
            int vs = SipGrammar.skipSws(b, colon + 1, lineEnd);
            headers.add(new HeaderField(name, RawMessage.unfold(b, vs, SipGrammar.trimEnd(b, vs, lineEnd))));
            p = lineEnd;
        }
        return new BodyPart(List.copyOf(headers), Arrays.copyOfRange(b, Math.min(p, end), end));
    }
}
