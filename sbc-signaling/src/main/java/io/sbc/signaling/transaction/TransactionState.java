package io.sbc.signaling.transaction;

/**
 * Transaction states as named in RFC 3261 §17 figures 5 to 8 and RFC 6026 (ACCEPTED).
 *
 * <ul>
 *   <li>INVITE client: CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED</li>
 *   <li>non-INVITE client: TRYING, PROCEEDING, COMPLETED, TERMINATED</li>
 *   <li>INVITE server: PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED</li>
 *   <li>non-INVITE server: TRYING, PROCEEDING, COMPLETED, TERMINATED</li>
 * </ul>
 */
public enum TransactionState {
    CALLING,
    TRYING,
    PROCEEDING,
    COMPLETED,
    CONFIRMED,
    ACCEPTED,
    TERMINATED
}
