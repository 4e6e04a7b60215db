package io.sbc.signaling.b2bua;

import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.message.SipRequest;

/**
 * An ACK the SBC sent for a 2xx, kept to answer that 2xx's retransmissions (RFC 3261 §13.2.2.4:
 * the UAC core generates an ACK for each 2xx the transaction layer passes up). Only what differs
 * from the dialog's own ACK is kept (the CSeq number and a body, present when the ACK answers a
 * late offer) and its Via branch, not the message: it is rebuilt from the dialog for each retransmission.
 * The rebuilt ACK keeps the first one's Via (branch included) so it is a retransmission of that ACK,
 * not a new request: a UAS that absorbs retransmitted requests by comparing them (SIPp does) must
 * not see a second ACK where its dialog expects the next request. RFC 3261 §13.2.2.4 asks for an ACK
 * per 2xx, not for a new transaction per ACK.
 *
 * @param cseq        CSeq number of the INVITE the 2xx answered
 * @param branch      the branch of the Via the first ACK was sent with
 * @param contentType Content-Type of the body, null when none
 * @param body        the ACK's body (an SDP answer), null when none
 */
record SentAck(long cseq, String branch, String contentType, byte[] body) {

    static SentAck of(SipRequest ack) {
        return ack.bodySize() > 0 ? new SentAck(ack.cseqNumber(), ack.topVia().branch(), ack.contentType(), ack.body())
                : new SentAck(ack.cseqNumber(), ack.topVia().branch(), null, null);
    }

    /**
     * The ACK again, built by {@code dialog} (its current target and route set) with a Via of
     * {@code endpoint} carrying the first ACK's branch.
     */
    SipRequest rebuild(Dialog dialog, SipEndpoint endpoint) {
        SipRequest ack = dialog.createAck(cseq, endpoint.newVia(branch));
        if (body != null) {
            ack.setBody(contentType, body);
        }
        return ack;
    }
}
