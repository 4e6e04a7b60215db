package io.sbc.signaling.message;

import static io.sbc.signaling.message.FrameLayout.*;

import io.sbc.signaling.codec.ByteClass;
import io.sbc.signaling.codec.HeaderName;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-level storage of a message: the original bytes, the {@link FrameLayout} frame of offsets,
 * and an arena for bytes written by mutations. No per-header objects exist until someone asks.
 * Encoding copies untouched parts byte-for-byte; an unmodified message encodes to exactly the
 * bytes it was parsed from (RFC 3261 §16.6: a proxy must not reorder or reformat what it forwards).
 *
 * <p>Not thread-safe: a message is owned by the event loop that handles its call.
 */
abstract class RawMessage {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Canonical header names by {@link HeaderName} ordinal (empty for OTHER), for {@link #nameAt}. */
    private static final String[] CANONICAL;
    private static final byte[][] CANONICAL_BYTES;
    /** Canonical names as three little-endian words each (zero-padded), for {@link #nameAt}. */
    private static final long[] CANONICAL_WORDS;
    /** Per canonical word, 0xFF in the lanes the name fills and 0 beyond (see {@link #nameAt}). */
    private static final long[] CANONICAL_MASKS;

    static {
        HeaderName[] v = HeaderName.values();
        CANONICAL = new String[v.length];
        CANONICAL_BYTES = new byte[v.length][];
        CANONICAL_WORDS = new long[v.length * 3];
        CANONICAL_MASKS = new long[v.length * 3];
        for (HeaderName h : v) {
            byte[] c = h.canonical().getBytes(StandardCharsets.US_ASCII);
            CANONICAL[h.ordinal()] = h.canonical();
            CANONICAL_BYTES[h.ordinal()] = c;
            for (int i = 0; i < c.length; i++) {
                CANONICAL_WORDS[h.ordinal() * 3 + (i >>> 3)] |= (c[i] & 0xFFL) << ((i & 7) << 3);
                CANONICAL_MASKS[h.ordinal() * 3 + (i >>> 3)] |= 0xFFL << ((i & 7) << 3);
            }
        }
    }

    final byte[] buf;
    int[] f;
    private byte[] extra;
    private int extraLen;
    /** True once anything changed; an unmodified message encodes as its original slice. */
    boolean modified;
    /** Replacement start line including CRLF, or null to use the original. */
    byte[] startLine;
    /** Replacement body, or null to use the original slice. */
    private byte[] newBody;

    RawMessage(byte[] buf, int[] frame) {
        this.buf = buf;
        this.f = frame;
    }

    static int base(int i) {
        return HEADER_BASE + i * ENTRY;
    }

    final int headerCount() {
        return f[HEADER_COUNT];
    }

    final int idAt(int i) {
        return f[base(i) + E_ID] & ID_MASK;
    }

    /** True when header {@code i} comes from bytes the codec accepted (no need to validate again). */
    final boolean trustedAt(int i) {
        return (f[FLAGS] & VALIDATED) != 0 && (f[base(i) + E_ID] & EXTRA) == 0;
    }

    final byte[] bytesAt(int i) {
        return (f[base(i) + E_ID] & EXTRA) != 0 ? extra : buf;
    }

    final int valueStartAt(int i) {
        return f[base(i) + E_VALUE_START];
    }

    final int valueEndAt(int i) {
        return f[base(i) + E_VALUE_END];
    }

    /** Header value with folds removed (RFC 3261 §7.3.1: a fold is equivalent to its white space). */
    final String valueAt(int i) {
        return unfold(bytesAt(i), valueStartAt(i), valueEndAt(i));
    }

    /** Header name as written on the wire (compact forms stay compact). */
    final String nameAt(int i) {
        int b = base(i);
        byte[] src = bytesAt(i);
        int from = f[b + E_LINE_START];
        int to = f[b + E_NAME_END];
        // Nearly every known header is written in its canonical spelling ("Via", "Call-ID"): the
        // frame already says which one, so compare against it directly instead of hashing.
        int id = f[b + E_ID] & ID_MASK;
        byte[] c = CANONICAL_BYTES[id];
        int n = to - from;
        if (n == c.length && n > 0) {
            if (from + 24 <= src.length) {
                // Whole-word compare: every canonical name is at most 19 bytes (n == c.length), so
                // three words cover it; the masks clear the bytes past the name. The differences
                // are OR-ed into one test: no branch on the name's length, which varies from line
                // to line and was the top frame of headerFields() (JFR, issue #2).
                int k = id * 3;
                long d = (((long) LONGS.get(src, from) & CANONICAL_MASKS[k]) ^ CANONICAL_WORDS[k])
                        | (((long) LONGS.get(src, from + 8) & CANONICAL_MASKS[k + 1]) ^ CANONICAL_WORDS[k + 1])
                        | (((long) LONGS.get(src, from + 16) & CANONICAL_MASKS[k + 2]) ^ CANONICAL_WORDS[k + 2]);
                if (d == 0) {
                    return CANONICAL[id];
                }
            } else if (Arrays.equals(src, from, to, c, 0, n)) {
                return CANONICAL[id];
            }
        }
        return io.sbc.signaling.codec.AsciiStrings.of(src, from, to);
    }

