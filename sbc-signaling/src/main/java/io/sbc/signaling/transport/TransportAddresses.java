package io.sbc.signaling.transport;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Formatting of socket addresses for logs and errors ({@code [::1]:5060}, {@code 127.0.0.1:5060}). */
final class TransportAddresses {
    private TransportAddresses() {}

    static String format(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        if (address.getAddress() instanceof Inet6Address) {
            int scope = host.indexOf('%');
            return "[" + (scope >= 0 ? host.substring(0, scope) : host) + "]:" + address.getPort();
        }
        return host + ":" + address.getPort();
    }
}
