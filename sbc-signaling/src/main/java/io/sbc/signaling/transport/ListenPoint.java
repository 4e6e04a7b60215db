package io.sbc.signaling.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One address the SBC listens on for one realm. A realm may have several (IPv4 and IPv6, several
 * ports, several transports). It also names the source of requests the SBC originates: outbound
 * TCP/TLS connections are bound to its IP address, UDP requests leave from its socket.
 *
 * @param transport UDP, TCP, TLS, WS or WSS
 * @param address   the local address and port (port 0 picks a free port; {@link
 *                  SipTransportManager#listening()} reports the one bound)
 * @param realm     the realm name this listen point belongs to (non-empty)
 * @param tls       required for TLS and WSS, must be null otherwise
 */
public record ListenPoint(Transport transport, InetSocketAddress address, String realm, TlsSettings tls) {

    public ListenPoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(realm, "realm");
        if (realm.isEmpty()) {
            throw new IllegalArgumentException("realm must not be empty");
        }
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("listen address must be an IP address: " + address);
        }
        if (transport.isSecure() != (tls != null)) {
            throw new IllegalArgumentException(transport + " listen point " + address
                    + (tls == null ? " needs TLS settings" : " must not have TLS settings"));
        }
    }

    /** A listen point without TLS (UDP, TCP, WS). */
    public static ListenPoint of(Transport transport, InetSocketAddress address, String realm) {
        return new ListenPoint(transport, address, realm, null);
    }

    /** The same listen point bound to {@code boundAddress} (used when port 0 was configured). */
    ListenPoint withAddress(InetSocketAddress boundAddress) {
        return new ListenPoint(transport, boundAddress, realm, tls);
    }

    @Override
    public String toString() {
        return transport.name().toLowerCase(java.util.Locale.ROOT) + "://" + TransportAddresses.format(address)
                + " (realm " + realm + ")";
    }
}
