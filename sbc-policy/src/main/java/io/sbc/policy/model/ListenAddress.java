package io.sbc.policy.model;

/** One socket a realm listens on, e.g. {@code udp://127.0.0.20:5060} or {@code tls://[::1]:5061}. */
public record ListenAddress(Transport transport, String ip, int port) {
    public String uri() {
        return transport.scheme() + "://" + (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    @Override
    public String toString() {
        return uri();
    }
}
