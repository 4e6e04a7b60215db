package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;

/**
 * The server side of a transaction (RFC 3261 §17.2): receives the request, absorbs its retransmissions,
 * sends the TU's responses and, over UDP, retransmits them as the RFC says. Created by the
 * {@link TransactionLayer} for each new request. Owned by the layer's event loop.
 */
public abstract sealed class ServerTransaction extends Transaction
        permits InviteServerTransaction, NonInviteServerTransaction {

    /**
     * The most recent response sent: re-sent when the request is retransmitted (RFC 3261 §17.2.1,
     * §17.2.2). Null in the states that never re-send it (an INVITE's Accepted and Confirmed).
     */
    SipResponse lastResponse;
    /** Status code of the most recent response sent, 0 before any (kept when the response is dropped). */
    int lastStatusCode;

    /** To tag of the request, for the RFC 2543 matching rules (§17.2.3) once the request is dropped. */
    final String requestToTag;

    ServerTransaction(TransactionLayer layer, SipRequest request, Destination source, TransactionState initial) {
        super(layer, request, source, initial);
        this.requestToTag = request.toTag();
    }

    /**
     * Sends a response from the TU. Returns false, sends nothing and counts it when the state does not
     * accept it (a second final response, anything after TERMINATED, a 1xx after a final, a non-2xx in
     * ACCEPTED); this is a TU race (e.g. a late answer after the transaction ended), not an exception.
     */
    public abstract boolean sendResponse(SipResponse response);

    /**
     * The most recent response sent by this transaction, or null: none sent yet, or dropped because
     * the state never re-sends it (INVITE: Accepted, Confirmed; any: Terminated). Use
     * {@link #lastStatusCode()} to ask whether a final response was sent.
     */
    public final SipResponse lastResponse() {
        return lastResponse;
    }

    /** Status code of the most recent response sent, 0 when none was sent. */
    public final int lastStatusCode() {
        return lastStatusCode;
    }

    /** Notes {@code response} as the most recent one sent, kept for retransmission when {@code keep}. */
    final void sent(SipResponse response, boolean keep) {
        lastStatusCode = response.statusCode();
        lastResponse = keep ? response : null;
        if (keep && lastStatusCode >= 200) {
            response.trimToSize(); // kept for Timer H or J (32 s over UDP) in Completed
        }
    }

    @Override
    void releaseMessages() {
        lastResponse = null;
    }

    /** A retransmission of the request that created the transaction. */
    abstract void receiveRetransmission(SipRequest retransmission);

    final boolean rejectByState() {
        layer.counters.responsesRejectedByState++;
        return false;
    }
}
