package io.sbc.signaling.b2bua;

import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.transaction.ServerTransaction;
import io.sbc.signaling.transaction.TimerHandle;

/**
 * A 2xx to an INVITE that the SBC (as UAS on one side) sent and retransmits until the ACK comes
 * (RFC 3261 §13.3.1.4: T1, doubling up to T2, for 64*T1). When the ACK arrives the ACK for the
 * peer's 2xx is sent on the other side ({@link #peerInviteSeq}).
 */
final class UasOk {
    final Side side;
    final ServerTransaction tx;
    final SipResponse ok;
    final long cseq;
    final Fork fork;
    /** CSeq of the INVITE on the other side whose 2xx this one relays. */
    final long peerInviteSeq;
    long intervalMillis;
    long elapsedMillis;
    TimerHandle timer;

    UasOk(Side side, ServerTransaction tx, SipResponse ok, long cseq, Fork fork, long peerInviteSeq) {
        this.side = side;
        this.tx = tx;
        this.ok = ok;
        this.cseq = cseq;
        this.fork = fork;
        this.peerInviteSeq = peerInviteSeq;
    }
}
