package io.sbc.signaling.codec;

import static io.sbc.signaling.message.FrameLayout.*;

import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipMethod;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.util.Arrays;
import java.util.Objects;

/**
 * Parses one complete SIP message (RFC 3261 §7) from bytes: a UDP datagram or a frame cut by the
 * stream framer. Frames the start line and every header as offsets into the input (no per-header
 * objects, no Strings), identifies header names through {@link HeaderName}'s precomputed table,
 * and validates the core headers (Via, From, To, Call-ID, CSeq, Max-Forwards, Contact, Route,
 * Record-Route, Content-Length, Content-Type) with the allocation-free {@link SipGrammar}. On
 * success the only allocations are the message object and its frame array.
 *
 * <p>Malformed input is data: the result carries a {@link ParseErrorReason} and byte offset, and for
 * a request readable enough to answer, the partially parsed request (style.md "Reply or drop").
 * Nothing is thrown for any input.
 *
 * <p>Framing (RFC 3261 §18.3): with a Content-Length, the body is that many bytes and any bytes
 * beyond are ignored; a Content-Length larger than the bytes present is {@code BODY_TRUNCATED}.
 * Without one, the body is the rest of the input (UDP, RFC 2543 compatibility, RFC 4475 §3.4.1).
 *
 * <p>Not thread-safe: one parser per event loop (it keeps a scratch frame and a reused result).
 * The input array is retained by the message, not copied: do not reuse it after a successful parse.
 */
public final class SipParser {
    // HeaderName ordinals of the validated core headers, in enum order (see validate).
    private static final int VIA = 1;
    private static final int FROM = 2;
    private static final int TO = 3;
    private static final int CALL_ID = 4;
    private static final int CSEQ = 5;
    private static final int MAX_FORWARDS = 6;
    private static final int CONTACT = 7;
    private static final int ROUTE = 8;
    private static final int RECORD_ROUTE = 9;
    private static final int CONTENT_LENGTH = 10;
    private static final int CONTENT_TYPE = 11;

    static {
        HeaderName[] core = {HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ,
            HeaderName.MAX_FORWARDS, HeaderName.CONTACT, HeaderName.ROUTE, HeaderName.RECORD_ROUTE,
            HeaderName.CONTENT_LENGTH, HeaderName.CONTENT_TYPE};
        for (int i = 0; i < core.length; i++) {
            if (core[i].ordinal() != i + 1) {
                throw new ExceptionInInitializerError("HeaderName order changed: " + core[i]);
            }
        }
    }

    private final SipParserLimits limits;
    /**
     * Per-line limits copied out of {@link #limits} once: the header loop then reads one field of
     * this object instead of loading the limits object first (two dependent loads per line).
     */
    private final int lineSearchBytes;
    private final int maxHeaders;
    private final int maxVias;
    private final int[] scratch;
    private final ParseResult result = new ParseResult();

    // Per-parse state (fields, not locals, so the steps can be small methods).
    private byte[] b;
    private int off;
    private ParseErrorReason error;
    private int errorAt;
    private String errorDetail;
    private int count;
    private int viaValues;
    private int firstVia;
    private boolean topViaOk;
    private long contentLength;
    /** CSeq value start, method start and value end, kept by validation for the method check. */
    private int cseqStart;
    private int cseqMethod;
    private int cseqEnd;
    private int fromCount;
    private int toCount;
    private int callIdCount;
    private int cseqCount;
    private int maxForwardsCount;
    private int contentTypeCount;

    public SipParser(SipParserLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.lineSearchBytes = limits.maxLineBytes() + 2;
        this.maxHeaders = limits.maxHeaders();
        this.maxVias = limits.maxVias();
        this.scratch = newFrame(maxHeaders);
    }

    /** Parser with {@link SipParserLimits#defaults()}. */
    public SipParser() {
        this(SipParserLimits.defaults());
    }

    public SipParserLimits limits() {
        return limits;
    }

