package io.sbc.signaling.transport;

/** Whether a TLS listener asks for a client certificate (mutual TLS), per listen point. */
public enum ClientAuthMode {
    /** No certificate is requested. */
    NONE,
    /** A certificate is requested; a client without one is still accepted, a bad one is refused. */
    OPTIONAL,
    /** A certificate that chains to the configured CA is required; others fail the handshake. */
    REQUIRED
}
