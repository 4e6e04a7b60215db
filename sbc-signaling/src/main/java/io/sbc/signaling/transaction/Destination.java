package io.sbc.signaling.transaction;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * Where a transaction sends: the transport, the remote address and, for connection-oriented
 * transports, the connection (flow) to use. For a server transaction it is the flow the request came
 * in on; the transport layer decides how responses follow it (RFC 3261 §18.2.2, RFC 3581).
 *
 * @param transport    transport name as in a Via: "UDP", "TCP", "TLS", "WS", "WSS", "SCTP" (uppercase)
 * @param remote       remote address and port
 * @param connectionId the transport's id of an existing connection, or {@link #NO_CONNECTION}
 */
public record Destination(String transport, InetSocketAddress remote, long connectionId) {

    /** No specific connection: the transport picks or opens one (or there is none, as with UDP). */
    public static final long NO_CONNECTION = 0;

    public Destination {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(remote, "remote");
    }

    public static Destination udp(InetSocketAddress remote) {
        return new Destination("UDP", remote, NO_CONNECTION);
    }

    public static Destination of(String transport, InetSocketAddress remote) {
        return new Destination(transport, remote, NO_CONNECTION);
    }

    /**
     * True for every transport except UDP: RFC 3261 §17.1.1.2/§17.1.2.2/§17.2.1 retransmit (Timers A,
     * E, G) only over unreliable transports, and Timers D, I, J, K are 0 over reliable ones.
     */
    public boolean reliable() {
        return !"UDP".equalsIgnoreCase(transport);
    }
}
