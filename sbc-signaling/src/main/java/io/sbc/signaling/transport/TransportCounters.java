package io.sbc.signaling.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the transport layer, written from every event loop and read by the metrics exporter.
 * Each is monotonic; {@link #openConnections()} is the only gauge.
 */
public final class TransportCounters {
    final LongAdder accepted = new LongAdder();
    final LongAdder connected = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder closed = new LongAdder();
    final LongAdder idleClosed = new LongAdder();
    final LongAdder rejectedOverLimit = new LongAdder();
    final LongAdder rejectedBySource = new LongAdder();
    final LongAdder writeBacklogClosed = new LongAdder();
    final LongAdder unwritableClosed = new LongAdder();
    final LongAdder framesReceived = new LongAdder();
    final LongAdder keepAlivePings = new LongAdder();
    final LongAdder keepAlivePongs = new LongAdder();
    final LongAdder oversize = new LongAdder();
    final LongAdder[] framingErrors = new LongAdder[FramingError.values().length];
    final LongAdder sent = new LongAdder();
    /** Of {@link #sent}: UDP datagrams a worker loop wrote straight to an edge socket ({@link DatagramDirectSend}). */
    final LongAdder sentDirect = new LongAdder();
    final LongAdder sendFailures = new LongAdder();
    final LongAdder tlsHandshakeFailures = new LongAdder();
    final LongAdder tlsHandshakeTimeouts = new LongAdder();
    final LongAdder webSocketHandshakeRejected = new LongAdder();
    final LongAdder listenerFailures = new LongAdder();
    final LongAdder pipelineExceptions = new LongAdder();
    final LongAdder unexpectedMessages = new LongAdder();
    final LongAdder openConnections = new LongAdder();

    public TransportCounters() {
        for (int i = 0; i < framingErrors.length; i++) {
            framingErrors[i] = new LongAdder();
        }
    }

    void framingError(FramingError reason) {
        framingErrors[reason.ordinal()].increment();
    }

    /** Stream connections accepted from peers. */
    public long accepted() { return accepted.sum(); }
    /** Outbound stream connections established by the SBC. */
    public long connected() { return connected.sum(); }
    /** Outbound connects that failed (refused, timeout, unreachable). */
    public long connectFailures() { return connectFailures.sum(); }
    /** Stream connections closed, for any reason. */
    public long closed() { return closed.sum(); }
    /** Stream connections closed because they were idle for the configured time. */
    public long idleClosed() { return idleClosed.sum(); }
    /** Accepted connections closed at once because {@code maxConnections} was reached. */
    public long rejectedOverLimit() { return rejectedOverLimit.sum(); }
    /** Accepted connections closed at once because the {@link ConnectionAdmission} refused them (per source, or its total). */
    public long rejectedBySource() { return rejectedBySource.sum(); }
    /** Connections closed because a write would have queued more than {@code maxPendingWriteBytes} for the peer. */
    public long writeBacklogClosed() { return writeBacklogClosed.sum(); }
    /** Connections closed because they stayed unwritable (the peer read nothing) for {@code unwritableTimeout}. */
    public long unwritableClosed() { return unwritableClosed.sum(); }
    /** Complete messages handed to the {@link FrameListener}. */
    public long framesReceived() { return framesReceived.sum(); }
    /** CRLFCRLF keep-alive pings received (each answered with a CRLF pong). */
    public long keepAlivePings() { return keepAlivePings.sum(); }
    /** CRLF pongs (or stray CRLFs, or blank UDP datagrams) received and swallowed. */
    public long keepAlivePongs() { return keepAlivePongs.sum(); }
    /** Messages over {@code maxMessageBytes}. */
    public long oversize() { return oversize.sum(); }
    /** Stream framing errors for one reason. */
    public long framingErrors(FramingError reason) { return framingErrors[reason.ordinal()].sum(); }
    /** Stream framing errors, all reasons. */
    public long framingErrors() {
        long total = 0;
        for (LongAdder a : framingErrors) {
            total += a.sum();
        }
        return total;
    }
    /** Messages written to the network successfully. */
    public long sent() { return sent.sum(); }
    /** Sends that failed (no connection possible, write error, closed channel). */
    public long sendFailures() { return sendFailures.sum(); }
    /** TLS handshakes that failed (either side). */
    public long tlsHandshakeFailures() { return tlsHandshakeFailures.sum(); }
    /** TLS handshakes not completed within {@code tlsHandshakeTimeout} (also counted as failures). */
    public long tlsHandshakeTimeouts() { return tlsHandshakeTimeouts.sum(); }
    /** WebSocket upgrades refused (missing or wrong subprotocol, not an upgrade request). */
    public long webSocketHandshakeRejected() { return webSocketHandshakeRejected.sum(); }
    /** Exceptions thrown by the {@link FrameListener}, caught by the transport. */
    public long listenerFailures() { return listenerFailures.sum(); }
    /** Exceptions that reached the terminal handler of a pipeline (counted, channel closed if a stream). */
    public long pipelineExceptions() { return pipelineExceptions.sum(); }
    /** Messages that reached the terminal handler unconsumed (released and counted). */
    public long unexpectedMessages() { return unexpectedMessages.sum(); }
    /** Stream connections open now. */
    public long openConnections() { return openConnections.sum(); }

    @Override
    public String toString() {
        return "accepted=" + accepted() + " connected=" + connected() + " closed=" + closed() + " idleClosed="
                + idleClosed() + " frames=" + framesReceived() + " pings=" + keepAlivePings() + " oversize="
                + oversize() + " framingErrors=" + framingErrors() + " sent=" + sent() + " sendFailures="
                + sendFailures() + " tlsFailures=" + tlsHandshakeFailures() + " wsRejected="
                + webSocketHandshakeRejected() + " listenerFailures=" + listenerFailures() + " pipelineExceptions="
                + pipelineExceptions() + " open=" + openConnections();
    }
}
