package io.sbc.signaling.b2bua;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.transaction.ServerTransaction;

/**
 * A request received on one side and sent on the other inside a call (the application data of
 * the client transaction): its responses go back through {@link #serverTx}. For the initial
 * INVITE the call itself is the application data instead.
 */
record Relay(Call call, Fork fork, Side from, ServerTransaction serverTx, SipRequest received) {
}
