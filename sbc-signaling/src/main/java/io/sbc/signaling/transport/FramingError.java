package io.sbc.signaling.transport;

import java.util.Locale;

/** Why a stream lost its framing (the connection is then closed, RFC 3261 §18.3). */
public enum FramingError {
    /** No Content-Length header; RFC 3261 §18.3 makes it mandatory on streams. */
    MISSING_CONTENT_LENGTH,
    /** Content-Length value is not 1..9 decimal digits with optional surrounding whitespace. */
    BAD_CONTENT_LENGTH,
    /** Two Content-Length headers with different values (a request-smuggling shape). */
    CONFLICTING_CONTENT_LENGTH,
    /** A WebSocket frame that Netty's decoder refused (protocol violation, bad UTF-8 text). */
    BAD_WEBSOCKET_FRAME;

    private final String metricLabel = name().toLowerCase(Locale.ROOT);

    /** Label for the {@code reason} of the framing-error counter. */
    public String metricLabel() {
        return metricLabel;
    }
}
