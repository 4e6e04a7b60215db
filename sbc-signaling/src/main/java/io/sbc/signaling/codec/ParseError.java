package io.sbc.signaling.codec;

import io.sbc.signaling.message.SipRequest;

/**
 * Why and where a message failed to parse.
 *
 * @param reason the defect; {@link ParseErrorReason#statusCode()} and
 *     {@link ParseErrorReason#reasonPhrase()} give the answer to send
 * @param offset byte offset of the defect, relative to the {@code off} passed to the parser
 * @param detail short human-readable detail (ASCII, no message content beyond a header name)
 * @param answerable non-null when the input was a request other than ACK whose start line and top
 *     Via could be read (RFC 3261 §8.2.6, §18.2.2 route the answer by the top Via): a partially
 *     parsed request to pass to {@code SipResponses.create}. Its accessors return null/empty for
 *     the headers that are missing or defective. Null for responses, ACKs and garbage: drop those.
 */
public record ParseError(ParseErrorReason reason, int offset, String detail, SipRequest answerable) {

    /** {@code "REASON PHRASE at byte N"}, the form {@code ops/sbc parse} prints. */
    @Override
    public String toString() {
        return reason.reasonPhrase() + " (" + detail + ") at byte " + offset;
    }
}
