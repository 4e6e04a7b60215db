package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;

/**
 * The client side of a transaction (RFC 3261 §17.1): sends the request, retransmits it over UDP,
 * receives responses. Created by {@link TransactionLayer#sendRequest}. Owned by the layer's event loop.
 */
public abstract sealed class ClientTransaction extends Transaction
        permits InviteClientTransaction, NonInviteClientTransaction {

    ClientTransaction(TransactionLayer layer, SipRequest request, Destination destination, TransactionState initial) {
        super(layer, request, destination, initial);
    }

    /** Sends the request and starts the timers of the initial state. */
    abstract void start();

    /** A response that matched this transaction (RFC 3261 §17.1.3). */
    abstract void receiveResponse(SipResponse response);
}