    /** True when header {@code i} is {@code id}, or for {@link HeaderName#OTHER}, is named {@code name}. */
    final boolean matches(int i, HeaderName id, String name) {
        int actual = idAt(i);
        if (id != HeaderName.OTHER) {
            return actual == id.ordinal();
        }
        if (actual != 0) {
            return false;
        }
        int b = base(i);
        int s = f[b + E_LINE_START];
        int n = f[b + E_NAME_END] - s;
        if (n != name.length()) {
            return false;
        }
        byte[] bytes = bytesAt(i);
        for (int k = 0; k < n; k++) {
            char c = name.charAt(k);
            int lc = c >= 'A' && c <= 'Z' ? c | 0x20 : c;
            if (ByteClass.lower(bytes[s + k]) != lc) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first header {@code id} at or after {@code from}, or -1. */
    final int find(HeaderName id, String name, int from) {
        int n = headerCount();
        for (int i = from; i < n; i++) {
            if (matches(i, id, name)) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the first header with this ordinal (known headers only), or -1; allocation-free. */
    final int findId(HeaderName id) {
        int n = headerCount();
        int want = id.ordinal();
        for (int i = 0; i < n; i++) {
            if ((f[base(i) + E_ID] & ID_MASK) == want) {
                return i;
            }
        }
        return -1;
    }

    final void removeAt(int i) {
        int n = headerCount();
        System.arraycopy(f, base(i + 1), f, base(i), (n - i - 1) * ENTRY);
        f[HEADER_COUNT] = n - 1;
        modified = true;
    }

    /** Inserts {@code "name: value\r\n"} as header {@code i} (0 = first, count = last). */
    final void insertAt(int i, String name, String value) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length == 0 || io.sbc.signaling.codec.SipGrammar.scanRun(nameBytes, 0, nameBytes.length,
                ByteClass.TOKEN) != nameBytes.length) {
            throw new IllegalArgumentException("header name must be a token: " + name);
        }
        byte[] valueBytes = value.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < valueBytes.length; k++) {
            // A CR or LF in a value would start a new header line on the wire (header injection,
            // e.g. through a manipulation rule fed with received text): RFC 3261 §7.3.1 allows line
            // breaks only as folds, which are equivalent to a space.
            if (valueBytes[k] == '\r' || valueBytes[k] == '\n' || valueBytes[k] == 0) {
                valueBytes[k] = ' ';
            }
        }
        int start = reserve(nameBytes.length + valueBytes.length + 4);
        System.arraycopy(nameBytes, 0, extra, start, nameBytes.length);
        int nameEnd = start + nameBytes.length;
        extra[nameEnd] = ':';
        extra[nameEnd + 1] = ' ';
        System.arraycopy(valueBytes, 0, extra, nameEnd + 2, valueBytes.length);
        int valueEnd = nameEnd + 2 + valueBytes.length;
        extra[valueEnd] = '\r';
        extra[valueEnd + 1] = '\n';
        insertEntry(i, HeaderName.lookup(nameBytes, 0, nameBytes.length).ordinal() | EXTRA, start, nameEnd,
                nameEnd + 2, valueEnd, valueEnd + 2);
    }

    /** Inserts a copy of a header line of another message's bytes, byte-for-byte. */
    final void insertCopy(int i, int id, byte[] src, int lineStart, int nameEnd, int valueStart, int valueEnd,
            int lineEnd) {
        boolean terminated = lineEnd > lineStart && src[lineEnd - 1] == '\n';
        int len = lineEnd - lineStart;
        int start = reserve(len + (terminated ? 0 : 2));
        System.arraycopy(src, lineStart, extra, start, len);
        int shift = start - lineStart;
        int end = start + len;
        if (!terminated) {
            extra[end++] = '\r';
            extra[end++] = '\n';
        }
        insertEntry(i, id | EXTRA, start, nameEnd + shift, valueStart + shift, valueEnd + shift, end);
    }

    private int reserve(int n) {
        if (extra == null) {
            extra = new byte[Math.max(256, n)];
        } else if (extraLen + n > extra.length) {
            extra = Arrays.copyOf(extra, Math.max(extra.length * 2, extraLen + n));
        }
        int start = extraLen;
        extraLen += n;
        return start;
    }

    private void insertEntry(int i, int id, int lineStart, int nameEnd, int valueStart, int valueEnd, int lineEnd) {
        int n = headerCount();
        if (base(n + 1) > f.length) {
            f = Arrays.copyOf(f, base(n + 8));
        }
        System.arraycopy(f, base(i), f, base(i + 1), (n - i) * ENTRY);
        int b = base(i);
        f[b + E_ID] = id;
        f[b + E_LINE_START] = lineStart;
        f[b + E_NAME_END] = nameEnd;
        f[b + E_VALUE_START] = valueStart;
        f[b + E_VALUE_END] = valueEnd;
        f[b + E_LINE_END] = lineEnd;
        f[HEADER_COUNT] = n + 1;
        modified = true;
    }

    final void replaceBody(byte[] body) {
        newBody = body;
        modified = true;
    }

    final int bodyLength() {
        return newBody != null ? newBody.length : f[MSG_END] - f[BODY_START];
    }

    final byte[] bodyCopy() {
        if (newBody != null) {
            return newBody.clone();
        }
        return Arrays.copyOfRange(buf, f[BODY_START], f[MSG_END]);
    }

    /**
     * Drops spare capacity: frame entries and arena bytes reserved for headers never added. For a
     * message kept a while after it was built (a final response kept for retransmission, RFC 3261
     * §17.2: up to 32 s); a later mutation grows them again.
     */
    public final void trimToSize() {
        int need = base(headerCount());
        if (f.length > need) {
            f = Arrays.copyOf(f, need);
        }
        if (extra != null && extra.length > extraLen) {
            extra = Arrays.copyOf(extra, extraLen);
        }
    }

    /** Bytes the encoded message occupies. */
    public final int encodedLength() {
        if (!modified) {
            return f[MSG_END] - f[MSG_START];
        }
        return encode(null, 0);
    }

    /** Writes the wire form into {@code dst} at {@code off} (null {@code dst}: only measure); returns its length. */
    public final int encode(byte[] dst, int off) {
        if (!modified) {
            int len = f[MSG_END] - f[MSG_START];
            if (dst != null) {
                System.arraycopy(buf, f[MSG_START], dst, off, len);
            }
            return len;
        }
        int p = off;
        if (startLine != null) {
            p = put(dst, p, startLine, 0, startLine.length);
        } else {
            p = putLine(dst, p, buf, f[MSG_START], f[START_LINE_END]);
        }
        int n = headerCount();
        boolean hasLength = false;
        for (int i = 0; i < n; i++) {
            int b = base(i);
            hasLength |= (f[b + E_ID] & ID_MASK) == HeaderName.CONTENT_LENGTH.ordinal();
            p = putLine(dst, p, bytesAt(i), f[b + E_LINE_START], f[b + E_LINE_END]);
        }
        int bodyLen = bodyLength();
        if (!hasLength) {
            // RFC 3261 §20.14: required on streams; a re-encoded message always states it.
            byte[] cl = ("Content-Length: " + bodyLen + "\r\n").getBytes(StandardCharsets.US_ASCII);
            p = put(dst, p, cl, 0, cl.length);
        }
        if (f[BODY_START] > f[HEADERS_END]) {
            p = put(dst, p, buf, f[HEADERS_END], f[BODY_START]);
        } else {
            p = put(dst, p, CRLF, 0, 2);
        }
        if (newBody != null) {
            p = put(dst, p, newBody, 0, newBody.length);
        } else {
            p = put(dst, p, buf, f[BODY_START], f[MSG_END]);
        }
        return p - off;
    }

    private static int put(byte[] dst, int p, byte[] src, int from, int to) {
        if (dst != null) {
            System.arraycopy(src, from, dst, p, to - from);
        }
        return p + to - from;
    }

    /** Copies a line, adding CRLF when the original ran to the end of the input unterminated. */
    private static int putLine(byte[] dst, int p, byte[] src, int from, int to) {
        p = put(dst, p, src, from, to);
        if (to == from || src[to - 1] != '\n') {
            p = put(dst, p, CRLF, 0, 2);
        }
        return p;
    }

    /** Decodes {@code b[from, to)} as UTF-8, dropping the CR/LF of line folds. */
    static String unfold(byte[] b, int from, int to) {
        // One pass finds both folds and non-ASCII bytes; the common all-ASCII, unfolded value is
        // then a plain Latin-1 copy (identical to UTF-8 for ASCII) without the decoder's own scan.
        // Eight bytes per step first: a word passes only when no byte is below 0x0E (CR, LF) and
        // none has its high bit set (the lowest byte below 0x0E always sets its lane's high bit
        // in x - 0x0E..., since no borrow reaches it); the byte loop then finds the exact spot.
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i);
            if ((((x - 0x0E0E0E0E0E0E0E0EL) | x) & 0x8080808080808080L) != 0) {
                break;
            }
        }
        while (i < to) {
            byte c = b[i];
            if (c <= '\r' && (c < 0 || c == '\r' || c == '\n')) {
                break;
            }
            i++;
        }
        if (i == to) {
            return io.sbc.signaling.codec.AsciiStrings.latin1(b, from, to - from);
        }
        int j = i;
        while (j < to && b[j] != '\r' && b[j] != '\n') {
            j++;
        }
        if (j == to) {
            return new String(b, from, to - from, StandardCharsets.UTF_8);
        }
        byte[] out = new byte[to - from];
        int n = 0;
        for (int k = from; k < to; k++) {
            if (b[k] != '\r' && b[k] != '\n') {
                out[n++] = b[k];
            }
        }
        return new String(out, 0, n, StandardCharsets.UTF_8);
    }
}
