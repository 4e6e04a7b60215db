package io.sbc.signaling.codec;

import io.sbc.signaling.message.SipMessage;

/**
 * Outcome of {@link SipParser#parse}: either a message or an error, never both.
 *
 * <p>Owned by the {@link SipParser} that returned it, which reuses one instance for every call
 * so that the lazy parse path allocates only the message: read {@link #message()} or
 * {@link #error()} before the next {@code parse} on the same parser. The message and error
 * themselves are independent objects that may be kept.
 */
public final class ParseResult {
    private SipMessage message;
    private ParseError error;

    ParseResult() {}

    /** A result not owned by a parser (for tests and for callers that keep results). */
    public static ParseResult of(SipMessage message) {
        ParseResult r = new ParseResult();
        r.message = message;
        return r;
    }

    /** A failed result not owned by a parser. */
    public static ParseResult of(ParseError error) {
        ParseResult r = new ParseResult();
        r.error = error;
        return r;
    }

    ParseResult set(SipMessage m) {
        this.message = m;
        this.error = null;
        return this;
    }

    ParseResult set(ParseError e) {
        this.message = null;
        this.error = e;
        return this;
    }

    /** True when a message was parsed. */
    public boolean ok() {
        return message != null;
    }

    /** The message; non-null exactly when {@link #ok()}. */
    public SipMessage message() {
        return message;
    }

    /** The error; non-null exactly when not {@link #ok()}. */
    public ParseError error() {
        return error;
    }

    @Override
    public String toString() {
        return ok() ? "ok" : "error: " + error;
    }
}
