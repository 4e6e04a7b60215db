package io.sbc.signaling.transport;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * Formatting of socket addresses for logs and errors: {@code 127.0.0.1:5060}, {@code [::1]:5060}
 * (IPv6 in the RFC 5952 canonical text form, which Java's own {@code getHostAddress} does not use).
 */
final class TransportAddresses {
    private TransportAddresses() {}

    static String format(InetSocketAddress address) {
        if (address == null) {
            return "-";
        }
        if (address.getAddress() instanceof Inet6Address v6) {
            return "[" + canonical(v6.getAddress()) + "]:" + address.getPort();
        }
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return host + ":" + address.getPort();
    }

    /** RFC 5952 §4: lower-case hex, no leading zeros, the longest run (2+) of zero groups as "::". */
    static String canonical(byte[] v6) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((v6[2 * i] & 0xff) << 8) | (v6[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLength - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }
}
