package io.sbc.signaling.core;

import io.sbc.signaling.message.Via;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a response goes (RFC 3261 §18.2.2 with RFC 3581 §4), decided from the top Via of the
 * response (a copy of the request's top Via after {@link #stampReceived} ran on it) and the address
 * the request came from.
 *
 * <p>Over a stream the response goes back over the connection the request arrived on; only when that
 * connection is gone does the transport open a new one, to the address computed here. Over UDP:
 * with {@code rport} the response goes to the source IP and port (that is what makes it cross a NAT);
 * else to {@code received} (the source IP) and the sent-by port, 5060 when absent. {@code maddr}
 * (multicast) is not supported: an SBC edge never answers to multicast groups, so it is ignored
 * rather than obeyed — an attacker could otherwise direct responses at any address.
 */
public final class ResponseRouting {
    private ResponseRouting() {}

    /**
     * RFC 3261 §18.2.1 and RFC 3581 §4: the top Via of a received request, with {@code received}
     * and {@code rport} filled in from the packet's source. Returns the same object when nothing
     * needs to change.
     */
    public static Via stampReceived(Via top, InetSocketAddress source) {
        String ip = source.getAddress().getHostAddress();
        if (!top.hasRport() && sameAddress(top.host(), source.getAddress())) {
            return top;
        }
        return top.withSource(ip, source.getPort());
    }

    /**
     * The address a response is sent to when no connection of the request's flow can be used (and
     * always over UDP).
     *
     * @param topVia the response's top Via (stamped on receipt)
     * @param source where the request came from
     */
    public static InetSocketAddress destination(Via topVia, InetSocketAddress source) {
        if (topVia == null) {
            return source;
        }
        int rport = topVia.rport();
        if (topVia.hasRport() && rport > 0) {
            return new InetSocketAddress(source.getAddress(), rport);
        }
        int port = topVia.port() > 0 ? topVia.port() : defaultPort(topVia.transport());
        // received is the source address by construction (stampReceived), so use the source's
        // InetAddress rather than resolving text: no DNS on the response path.
        return new InetSocketAddress(source.getAddress(), port);
    }

    static int defaultPort(String transport) {
        return "TLS".equalsIgnoreCase(transport) ? 5061 : 5060;
    }

    /** True when a Via host literal names the same address as {@code source} (IPv6 forms compared as numbers). */
    static boolean sameAddress(String viaHost, InetAddress source) {
        if (viaHost.equalsIgnoreCase(source.getHostAddress())) {
            return true;
        }
        if (viaHost.indexOf(':') >= 0 && source instanceof java.net.Inet6Address) {
            byte[] parsed = Ipv6Literal.parse(viaHost);
            return parsed != null && java.util.Arrays.equals(parsed, source.getAddress());
        }
        return false;
    }
}
