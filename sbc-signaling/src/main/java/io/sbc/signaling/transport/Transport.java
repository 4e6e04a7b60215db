package io.sbc.signaling.transport;

/**
 * SIP transports the SBC listens on and sends over (RFC 3261 §18, RFC 7118 for WS/WSS).
 */
public enum Transport {
    UDP(false, false, "UDP"),
    TCP(true, false, "TCP"),
    TLS(true, true, "TLS"),
    /** SIP over WebSocket (RFC 7118), Via transport token {@code WS}. */
    WS(true, false, "WS"),
    /** SIP over secure WebSocket (RFC 7118), Via transport token {@code WSS}. */
    WSS(true, true, "WSS");

    private final boolean stream;
    private final boolean secure;
    private final String viaToken;

    Transport(boolean stream, boolean secure, String viaToken) {
        this.stream = stream;
        this.secure = secure;
        this.viaToken = viaToken;
    }

    /** True for connection-oriented transports (everything but UDP). */
    public boolean isStream() {
        return stream;
    }

    /** True when the transport runs over TLS (TLS, WSS). */
    public boolean isSecure() {
        return secure;
    }

    /** True for WS and WSS, whose messages are WebSocket frames, not Content-Length framed. */
    public boolean isWebSocket() {
        return this == WS || this == WSS;
    }

    /** The transport token written in a Via header (RFC 3261 §20.42, RFC 7118 §5). */
    public String viaToken() {
        return viaToken;
    }
}
