package io.sbc.policy.model;

/** SIP transports a realm can listen on; default ports per RFC 3261 section 19.1.2 and RFC 7118. */
public enum Transport {
    UDP("udp", 5060), TCP("tcp", 5060), TLS("tls", 5061), WS("ws", 80), WSS("wss", 443);

    private final String scheme;
    private final int defaultPort;

    Transport(String scheme, int defaultPort) {
        this.scheme = scheme;
        this.defaultPort = defaultPort;
    }

    public String scheme() {
        return scheme;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean secure() {
        return this == TLS || this == WSS;
    }

    public boolean stream() {
        return this != UDP;
    }

    public static Transport ofScheme(String s) {
        for (Transport t : values()) {
            if (t.scheme.equals(s)) {
                return t;
            }
        }
        return null;
    }
}
