package io.sbc.signaling.transport;

import java.net.InetSocketAddress;

/**
 * Decides whether an accepted stream connection (TCP, TLS, WS, WSS) may stay open, before it
 * carries a byte (issue #6 "Streams": connections per source address). The DoS gate's
 * {@code ConnectionLimiter} is the implementation; the transport only asks and closes.
 *
 * <p>Threading: called on the connection's event loop, once per accept and once per close of an
 * admitted connection; implementations are shared by every loop and must be thread-safe.
 */
public interface ConnectionAdmission {
    /** Admits every connection (the transport's own {@code maxConnections} still applies). */
    ConnectionAdmission ANY = new ConnectionAdmission() {
        @Override
        public boolean admit(ListenPoint listenPoint, InetSocketAddress remote) {
            return true;
        }

        @Override
        public void closed(ListenPoint listenPoint, InetSocketAddress remote) {
        }
    };

    /**
     * May {@code remote} keep a connection it opened to {@code listenPoint}? False closes it at once
     * (the implementation counts the refusal).
     */
    boolean admit(ListenPoint listenPoint, InetSocketAddress remote);

    /** A connection {@link #admit} accepted has closed; called exactly once for it. */
    void closed(ListenPoint listenPoint, InetSocketAddress remote);
}
