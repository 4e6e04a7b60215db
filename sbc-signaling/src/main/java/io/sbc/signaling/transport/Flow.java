package io.sbc.signaling.transport;

import java.net.InetSocketAddress;

/**
 * Where a message came from and how to answer it: the flow of RFC 5626 §3 (transport, local and
 * remote address, and for streams the connection). Immutable and cheap to keep; the upper layer
 * hands it back to {@link SipTransportManager#send(Flow, io.netty.buffer.ByteBuf)} to send responses
 * over the same connection (RFC 3261 §18.2.2).
 *
 * @param transport    transport the message arrived on
 * @param local        local address of the socket or connection
 * @param remote       the peer's address (source of the datagram or remote end of the connection)
 * @param connectionId unique per stream connection for the life of the manager (starting at 1);
 *                     0 for UDP
 * @param listenPoint  the listen point (and so the realm) the flow belongs to; for outbound
 *                     connections, the listen point the SBC connected from
 */
public record Flow(Transport transport, InetSocketAddress local, InetSocketAddress remote, long connectionId,
        ListenPoint listenPoint) {

    /** The realm name of this flow's listen point. */
    public String realm() {
        return listenPoint.realm();
    }

    @Override
    public String toString() {
        return transport + " " + TransportAddresses.format(remote) + "->" + TransportAddresses.format(local)
                + (connectionId != 0 ? " #" + connectionId : "");
    }
}
