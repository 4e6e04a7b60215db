package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;

/**
 * Receives complete SIP messages from every transport. Implemented by the layer above (codec +
 * transaction layer).
 *
 * <p>Threading: both methods are called on the event loop that owns the channel the bytes arrived
 * on, one call at a time per channel. They must not block. An exception thrown by the listener is
 * caught, counted ({@link TransportCounters#listenerFailures()}) and never reaches the event loop.
 *
 * <p>Ownership: the {@link ByteBuf} passed in is owned by the transport and valid only during the
 * call; the transport releases it after the call returns. A listener that keeps the bytes must
 * {@code retain()} (and later release) or copy them. The buffer's readable bytes are exactly one
 * message; the listener must not change its reference count without a matching release.
 */
public interface FrameListener {

    /**
     * One complete SIP message: a UDP datagram, a Content-Length framed message from a TCP/TLS
     * stream (start line, headers and body), or one WebSocket text/binary message.
     */
    void onFrame(Flow flow, ByteBuf frame);

    /**
     * A message larger than the configured limit arrived. {@code head} holds its first bytes (the
     * header section or up to the limit) so the caller may parse enough to answer 513 Message Too
     * Large (RFC 3261 §21.5.14) through {@code flow}. For streams the connection is closed right
     * after this call returns and any answer sent during the call has been flushed; for UDP the
     * datagram is dropped. {@code head} may be empty (WebSocket: the frame decoder refuses the
     * frame before its payload is read). Default: ignore (the event is counted anyway).
     */
    default void onOversize(Flow flow, ByteBuf head) {
    }
}
