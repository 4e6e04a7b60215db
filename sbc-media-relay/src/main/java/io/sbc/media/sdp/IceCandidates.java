package io.sbc.media.sdp;

import java.util.List;

/**
 * ICE attributes the relay writes for itself (RFC 8839 §5.1, §5.4): credentials and host candidates
 * (each a full {@code a=candidate:} value), used for ng {@code ICE=force}.
 */
public record IceCandidates(String ufrag, String pwd, List<String> candidates) {
    public IceCandidates {
        candidates = List.copyOf(candidates);
    }

    /** RFC 8445 §5.1.2.1 priority of a host candidate: type preference 126, local preference 65535. */
    public static long hostPriority(int component) {
        return (126L << 24) + (65535L << 8) + (256 - component);
    }

    public static String hostCandidate(String foundation, int component, String address, int port) {
        return foundation + ' ' + component + " UDP " + hostPriority(component) + ' ' + address + ' ' + port + " typ host";
    }
}
