package io.sbc.signaling.transaction;

/** What the transaction layer did with one received message (for the caller's counters and replies). */
public enum InboundResult {
    /** A new request created a server transaction and went to {@link TransactionUser#onRequest}. */
    NEW_TRANSACTION,
    /** A new CANCEL created a server transaction and went to {@link TransactionUser#onCancel}. */
    NEW_CANCEL,
    /** A retransmitted request matched its server transaction and was absorbed (the last response, if any, re-sent). */
    RETRANSMISSION_ABSORBED,
    /** An ACK for a non-2xx final response was consumed by its INVITE server transaction (RFC 3261 §17.2.1). */
    ACK_ABSORBED,
    /** An ACK for a 2xx went to {@link TransactionUser#onAck}. */
    ACK_TO_TU,
    /** A merged request (RFC 3261 §8.2.2.2) was answered 482 Loop Detected by the layer; the TU never saw it. */
    LOOP_DETECTED_482,
    /** A CANCEL of a merged INVITE the layer had answered 482: answered 200 by the layer; the TU never saw either. */
    CANCEL_OF_MERGED_REQUEST_ANSWERED,
    /** The server transaction table is full: the caller answers 503 statelessly (never for ACK). */
    REFUSED_TABLE_FULL,
    /** A response matched a client transaction (delivered to the TU or absorbed as a retransmission). */
    RESPONSE_MATCHED,
    /**
     * The message lacks a field matching needs (top Via, CSeq, Call-ID; for a request also From): only
     * possible for a partially parsed message, which the codec never reports as ok. Dropped, not answered.
     */
    DROPPED_INCOMPLETE,
    /** A response matched no client transaction and was discarded (RFC 3261 §18.1.2 as updated by RFC 6026). */
    RESPONSE_DISCARDED
}
