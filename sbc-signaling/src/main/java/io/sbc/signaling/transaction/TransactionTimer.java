package io.sbc.signaling.transaction;

/**
 * The transaction timers by their RFC names (RFC 3261 Table 4 as extended by RFC 6026 with L and M). Reported to the
 * {@link TransactionUser} with a timeout so the TU (and the metrics label) knows which one fired.
 */
public enum TransactionTimer {
    /** INVITE request retransmit interval (UDP only). */
    A,
    /** INVITE client transaction timeout. */
    B,
    /** Proxy INVITE transaction timeout (not used by the four machines). */
    C,
    /** Wait time for response retransmits (INVITE client). */
    D,
    /** Non-INVITE request retransmit interval (UDP only). */
    E,
    /** Non-INVITE client transaction timeout. */
    F,
    /** INVITE response retransmit interval (UDP only). */
    G,
    /** Wait time for ACK receipt (INVITE server). */
    H,
    /** Wait time for ACK retransmits (INVITE server). */
    I,
    /** Wait time for non-INVITE request retransmits (non-INVITE server). */
    J,
    /** Wait time for response retransmits (non-INVITE client). */
    K,
    /** Wait time for INVITE retransmits in Accepted (INVITE server, RFC 6026). */
    L,
    /** Wait time for 2xx retransmits in Accepted (INVITE client, RFC 6026). */
    M
}
