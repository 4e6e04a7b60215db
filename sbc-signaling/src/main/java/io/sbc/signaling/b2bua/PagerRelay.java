package io.sbc.signaling.b2bua;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.transaction.ServerTransaction;

/**
 * An out-of-dialog request relayed on its own (a MESSAGE in pager mode, RFC 3428): no call, no
 * dialog; the client transaction's responses are answered on the server transaction with a To
 * tag of the SBC's own.
 */
record PagerRelay(ServerTransaction serverTx, SipRequest received, String toTag) {
}
