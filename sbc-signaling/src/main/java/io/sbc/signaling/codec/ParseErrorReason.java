package io.sbc.signaling.codec;

import java.util.Locale;

/**
 * Why a message failed to parse. Each reason carries the status a UAS answers with when the input
 * was an answerable request (style.md "Reply or drop"; RFC 3261 §8.2.6, §21.4, §21.5) and a metric
 * label for {@code sip.rx.malformed{reason=...}}.
 */
public enum ParseErrorReason {
    /** Larger than {@link SipParserLimits#maxMessageBytes()}; RFC 3261 §21.5.14. */
    TOO_LARGE(513, "Message Too Large"),
    /** Nothing but line breaks, or zero bytes. */
    EMPTY(400, "Bad Request - Empty Message"),
    /** First bytes are not a SIP start line at all (garbage: never answered). */
    NOT_SIP(400, "Bad Request - Not SIP"),
    BAD_START_LINE(400, "Bad Request - Malformed Start Line"),
    BAD_METHOD(400, "Bad Request - Malformed Method"),
    /** SIP version other than 2.0; RFC 3261 §21.5.7, §8.2.2 (answered 505). */
    BAD_VERSION(505, "Version Not Supported"),
    BAD_STATUS_CODE(400, "Bad Request - Malformed Status Code"),
    BAD_URI(400, "Bad Request - Malformed Request-URI"),
    /** Request-URI longer than {@link SipParserLimits#maxUriBytes()}; RFC 3261 §21.4.12. */
    URI_TOO_LONG(414, "Request-URI Too Long"),
    BAD_HEADER(400, "Bad Request - Malformed Header"),
    /** The header section is not closed by an empty line before the bytes run out mid-line. */
    UNTERMINATED_HEADERS(400, "Bad Request - Unterminated Header Section"),
    TOO_MANY_HEADERS(400, "Bad Request - Too Many Headers"),
    LINE_TOO_LONG(400, "Bad Request - Line Too Long"),
    MISSING_CALL_ID(400, "Bad Request - Missing Call-ID"),
    BAD_CALL_ID(400, "Bad Request - Malformed Call-ID"),
    MISSING_CSEQ(400, "Bad Request - Missing CSeq"),
    BAD_CSEQ(400, "Bad Request - Malformed CSeq"),
    MISSING_VIA(400, "Bad Request - Missing Via"),
    BAD_VIA(400, "Bad Request - Malformed Via"),
    TOO_MANY_VIAS(400, "Bad Request - Too Many Via Values"),
    MISSING_FROM(400, "Bad Request - Missing From"),
    BAD_FROM(400, "Bad Request - Malformed From"),
    MISSING_TO(400, "Bad Request - Missing To"),
    BAD_TO(400, "Bad Request - Malformed To"),
    BAD_MAX_FORWARDS(400, "Bad Request - Malformed Max-Forwards"),
    BAD_CONTACT(400, "Bad Request - Malformed Contact"),
    BAD_ROUTE(400, "Bad Request - Malformed Route"),
    BAD_RECORD_ROUTE(400, "Bad Request - Malformed Record-Route"),
    BAD_CONTENT_TYPE(400, "Bad Request - Malformed Content-Type"),
    /** Malformed, negative or conflicting Content-Length (RFC 4475 §3.1.2.3, §3.3.9). */
    BAD_CONTENT_LENGTH(400, "Bad Request - Malformed Content-Length"),
    /** Content-Length larger than the bytes present in the datagram or frame (RFC 3261 §18.3). */
    BODY_TRUNCATED(400, "Bad Request - Content-Length Exceeds Body"),
    /** A header that must appear once appears several times (RFC 4475 §3.3.8). */
    DUPLICATE_HEADER(400, "Bad Request - Duplicate Single-Value Header"),
    /** CSeq method differs from the request method (RFC 3261 §8.1.1.5, RFC 4475 §3.1.2.17). */
    METHOD_MISMATCH(400, "Bad Request - CSeq Method Mismatch");

    private final int statusCode;
    private final String reasonPhrase;
    private final String metricLabel;

    ParseErrorReason(int statusCode, String reasonPhrase) {
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
        this.metricLabel = name().toLowerCase(Locale.ROOT);
    }

    /** Status code of the stateless answer (400, 505, 513, 414). */
    public int statusCode() {
        return statusCode;
    }

    /** Reason phrase of the stateless answer, specific to the defect. */
    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** Lower-case label for the {@code reason} of the malformed-message counter. */
    public String metricLabel() {
        return metricLabel;
    }
}
