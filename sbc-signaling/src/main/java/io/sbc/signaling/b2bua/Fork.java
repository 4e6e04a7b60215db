package io.sbc.signaling.b2bua;

import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.transaction.TimerHandle;

/**
 * One dialog pair of a call: the callee's dialog (B, one per To tag a forking carrier sends) and
 * the caller's dialog it is mapped to (A, with a To tag of the SBC's own per fork), so that early
 * dialogs from different branches reach the PBX as different early dialogs (RFC 3261 §12.1.2).
 */
final class Fork {
    final Dialog a;
    final Dialog b;
    /**
     * The last ACK sent on B (A) for a 2xx, sent again when that side retransmits the 2xx (RFC 3261
     * §13.2.2.4); null once its INVITE transaction can no longer pass one up ({@link #forgetAck}).
     */
    SentAck ackB;
    SentAck ackA;
    /** Drops the kept ACK after 64*T1; cancelled when the call ends (the timer must not keep the fork alive). */
    TimerHandle ackTimer;

    Fork(Dialog a, Dialog b) {
        this.a = a;
        this.b = b;
    }

    /** Drops {@code ack} if it is still the one kept (a later re-INVITE's ACK replaces it and stays). */
    void forgetAck(SentAck ack) {
        if (ackB == ack) {
            ackB = null;
        }
        if (ackA == ack) {
            ackA = null;
        }
    }

    /** The call ended: its late 2xx are the INVITE transaction's EndedInvite's, no ACK is kept. */
    void ended() {
        if (ackTimer != null) {
            ackTimer.cancel();
            ackTimer = null;
        }
        ackA = null;
        ackB = null;
    }

    Dialog dialog(Side side) {
        return side == Side.A ? a : b;
    }
}