    /**
     * Parses {@code buf[off, off+len)}. Never throws for any byte content (index arguments out of
     * range are a caller bug and throw {@link IndexOutOfBoundsException}). The returned result is
     * reused by the next call on this parser; the message it holds keeps {@code buf}.
     */
    public ParseResult parse(byte[] buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.length);
        try {
            return parse0(buf, off, len);
        } catch (RuntimeException bug) {
            // A parser bug must not reach the event loop (style.md §4); tests assert this never happens.
            return result.set(new ParseError(ParseErrorReason.BAD_HEADER, 0,
                    "internal parser fault " + bug.getClass().getSimpleName(), null));
        } finally {
            b = null;
        }
    }

    /** Parses a whole array. */
    public ParseResult parse(byte[] buf) {
        return parse(buf, 0, buf.length);
    }

    private ParseResult parse0(byte[] buf, int off, int len) {
        b = buf;
        this.off = off;
        error = null;
        errorDetail = null;
        count = 0;
        viaValues = 0;
        firstVia = -1;
        topViaOk = false;
        contentLength = -1;
        fromCount = toCount = callIdCount = cseqCount = maxForwardsCount = contentTypeCount = 0;
        int[] fr = scratch;
        int end = off + len;
        boolean tooLarge = len > limits.maxMessageBytes();
        int scanEnd = tooLarge ? off + limits.maxMessageBytes() : end;

        // RFC 3261 §7.5: ignore CRLFs before the start line (stream keep-alives).
        int p = off;
        while (p < scanEnd && (b[p] == '\r' || b[p] == '\n')) {
            p++;
        }
        if (p >= scanEnd) {
            return fail(ParseErrorReason.EMPTY, p, "no start line");
        }
        fr[MSG_START] = p;
        int lf = lineEnd(p, scanEnd, limits.maxLineBytes());
        if (lf < 0) {
            return fail(ParseErrorReason.LINE_TOO_LONG, p, "start line");
        }
        int lineEnd = lf < scanEnd ? lf + 1 : scanEnd;
        int contentEnd = lf > p && lf < scanEnd && b[lf - 1] == '\r' ? lf - 1 : Math.min(lf, scanEnd);
        fr[START_LINE_END] = lineEnd;
        boolean request;
        if (contentEnd - p >= 4 && SipGrammar.matchesLower(b, p, contentEnd, "sip/")) {
            request = false;
            if (!statusLine(fr, p, contentEnd)) {
                return fail(error, errorAt, errorDetail);
            }
        } else {
            request = true;
            if (!requestLine(fr, p, contentEnd)) {
                return fail(error, errorAt, errorDetail);
            }
            // Start-line errors past the method (URI, version) are recorded; headers are still framed
            // so that the request can be answered (505 for a version, RFC 3261 §8.2.2).
        }

        p = lineEnd;
        int headersEnd = -1;
        int bodyStart = -1;
        while (true) {
            if (p >= scanEnd) {
                // Datagram ended inside the header section: take it as complete (RFC 5118 archive
                // messages end after the last header); a positive Content-Length then fails below.
                headersEnd = bodyStart = scanEnd;
                break;
            }
            byte c = b[p];
            if (c == '\n') {
                headersEnd = p;
                bodyStart = p + 1;
                break;
            }
            if (c == '\r' && p + 1 < scanEnd && b[p + 1] == '\n') {
                headersEnd = p;
                bodyStart = p + 2;
                break;
            }
            int next = header(fr, p, scanEnd);
            if (next < 0) {
                return finishError(fr, request, p, p);
            }
            p = next;
        }
        fr[HEADERS_END] = headersEnd;
        fr[BODY_START] = bodyStart;
        fr[HEADER_COUNT] = count;
        if (tooLarge) {
            recordFirst(ParseErrorReason.TOO_LARGE, off, "message exceeds " + limits.maxMessageBytes() + " bytes");
            return finishError(fr, request, bodyStart, bodyStart);
        }
        if (error == null) {
            requiredHeaders(fr, request, headersEnd);
        }
        if (error == null) {
            body(fr, bodyStart, end, headersEnd == bodyStart);
        }
        if (error != null) {
            return finishError(fr, request, bodyStart, bodyStart);
        }
        int[] frame = Arrays.copyOf(fr, HEADER_BASE + count * ENTRY);
        frame[FLAGS] = VALIDATED;
        SipMessage m = request ? SipRequest.wrap(b, frame) : SipResponse.wrap(b, frame);
        return result.set(m);
    }

    /** Index of the LF ending the line at {@code p}, scanEnd when the input ends first, -1 when too long. */
    private int lineEnd(int p, int scanEnd, int max) {
        int limit = Math.min(scanEnd, p + max + 2);
        int i = SipGrammar.indexOfLf(b, p, limit);
        if (i >= 0) {
            return i;
        }
        return limit == scanEnd ? scanEnd : -1;
    }

    private boolean statusLine(int[] fr, int p, int end) {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (RFC 3261 §7.2)
        int sp = SipGrammar.indexOf(b, p, end, (byte) ' ');
        if (sp < 0) {
            return record(ParseErrorReason.BAD_START_LINE, p, "status line");
        }
        if (!isVersion20(p, sp)) {
            return record(looksLikeVersion(p, sp) ? ParseErrorReason.BAD_VERSION : ParseErrorReason.BAD_START_LINE,
                    p, "SIP-Version");
        }
        int cs = sp + 1;
        int ce = SipGrammar.scanRun(b, cs, end, ByteClass.DIGIT);
        long code = ce - cs == 3 ? SipGrammar.parseDigits(b, cs, ce, 3) : -1;
        if (code < 100 || code > 699 || (ce < end && b[ce] != ' ')) {
            return record(ParseErrorReason.BAD_STATUS_CODE, cs, "Status-Code");
        }
        int rs = ce < end ? ce + 1 : ce;
        for (int i = rs; i < end; i++) {
            if (b[i] == '\r' || b[i] == 0) {
                return record(ParseErrorReason.BAD_START_LINE, i, "Reason-Phrase");
            }
        }
        fr[T1_START] = p;
        fr[T1_END] = sp;
        fr[T2_START] = cs;
        fr[T2_END] = ce;
        fr[T3_START] = rs;
        fr[T3_END] = end;
        fr[KIND] = (int) code;
        return true;
    }

    private boolean requestLine(int[] fr, int p, int end) {
        // Request-Line = Method SP Request-URI SP SIP-Version CRLF (RFC 3261 §7.1)
        int me = SipGrammar.scanRun(b, p, end, ByteClass.TOKEN);
        if (me == p || me >= end || b[me] != ' ') {
            return record(ParseErrorReason.NOT_SIP, p, "no method");
        }
        fr[T1_START] = p;
        fr[T1_END] = me;
        fr[KIND] = SipMethod.of(b, p, me).ordinal();
        int us = me + 1;
        // Common case in one pass: the URI scan stops exactly at the SP before the version (see
        // SipGrammar.uriEnd); otherwise find the SP and judge the URI as before.
        int ue = SipGrammar.uriEnd(b, us, end);
        boolean uriOk = ue >= 0 && ue < end && b[ue] == ' ';
        if (!uriOk) {
            ue = SipGrammar.indexOf(b, us, end, (byte) ' ');
            if (ue < 0) {
                ue = end;
            }
        }
        fr[T2_START] = us;
        fr[T2_END] = ue;
        fr[T3_START] = Math.min(ue + 1, end);
        fr[T3_END] = end;
        if (ue >= end) {
            recordFirst(ParseErrorReason.BAD_START_LINE, ue, "no SIP-Version");
        } else if (!isVersion20(ue + 1, end)) {
            recordFirst(looksLikeVersion(ue + 1, end) ? ParseErrorReason.BAD_VERSION : ParseErrorReason.BAD_START_LINE,
                    ue + 1, "SIP-Version");
        } else if (ue - us > limits.maxUriBytes()) {
            recordFirst(ParseErrorReason.URI_TOO_LONG, us, "Request-URI");
        } else if (!uriOk && SipGrammar.scanUri(b, us, ue) < 0) {
            recordFirst(ParseErrorReason.BAD_URI, us, "Request-URI");
        }
        return true;
    }

    private boolean isVersion20(int p, int end) {
        // matchesLower(b, p, end, "sip/2.0") spelled out: c | 0x20 equals a lower-case letter
        // exactly when c is that letter in either case, and the other bytes must be equal.
        byte[] a = b;
        return end - p == 7 && (a[p] | 0x20) == 's' && (a[p + 1] | 0x20) == 'i' && (a[p + 2] | 0x20) == 'p'
                && a[p + 3] == '/' && a[p + 4] == '2' && a[p + 5] == '.' && a[p + 6] == '0';
    }

    /** "SIP/" 1*DIGIT "." 1*DIGIT (RFC 3261 §7.1): a version we can name but do not support. */
    private boolean looksLikeVersion(int p, int end) {
        if (!SipGrammar.matchesLower(b, p, end, "sip/")) {
            return false;
        }
        int d = SipGrammar.scanRun(b, p + 4, end, ByteClass.DIGIT);
        if (d == p + 4 || d >= end || b[d] != '.') {
            return false;
        }
        int e = SipGrammar.scanRun(b, d + 1, end, ByteClass.DIGIT);
        return e > d + 1 && e == end;
    }

    /** Frames one header field at {@code p}; returns the start of the next line, or -1 on a framing error. */
    private int header(int[] fr, int p, int scanEnd) {
        byte[] a = b;
        int ne;
        int colon;
        // The first LF is searched from the line start, before and independently of the name:
        // identifying the name (knownName's word compares and table probe) then no longer delays
        // the search, so the CPU overlaps the two, and the next line's start depends only on this
        // search. On every path that gets past the name checks below, [p, colon] holds only name
        // bytes, blanks and ':', none of them an LF, so this is the LF the search from colon + 1
        // found before.
        int limit = Math.min(scanEnd, p + lineSearchBytes);
        int i = SipGrammar.indexOfLf(a, p, limit);
        // Fast path: the line starts with a known full-form name directly followed by ':' (nearly
        // every line). HeaderName.knownName proves the byte scan below would find the same name
        // end, colon and id, with a few word compares instead of a loop over the name's bytes.
        int known = p + 24 <= a.length ? HeaderName.knownName(a, p) : 0;
        int idx;
        if (known != 0 && p + (known >>> 8) < scanEnd) {
            ne = colon = p + (known >>> 8);
            idx = known & 0xFF;
        } else {
            // Name scan: a bare class-table loop; the name is then hashed and compared as packed
            // words (HeaderName.lookupToken), not byte by byte.
            ne = p;
            while (ne < scanEnd && ByteClass.is(a[ne], ByteClass.TOKEN)) {
                ne++;
            }
            if (ne == p) {
                record(ParseErrorReason.BAD_HEADER, p, "header name");
                return -1;
            }
            colon = ne;
            while (colon < scanEnd && (a[colon] == ' ' || a[colon] == '\t')) {
                colon++;
            }
            if (colon >= scanEnd || a[colon] != ':') {
                record(ParseErrorReason.BAD_HEADER, ne, "no colon after header name");
                return -1;
            }
            idx = HeaderName.lookupToken(a, p, ne).ordinal();
        }
        // Find the end of the field, following folds (a line starting with SP/HT continues it).
        int lineEnd;
        while (true) {
            if (i < 0) {
                if (limit < scanEnd) {
                    record(ParseErrorReason.LINE_TOO_LONG, p, "header field");
                    return -1;
                }
                lineEnd = scanEnd;
                break;
            }
            lineEnd = i + 1;
            if (lineEnd < scanEnd && (a[lineEnd] == ' ' || a[lineEnd] == '\t')) {
                i = SipGrammar.indexOfLf(a, lineEnd, limit);
                continue;
            }
            break;
        }
        if (count >= maxHeaders) {
            record(ParseErrorReason.TOO_MANY_HEADERS, p, "more than " + maxHeaders);
            return -1;
        }
        // Nearly every field is "Name: value": step over the one SP inline so that the (out-of-line)
        // SWS loop only runs for tabs, several blanks or folds. Same result as skipSws alone.
        int vs = colon + 1;
        if (vs < lineEnd && a[vs] == ' ') {
            vs++;
        }
        vs = SipGrammar.skipSws(a, vs, lineEnd);
        // Nearly every line ends "x CR LF" with x visible: then trimEnd would stop right before the
        // CR (x > ' ' is neither a blank nor a line break), so take that end without its loop.
        int ve = lineEnd - 3 >= vs && a[lineEnd - 1] == '\n' && a[lineEnd - 2] == '\r' && a[lineEnd - 3] > ' '
                ? lineEnd - 2 : SipGrammar.trimEnd(a, vs, lineEnd);
        int base = HEADER_BASE + count * ENTRY;
        fr[base + E_ID] = idx;
        fr[base + E_LINE_START] = p;
        fr[base + E_NAME_END] = ne;
        fr[base + E_VALUE_START] = vs;
        fr[base + E_VALUE_END] = ve;
        fr[base + E_LINE_END] = lineEnd;
        // Only the core headers (ordinals VIA..CONTENT_TYPE) are validated: other lines skip the call.
        if (idx >= VIA && idx <= CONTENT_TYPE) {
            validate(idx, count, vs, ve);
        }
        count++;
        return lineEnd;
    }

    /** Validates a core header at parse time; records the first defect (framing continues). */
    private void validate(int id, int index, int vs, int ve) {
        byte[] a = b;
        // A switch on the ordinal (constants checked against the enum in the static initializer):
        // an enum switch would first load the compiler's ordinal map.
        switch (id) {
            case VIA: {
                int n = SipGrammar.scanViaList(a, vs, ve);
                if (firstVia < 0) {
                    firstVia = index;
                    topViaOk = n > 0 || SipGrammar.scanViaSentBy(a, vs, ve) >= 0;
                }
                if (n < 0) {
                    recordFirst(ParseErrorReason.BAD_VIA, vs, "Via");
                } else {
                    viaValues += n;
                    if (viaValues > maxVias) {
                        recordFirst(ParseErrorReason.TOO_MANY_VIAS, vs, "more than " + maxVias);
                    }
                }
                break;
            }
            case FROM:
                if (++fromCount > 1) {
                    recordFirst(ParseErrorReason.DUPLICATE_HEADER, vs, "From");
                } else if (!SipGrammar.isSingleAddress(a, vs, ve)) {
                    recordFirst(ParseErrorReason.BAD_FROM, vs, "From");
                }
                break;
            case TO:
                if (++toCount > 1) {
                    recordFirst(ParseErrorReason.DUPLICATE_HEADER, vs, "To");
                } else if (!SipGrammar.isSingleAddress(a, vs, ve)) {
                    recordFirst(ParseErrorReason.BAD_TO, vs, "To");
                }
                break;
            case CALL_ID:
                if (++callIdCount > 1) {
                    recordFirst(ParseErrorReason.DUPLICATE_HEADER, vs, "Call-ID");
                } else if (!SipGrammar.isCallId(a, vs, ve)) {
                    recordFirst(ParseErrorReason.BAD_CALL_ID, vs, "Call-ID");
                }
                break;
            case CSEQ:
                if (++cseqCount > 1) {
                    recordFirst(ParseErrorReason.DUPLICATE_HEADER, vs, "CSeq");
                } else {
                    int ms = SipGrammar.cseqMethodStart(a, vs, ve);
                    if (ms < 0) {
                        recordFirst(ParseErrorReason.BAD_CSEQ, vs, "CSeq");
                    } else {
                        cseqStart = vs;
                        cseqMethod = ms;
                        cseqEnd = ve;
                    }
                }
                break;
            case MAX_FORWARDS:
                if (++maxForwardsCount > 1) {
                    recordFirst(ParseErrorReason.DUPLICATE_HEADER, vs, "Max-Forwards");
                } else if (SipGrammar.parseBounded(a, vs, ve, 255) < 0) {
                    recordFirst(ParseErrorReason.BAD_MAX_FORWARDS, vs, "Max-Forwards");
                }
                break;
            case CONTACT:
                if (SipGrammar.scanAddressList(a, vs, ve, false, true) < 0) {
                    recordFirst(ParseErrorReason.BAD_CONTACT, vs, "Contact");
                }
                break;
            case ROUTE:
                if (SipGrammar.scanAddressList(a, vs, ve, true, false) < 0) {
                    recordFirst(ParseErrorReason.BAD_ROUTE, vs, "Route");
                }
                break;
            case RECORD_ROUTE:
                if (SipGrammar.scanAddressList(a, vs, ve, true, false) < 0) {
                    recordFirst(ParseErrorReason.BAD_RECORD_ROUTE, vs, "Record-Route");
                }
                break;
            case CONTENT_LENGTH: {
                long v = SipGrammar.parseBounded(a, vs, ve, Integer.MAX_VALUE);
                if (v < 0) {
                    recordFirst(ParseErrorReason.BAD_CONTENT_LENGTH, vs, "Content-Length");
                } else if (contentLength >= 0 && contentLength != v) {
                    // RFC 4475 §3.3.9: conflicting values make framing impossible.
                    recordFirst(ParseErrorReason.BAD_CONTENT_LENGTH, vs, "conflicting Content-Length");
                } else {
                    contentLength = v;
                }
                break;
            }
            case CONTENT_TYPE:
                if (++contentTypeCount > 1) {
                    recordFirst(ParseErrorReason.DUPLICATE_HEADER, vs, "Content-Type");
                } else if (!SipGrammar.isMediaType(a, vs, ve)) {
                    recordFirst(ParseErrorReason.BAD_CONTENT_TYPE, vs, "Content-Type");
                }
                break;
            default:
                break;
        }
    }

    private void requiredHeaders(int[] fr, boolean request, int at) {
        // RFC 3261 §8.1.1: To, From, CSeq, Call-ID, Max-Forwards (not required from RFC 2543
        // peers, §8.1.1.6 / RFC 4475 §3.4.1) and Via.
        if (firstVia < 0) {
            recordFirst(ParseErrorReason.MISSING_VIA, at, "Via");
        } else if (fromCount == 0) {
            recordFirst(ParseErrorReason.MISSING_FROM, at, "From");
        } else if (toCount == 0) {
            recordFirst(ParseErrorReason.MISSING_TO, at, "To");
        } else if (callIdCount == 0) {
            recordFirst(ParseErrorReason.MISSING_CALL_ID, at, "Call-ID");
        } else if (cseqCount == 0) {
            recordFirst(ParseErrorReason.MISSING_CSEQ, at, "CSeq");
        } else if (request) {
            // Validation already found the method (no second scan of the CSeq value).
            int vs = cseqStart;
            int ve = cseqEnd;
            int ms = cseqMethod;
            if (!sameBytes(ms, ve, fr[T1_START], fr[T1_END])) {
                recordFirst(ParseErrorReason.METHOD_MISMATCH, vs, "CSeq method");
            }
        }
    }

    /**
     * {@code b[p, pe)} equals {@code b[q, qe)} (case-sensitive, as methods compare: RFC 3261 §20.16).
     * A plain loop: methods are a few bytes, and {@code Arrays.equals} was an out-of-line call with
     * two range checks per message.
     */
    private boolean sameBytes(int p, int pe, int q, int qe) {
        if (pe - p != qe - q) {
            return false;
        }
        byte[] a = b;
        for (int i = p; i < pe; i++) {
            if (a[i] != a[q + i - p]) {
                return false;
            }
        }
        return true;
    }

    private void body(int[] fr, int bodyStart, int end, boolean noEmptyLine) {
        if (contentLength < 0) {
            // No Content-Length: over UDP the body is the rest of the datagram (RFC 3261 §18.3).
            fr[MSG_END] = end;
        } else if (contentLength > limits.maxBodyBytes()) {
            recordFirst(ParseErrorReason.TOO_LARGE, bodyStart, "body exceeds " + limits.maxBodyBytes() + " bytes");
        } else if (contentLength > end - bodyStart || (noEmptyLine && contentLength > 0)) {
            recordFirst(ParseErrorReason.BODY_TRUNCATED, bodyStart,
                    "Content-Length " + contentLength + " > " + (end - bodyStart) + " bytes present");
        } else {
            fr[MSG_END] = bodyStart + (int) contentLength;
        }
        if (fr[MSG_END] - bodyStart > limits.maxBodyBytes()) {
            recordFirst(ParseErrorReason.TOO_LARGE, bodyStart, "body exceeds " + limits.maxBodyBytes() + " bytes");
        }
    }

    private boolean record(ParseErrorReason reason, int at, String detail) {
        error = reason;
        errorAt = at;
        errorDetail = detail;
        return false;
    }

    private void recordFirst(ParseErrorReason reason, int at, String detail) {
        if (error == null) {
            record(reason, at, detail);
        }
    }

    private ParseResult fail(ParseErrorReason reason, int at, String detail) {
        return result.set(new ParseError(reason, at - off, detail, null));
    }

    /**
     * Ends a parse with the recorded error. The partially framed request is offered for an answer
     * when it is a request other than ACK whose top Via parsed (RFC 3261 §8.2.6: the answer is
     * routed by the top Via; §17.1.1.3 / style.md: ACKs and responses are never answered).
     */
    private ParseResult finishError(int[] fr, boolean request, int headersEnd, int bodyStart) {
        SipRequest answerable = null;
        if (request && topViaOk && fr[KIND] != SipMethod.ACK.ordinal()) {
            int[] frame = Arrays.copyOf(fr, HEADER_BASE + count * ENTRY);
            frame[FLAGS] = 0;
            frame[HEADER_COUNT] = count;
            frame[HEADERS_END] = headersEnd;
            frame[BODY_START] = bodyStart;
            frame[MSG_END] = bodyStart;
            answerable = SipRequest.wrap(b, frame);
        }
        return result.set(new ParseError(error, errorAt - off, errorDetail, answerable));
    }
}
