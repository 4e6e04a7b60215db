package io.sbc.signaling.message;

import static io.sbc.signaling.message.FrameLayout.*;

import io.sbc.signaling.codec.HeaderName;
import io.sbc.signaling.codec.SipGrammar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A SIP message over its original bytes (RFC 3261 §7). Headers are a table of offsets; the core
 * headers (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Route, Record-Route,
 * Content-Length, Content-Type) were validated by the parser, and their objects are built on first
 * access and cached. Every other header stays a byte slice until asked for. Mutations re-encode only
 * what changed; untouched header lines are written byte-for-byte.
 *
 * <p>Accessors never throw for a message returned by the parser. On the partially parsed request of
 * {@code ParseError.answerable()}, accessors of a missing or malformed header return null/empty/-1.
 *
 * <p>Not thread-safe: owned by the event loop handling its call (single writer, style.md §3).
 */
public abstract sealed class SipMessage extends RawMessage permits SipRequest, SipResponse {
    private static final java.lang.invoke.VarHandle LONGS =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);
    /** The shared "application/sdp" of {@link io.sbc.signaling.codec.AsciiStrings} (what contentType() returned). */
    private static final String APPLICATION_SDP = io.sbc.signaling.codec.AsciiStrings.of(
            "application/sdp".getBytes(StandardCharsets.US_ASCII), 0, 15);
    /** "applicat" and "ion/sdp" (bytes 7-14) of "application/sdp" as little-endian words. */
    private static final long APPLICATION_ = word("application/sdp", 0);
    private static final long N_SDP = word("application/sdp", 7);
    private List<Via> vias;
    private NameAddr from;
    private NameAddr to;
    private CSeq cseq;
    private String callId;
    private List<NameAddr> contacts;
    private List<NameAddr> routes;
    private List<NameAddr> recordRoutes;

    SipMessage(byte[] buf, int[] frame) {
        super(buf, frame);
    }

    public abstract boolean isRequest();

    private void invalidate() {
        vias = null;
        from = null;
        to = null;
        cseq = null;
        callId = null;
        contacts = null;
        routes = null;
        recordRoutes = null;
    }

    /** Every Via value in order, top first; comma-joined values split (RFC 3261 §7.3.1). */
    public List<Via> vias() {
        List<Via> v = vias;
        if (v == null) {
            v = new ArrayList<>(4);
            int n = headerCount();
            for (int i = 0; i < n; i++) {
                if (idAt(i) == HeaderName.VIA.ordinal()) {
                    byte[] b = bytesAt(i);
                    int s = SipGrammar.skipSws(b, valueStartAt(i), valueEndAt(i));
                    if (trustedAt(i) || SipGrammar.scanViaList(b, s, valueEndAt(i)) > 0) {
                        Via.buildList(b, s, valueEndAt(i), v);
                    } else if (v.isEmpty() && SipGrammar.scanViaSentBy(b, s, valueEndAt(i)) >= 0) {
                        // Partially parsed request (ParseError.answerable): keep the top sent-by to answer to.
                        v.add(Via.build(b, s, valueEndAt(i)));
                    }
                }
            }
            v = Collections.unmodifiableList(v);
            vias = v;
        }
        return v;
    }

    /** The top Via, or null when absent. */
    public Via topVia() {
        List<Via> v = vias();
        return v.isEmpty() ? null : v.get(0);
    }

    /** Call-ID, or null when absent. */
    public String callId() {
        String c = callId;
        if (c == null) {
            int i = findId(HeaderName.CALL_ID);
            if (i >= 0) {
                c = valueAt(i);
                callId = c;
            }
        }
        return c;
    }

    /** CSeq, or null when absent or malformed. */
    public CSeq cseq() {
        CSeq c = cseq;
        if (c == null) {
            int i = findId(HeaderName.CSEQ);
            if (i >= 0) {
                byte[] b = bytesAt(i);
                int s = valueStartAt(i);
                int e = valueEndAt(i);
                int d = SipGrammar.scanRun(b, s, e, io.sbc.signaling.codec.ByteClass.DIGIT);
                // A CSeq the codec accepted passed cseqMethodStart, which returns the method after
                // the digits and blanks: only that step is repeated, not the whole check.
                int m = trustedAt(i) ? SipGrammar.skipSws(b, d, e) : SipGrammar.cseqMethodStart(b, s, e);
                if (m >= 0) {
                    c = new CSeq(SipGrammar.parseBounded(b, s, d, 0xFFFFFFFFL),
                            io.sbc.signaling.codec.AsciiStrings.of(b, m, e));
                    cseq = c;
                }
            }
        }
        return c;
    }

    /** The CSeq sequence number without building the CSeq object; -1 when absent or malformed. */
    public long cseqNumber() {
        int i = findId(HeaderName.CSEQ);
        if (i < 0) {
            return -1;
        }
        byte[] b = bytesAt(i);
        int s = valueStartAt(i);
        int d = SipGrammar.scanRun(b, s, valueEndAt(i), io.sbc.signaling.codec.ByteClass.DIGIT);
        return SipGrammar.parseBounded(b, s, d, 0xFFFFFFFFL);
    }

    public NameAddr from() {
        NameAddr a = from;
        if (a == null) {
            a = single(HeaderName.FROM);
            from = a;
        }
        return a;
    }

    public NameAddr to() {
        NameAddr a = to;
        if (a == null) {
            a = single(HeaderName.TO);
            to = a;
        }
        return a;
    }

    private NameAddr single(HeaderName id) {
        int i = findId(id);
        if (i < 0) {
            return null;
        }
        byte[] b = bytesAt(i);
        int s = SipGrammar.skipSws(b, valueStartAt(i), valueEndAt(i));
        int e = valueEndAt(i);
        return trustedAt(i) || SipGrammar.isSingleAddress(b, s, e) ? NameAddr.build(b, s, e) : null;
    }

    /** From tag, or null. */
    public String fromTag() {
        NameAddr a = from();
        return a == null ? null : a.tag();
    }

    /** To tag, or null. */
    public String toTag() {
        NameAddr a = to();
        return a == null ? null : a.tag();
    }

    /** Max-Forwards (0..255), or -1 when absent or malformed. Allocation-free. */
    public int maxForwards() {
        int i = findId(HeaderName.MAX_FORWARDS);
        return i < 0 ? -1 : (int) SipGrammar.parseBounded(bytesAt(i), valueStartAt(i), valueEndAt(i), 255);
    }

    /** Content-Length value, or -1 when absent. Allocation-free. */
    public int contentLength() {
        int i = findId(HeaderName.CONTENT_LENGTH);
        return i < 0 ? -1 : (int) SipGrammar.parseBounded(bytesAt(i), valueStartAt(i), valueEndAt(i), Integer.MAX_VALUE);
    }

    /** Contact values in order; "*" gives {@link NameAddr#star()}; empty when absent. */
    public List<NameAddr> contacts() {
        List<NameAddr> c = contacts;
        if (c == null) {
            c = addresses(HeaderName.CONTACT, false);
            contacts = c;
        }
        return c;
    }

    public List<NameAddr> routes() {
        List<NameAddr> c = routes;
        if (c == null) {
            c = addresses(HeaderName.ROUTE, true);
            routes = c;
        }
        return c;
    }

    public List<NameAddr> recordRoutes() {
        List<NameAddr> c = recordRoutes;
        if (c == null) {
            c = addresses(HeaderName.RECORD_ROUTE, true);
            recordRoutes = c;
        }
        return c;
    }

    private List<NameAddr> addresses(HeaderName id, boolean bracketsRequired) {
        // Nearly always one header line with one value: that gives a singleton list (one small
        // object) instead of an ArrayList, its array and the unmodifiable wrapper.
        NameAddr only = null;
        List<NameAddr> out = null;
        int n = headerCount();
        for (int i = 0; i < n; i++) {
            if (idAt(i) == id.ordinal()) {
                byte[] b = bytesAt(i);
                int s = valueStartAt(i);
                int e = valueEndAt(i);
                if (trustedAt(i) || SipGrammar.scanAddressList(b, s, e, bracketsRequired, id == HeaderName.CONTACT) > 0) {
                    if (out == null && only == null) {
                        only = NameAddr.buildIfSingle(b, s, e);
                        if (only != null) {
                            continue;
                        }
                    }
                    if (out == null) {
                        out = new ArrayList<>(2);
                        if (only != null) {
                            out.add(only);
                            only = null;
                        }
                    }
                    NameAddr.buildList(b, s, e, bracketsRequired, out);
                }
            }
        }
        return out != null ? Collections.unmodifiableList(out) : only != null ? Collections.singletonList(only) : List.of();
    }

    /** Content-Type value as written (with parameters), or null. */
    public String contentType() {
        int i = findId(HeaderName.CONTENT_TYPE);
        if (i < 0) {
            return null;
        }
        byte[] b = bytesAt(i);
        int s = valueStartAt(i);
        int e = valueEndAt(i);
        // "application/sdp" exactly as nearly every peer writes it: two word compares (bytes 0-7
        // and 7-14) instead of the fold check and the hashed lookup below, same shared instance.
        if (e - s == 15 && (long) LONGS.get(b, s) == APPLICATION_
                && (long) LONGS.get(b, s + 7) == N_SDP) {
            return APPLICATION_SDP;
        }
        // Other short values without CR or LF have no fold, and then AsciiStrings.of decodes them
        // exactly as unfolding would (a shared instance for the common ones).
        if (e - s <= 16) {
            for (int k = s; k < e; k++) {
                if (b[k] == '\r' || b[k] == '\n') {
                    return valueAt(i);
                }
            }
            return io.sbc.signaling.codec.AsciiStrings.of(b, s, e);
        }
        return valueAt(i);
    }

    /** The body (a copy); empty when none. Bytes beyond Content-Length were never part of it. */
    public byte[] body() {
        return bodyCopy();
    }

    /** Body length in bytes, without copying. */
    public int bodySize() {
        return bodyLength();
    }

    /** Parts of a multipart body (RFC 2046 §5.1), boundary from Content-Type; empty when not multipart. */
    public List<BodyPart> bodyParts() {
        String ct = contentType();
        return ct == null ? List.of() : MultipartBody.split(ct, body());
    }

    /** First value of header {@code name} (full or compact name, any case), unfolded; null when absent. */
    public String header(String name) {
        HeaderName id = HeaderName.lookup(name);
        int i = find(id, name, 0);
        return i < 0 ? null : valueAt(i);
    }

    /**
     * Every value of header {@code name} in order. Comma-joined values are split for headers that
     * may be joined ({@link HeaderName#joinable()}); never for WWW-Authenticate, Authorization,
     * Proxy-Authenticate, Proxy-Authorization, Date, single-valued or unknown headers.
     */
    public List<String> headerValues(String name) {
        HeaderName id = HeaderName.lookup(name);
        List<String> out = new ArrayList<>(2);
        int n = headerCount();
        for (int i = 0; i < n; i++) {
            if (matches(i, id, name)) {
                if (id.joinable()) {
                    splitCommas(bytesAt(i), valueStartAt(i), valueEndAt(i), out);
                } else {
                    out.add(valueAt(i));
                }
            }
        }
        return out;
    }

    /** Splits at commas outside quoted strings and angle brackets (RFC 3261 §7.3.1). */
    private static void splitCommas(byte[] b, int s, int e, List<String> out) {
        int start = s;
        boolean quoted = false;
        boolean angle = false;
        for (int i = s; i < e; i++) {
            byte c = b[i];
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '<') {
                angle = true;
            } else if (c == '>') {
                angle = false;
            } else if (c == ',' && !angle) {
                add(b, start, i, out);
                start = i + 1;
            }
        }
        add(b, start, e, out);
    }

    private static void add(byte[] b, int s, int e, List<String> out) {
        s = SipGrammar.skipSws(b, s, e);
        e = SipGrammar.trimEnd(b, s, e);
        if (e > s) {
            out.add(unfold(b, s, e));
        }
    }

    public boolean hasHeader(String name) {
        return find(HeaderName.lookup(name), name, 0) >= 0;
    }

    /**
     * Every header field in wire order (names as written, values unfolded). Each value is decoded
     * when first read ({@link HeaderField#value()}), from bytes that later mutations do not change.
     */
    public List<HeaderField> headerFields() {
        int n = headerCount();
        List<HeaderField> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new HeaderField(nameAt(i), bytesAt(i), valueStartAt(i), valueEndAt(i)));
        }
        return out;
    }

    /** Number of header fields (lines). */
    public int headerFieldCount() {
        return headerCount();
    }

    /** Replaces every header {@code name} by one {@code name: value}, at the position of the first. */
    public void setHeader(String name, String value) {
        HeaderName id = HeaderName.lookup(name);
        int first = find(id, name, 0);
        int at = first < 0 ? headerCount() : first;
        removeAll(id, name);
        insertAt(at, name, value);
        invalidate();
    }

    /** Appends {@code name: value} after the last header. */
    public void addHeader(String name, String value) {
        insertAt(headerCount(), name, value);
        invalidate();
    }

    /** Inserts {@code name: value} before the first header (e.g. Via, Record-Route). */
    public void addHeaderFirst(String name, String value) {
        insertAt(0, name, value);
        invalidate();
    }

    /** Removes every header {@code name}; returns how many lines were removed. */
    public int removeHeader(String name) {
        int removed = removeAll(HeaderName.lookup(name), name);
        if (removed > 0) {
            invalidate();
        }
        return removed;
    }

    private int removeAll(HeaderName id, String name) {
        int removed = 0;
        for (int i = find(id, name, 0); i >= 0; i = find(id, name, i)) {
            removeAt(i);
            removed++;
        }
        return removed;
    }

    /** Adds {@code via} as the new top Via (RFC 3261 §16.6 step 8). */
    public void pushVia(Via via) {
        addHeaderFirst("Via", via.toString());
    }

    /**
     * Removes and returns the top Via value (RFC 3261 §18.1.2); when the first Via line holds
     * several comma-joined values, only the first is removed. Null when there is none.
     */
    public Via popVia() {
        Via top = topVia();
        int i = findId(HeaderName.VIA);
        if (top == null || i < 0) {
            return null;
        }
        byte[] b = bytesAt(i);
        int s = SipGrammar.skipSws(b, valueStartAt(i), valueEndAt(i));
        int e = valueEndAt(i);
        int parmEnd = SipGrammar.scanViaParm(b, s, e);
        // A top Via readable enough to answer may still fail the strict via-parm scan (a partially
        // parsed request from ParseError.answerable()): then the whole line is the one value.
        int q = parmEnd < 0 ? e : SipGrammar.skipSws(b, parmEnd, e);
        String name = nameAt(i);
        removeAt(i);
        if (q < e && b[q] == ',') {
            int rest = SipGrammar.skipSws(b, q + 1, e);
            insertAt(i, name, unfold(b, rest, e));
        }
        invalidate();
        return top;
    }

    /**
     * Replaces the body and sets Content-Length (and Content-Type, removed when {@code contentType}
     * is null) to match.
     */
    public void setBody(String contentType, byte[] body) {
        byte[] copy = body == null ? new byte[0] : body.clone();
        replaceBody(copy);
        if (contentType == null) {
            removeHeader("Content-Type");
        } else {
            setHeader("Content-Type", contentType);
        }
        setHeader("Content-Length", Integer.toString(copy.length));
    }

    /** True when nothing was changed since parsing (encoding then copies the original bytes). */
    public boolean isModified() {
        return modified;
    }

    /** The original bytes of header {@code i}'s line for copying into another message. */
    final void copyHeaderTo(int i, SipMessage dst) {
        int b = base(i);
        dst.insertCopy(dst.headerCount(), idAt(i), bytesAt(i), f[b + E_LINE_START], f[b + E_NAME_END],
                f[b + E_VALUE_START], f[b + E_VALUE_END], f[b + E_LINE_END]);
        dst.invalidate();
    }

    /** The wire form as a string (UTF-8), for logs and tests. */
    @Override
    public String toString() {
        byte[] out = new byte[encodedLength()];
        encode(out, 0);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static long word(String s, int from) {
        return (long) LONGS.get(s.getBytes(StandardCharsets.US_ASCII), from);
    }
}
