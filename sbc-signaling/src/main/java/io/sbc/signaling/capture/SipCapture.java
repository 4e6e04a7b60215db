package io.sbc.signaling.capture;

import java.net.InetSocketAddress;

/**
 * Receives a copy of every SIP message the SBC receives or sends (for HEP capture to Homer and the
 * per-call trace of the admin API). Called on the event loop that handled the message: an
 * implementation copies what it needs and returns at once; it never blocks and never throws.
 */
public interface SipCapture {

    /** A capture that does nothing (the default when neither HEP nor tracing is on). */
    SipCapture NONE = (inbound, transport, source, destination, bytes, off, len, callId, timeMicros) -> { };

    /**
     * @param inbound     true for a received message, false for a sent one
     * @param transport   "UDP", "TCP", "TLS", "WS" or "WSS"
     * @param source      where the message came from
     * @param destination where it went
     * @param bytes       the message bytes (valid only during the call)
     * @param callId      the message's Call-ID, or null when it did not parse
     * @param timeMicros  wall-clock time of the capture, microseconds since the epoch
     */
    void capture(boolean inbound, String transport, InetSocketAddress source, InetSocketAddress destination,
            byte[] bytes, int off, int len, String callId, long timeMicros);

    /** Both captures, in order. */
    static SipCapture both(SipCapture a, SipCapture b) {
        if (a == NONE) {
            return b;
        }
        if (b == NONE) {
            return a;
        }
        return (in, t, s, d, bytes, off, len, id, time) -> {
            a.capture(in, t, s, d, bytes, off, len, id, time);
            b.capture(in, t, s, d, bytes, off, len, id, time);
        };
    }

    /** Microseconds since the epoch, from the wall clock. */
    static long nowMicros() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
