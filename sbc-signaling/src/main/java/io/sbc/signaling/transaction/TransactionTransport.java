package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipMessage;

/**
 * What the transaction layer needs from the transport layer below it: sending one message.
 *
 * <p>Implemented by the transport layer (lead). Called only on the transaction layer's owner thread.
 */
public interface TransactionTransport {

    /**
     * Encodes and sends {@code message} to {@code destination}. Must not block.
     *
     * <p>On failure (no route, connection refused or closed, write failed) the transport calls
     * {@code errorListener.transportError(reason)} exactly once, <b>on the transaction layer's owner
     * thread</b>: either before {@code send} returns (synchronous failure) or later (e.g. from a Netty
     * write future; hand over with {@code eventLoop.execute} if the channel lives on another loop).
     * On success it does not call the listener. The listener may be called after the transaction has
     * ended; the transaction then ignores it.
     */
    void send(SipMessage message, Destination destination, TransportErrorListener errorListener);

    /** Receives a send failure; {@code reason} is a short text for logs (no stack trace). */
    @FunctionalInterface
    interface TransportErrorListener {
        void transportError(String reason);
    }
}
