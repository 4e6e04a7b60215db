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

    /**
     * Parses a policy listen entry such as {@code udp://127.0.0.20:5060}, {@code tls://[::1]:5061} or
     * {@code ws://0.0.0.0:8080} (design.md, {@code realms.*.listen}). The host must be an IP literal
     * (no DNS at start-up); the port is 0..65535, and defaults to 5060 (5061 for tls, 80 for ws, 443
     * for wss) when absent.
     *
     * @param tls required for tls:// and wss://, ignored otherwise
     * @throws IllegalArgumentException naming the entry and what is wrong with it
     */
    public static ListenPoint parse(String uri, String realm, TlsSettings tls) {
        int sep = uri.indexOf("://");
        if (sep < 0) {
            throw new IllegalArgumentException(uri + ": expected transport://address:port");
        }
        Transport transport;
        try {
            transport = Transport.valueOf(uri.substring(0, sep).toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(uri + ": transport must be udp, tcp, tls, ws or wss");
        }
        String rest = uri.substring(sep + 3);
        String host;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException(uri + ": unclosed [ in IPv6 address");
            }
            host = rest.substring(1, close);
            if (close + 1 < rest.length()) {
                if (rest.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException(uri + ": expected :port after ]");
                }
                port = rest.substring(close + 2);
            }
            if (host.indexOf(':') < 0) {
                throw new IllegalArgumentException(uri + ": not an IPv6 address: " + host);
            }
        } else {
            int colon = rest.indexOf(':');
            host = colon < 0 ? rest : rest.substring(0, colon);
            port = colon < 0 ? null : rest.substring(colon + 1);
            if (!isIpv4Literal(host)) {
                throw new IllegalArgumentException(uri + ": address must be an IPv4 literal or [IPv6]: " + host);
            }
        }
        int portNumber = switch (transport) {
            case TLS -> 5061;
            case WS -> 80;
            case WSS -> 443;
            default -> 5060;
        };
        if (port != null) {
            if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(port) > 65_535) {
                throw new IllegalArgumentException(uri + ": port must be 0..65535: " + port);
            }
            portNumber = Integer.parseInt(port);
        }
        java.net.InetAddress address;
        try {
            address = java.net.InetAddress.getByName(host); // a literal: no lookup happens
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(uri + ": bad IP address: " + host);
        }
        return new ListenPoint(transport, new InetSocketAddress(address, portNumber), realm,
                transport.isSecure() ? tls : null);
    }

    private static boolean isIpv4Literal(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
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

    /**
     * Written out instead of the record's generated method: listen points key the per-message
     * lookups (the transaction layer of an inbound message, the socket of an outbound one), and the
     * generated hashCode/equals go through method handles that JFR showed at about 8% of the
     * signaling thread's Java time under a calls-per-second load (bench/results/sip.md).
     * Same fields, same semantics.
     */
    @Override
    public int hashCode() {
        int h = transport.hashCode();
        h = 31 * h + address.getPort();
        h = 31 * h + address.getAddress().hashCode();
        h = 31 * h + realm.hashCode();
        return 31 * h + (tls == null ? 0 : tls.hashCode());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof ListenPoint p && transport == p.transport && address.getPort() == p.address.getPort()
                && address.getAddress().equals(p.address.getAddress()) && realm.equals(p.realm)
                && Objects.equals(tls, p.tls);
    }
}
