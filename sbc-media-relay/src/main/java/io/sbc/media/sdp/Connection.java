package io.sbc.media.sdp;

/**
 * The {@code c=} line fields (RFC 8866 §5.7). {@code address} is the connection address without a
 * multicast TTL/count suffix; {@code suffix} keeps that suffix (e.g. {@code "/127"}) or is empty.
 */
public record Connection(String netType, String addrType, String address, String suffix) {

    /** RFC 3264 §8.4 (and RFC 2543) hold: a c= address of 0.0.0.0 (or :: for IPv6). */
    public boolean isZeroAddress() {
        return "0.0.0.0".equals(address) || "::".equals(address);
    }

    public String format() {
        return "c=" + netType + ' ' + addrType + ' ' + address + suffix;
    }
}
