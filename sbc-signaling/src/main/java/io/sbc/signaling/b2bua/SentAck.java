package io.sbc.signaling.b2bua;

import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.Via;

/**
 * An ACK the SBC sent for a 2xx, kept to answer that 2xx's retransmissions (RFC 3261 §13.2.2.4:
 * the UAC core generates an ACK for each 2xx the transaction layer passes up). Only what differs
 * from the dialog's own ACK is kept (the CSeq number and a body, present when the ACK answers a
 * late offer), not the message: it is rebuilt from the dialog for each retransmission, with a new
 * branch (the ACK of a 2xx is a transaction of its own, RFC 3261 §17.1.1.3).
 *
 * @param cseq        CSeq number of the INVITE the 2xx answered
 * @param contentType Content-Type of the body, null when none
 * @param body        the ACK's body (an SDP answer), null when none
 */
record SentAck(long cseq, String contentType, byte[] body) {

    static SentAck of(SipRequest ack) {
        return ack.bodySize() > 0 ? new SentAck(ack.cseqNumber(), ack.contentType(), ack.body())
                : new SentAck(ack.cseqNumber(), null, null);
    }

    /** The ACK again, built by {@code dialog} (its current target and route set) with {@code via}. */
    SipRequest rebuild(Dialog dialog, Via via) {
        SipRequest ack = dialog.createAck(cseq, via);
        if (body != null) {
            ack.setBody(contentType, body);
        }
        return ack;
    }
}
