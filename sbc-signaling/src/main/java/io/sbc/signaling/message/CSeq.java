package io.sbc.signaling.message;

/** CSeq header value (RFC 3261 §20.16): sequence number and method. */
public record CSeq(long number, String method) {
    /** Wire form {@code "number method"}. */
    @Override
    public String toString() {
        return number + " " + method;
    }
}
