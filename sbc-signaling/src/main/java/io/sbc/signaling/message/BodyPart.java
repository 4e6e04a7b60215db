package io.sbc.signaling.message;

import java.util.List;

/**
 * One part of a multipart body (RFC 2046 §5.1): its MIME headers and its body bytes.
 *
 * @param headers part headers in order (e.g. Content-Type, Content-Disposition)
 * @param body part body, without the CRLF that precedes the next delimiter
 */
public record BodyPart(List<HeaderField> headers, byte[] body) {
    /** The part's Content-Type value, or null (RFC 2046 §5.1: default text/plain). */
    public String contentType() {
        return header("Content-Type");
    }

    /** First header of that name (case-insensitive), or null. */
    public String header(String name) {
        for (HeaderField h : headers) {
            if (h.name().equalsIgnoreCase(name) || (name.equalsIgnoreCase("Content-Type") && h.name().equalsIgnoreCase("c"))) {
                return h.value();
            }
        }
        return null;
    }
}
