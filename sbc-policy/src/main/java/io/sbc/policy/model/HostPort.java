package io.sbc.policy.model;

/** A host (IP literal or name) and port, e.g. the admin endpoint {@code 127.0.0.1:8080}. */
public record HostPort(String host, int port) {
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
