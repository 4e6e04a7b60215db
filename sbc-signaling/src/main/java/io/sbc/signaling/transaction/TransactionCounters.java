package io.sbc.signaling.transaction;

/**
 * Counters of one {@link TransactionLayer}. Written only by the layer's owner thread; a metrics scrape
 * should read them on that thread (via {@code eventLoop.execute}) or accept slightly stale values.
 * Suggested metric names are in each getter's Javadoc.
 */
public final class TransactionCounters {

    long clientTransactionsCreated;
    long serverTransactionsCreated;
    long clientTransactionsRefused;
    long serverTransactionsRefused;
    long retransmissionsSent;
    long retransmittedRequestsAbsorbed;
    long retransmittedResponsesAbsorbed;
    long trying100Sent;
    long loopDetected482;
    long timeouts;
    long transportErrors;
    long responsesDiscarded;
    long responsesRejectedByState;

    /** {@code sip.transaction.created{side=client}}. */
    public long clientTransactionsCreated() {
        return clientTransactionsCreated;
    }

    /** {@code sip.transaction.created{side=server}}. */
    public long serverTransactionsCreated() {
        return serverTransactionsCreated;
    }

    /** {@code sip.transaction.refused{side=client,reason=table_full}}. */
    public long clientTransactionsRefused() {
        return clientTransactionsRefused;
    }

    /** {@code sip.transaction.refused{side=server,reason=table_full}} (each answered 503 by the caller). */
    public long serverTransactionsRefused() {
        return serverTransactionsRefused;
    }

    /** {@code sip.transaction.retransmitted}: requests re-sent on Timers A/E and responses on Timer G or on request retransmission; ACKs re-sent in COMPLETED. */
    public long retransmissionsSent() {
        return retransmissionsSent;
    }

    /** {@code sip.transaction.absorbed{kind=request}}: retransmitted requests and ACKs absorbed by server transactions. */
    public long retransmittedRequestsAbsorbed() {
        return retransmittedRequestsAbsorbed;
    }

    /** {@code sip.transaction.absorbed{kind=response}}: retransmitted final responses absorbed by client transactions. */
    public long retransmittedResponsesAbsorbed() {
        return retransmittedResponsesAbsorbed;
    }

    /** {@code sip.transaction.trying_sent}: 100 Trying sent by INVITE server transactions. */
    public long trying100Sent() {
        return trying100Sent;
    }

    /** {@code sip.transaction.loop_detected}: merged requests answered 482 (RFC 3261 §8.2.2.2). */
    public long loopDetected482() {
        return loopDetected482;
    }

    /** {@code sip.transaction.timeout}: Timer B, F and H expiries. */
    public long timeouts() {
        return timeouts;
    }

    /** {@code sip.transaction.transport_error}. */
    public long transportErrors() {
        return transportErrors;
    }

    /** {@code sip.transaction.response_discarded{reason=no_transaction}}. */
    public long responsesDiscarded() {
        return responsesDiscarded;
    }

    /** {@code sip.transaction.response_rejected{reason=state}}: TU responses refused because of the transaction state. */
    public long responsesRejectedByState() {
        return responsesRejectedByState;
    }
}
