package io.sbc.signaling.b2bua;

import io.sbc.signaling.dialog.Dialog;

/**
 * One dialog pair of a call: the callee's dialog (B, one per To tag a forking carrier sends) and
 * the caller's dialog it is mapped to (A, with a To tag of the SBC's own per fork), so that early
 * dialogs from different branches reach the PBX as different early dialogs (RFC 3261 §12.1.2).
 */
final class Fork {
    final Dialog a;
    final Dialog b;
    /** The last ACK sent on B for a 2xx, re-sent when B retransmits that 2xx (RFC 3261 §13.2.2.4). */
    io.sbc.signaling.message.SipRequest lastAckB;
    io.sbc.signaling.message.SipRequest lastAckA;

    Fork(Dialog a, Dialog b) {
        this.a = a;
        this.b = b;
    }

    Dialog dialog(Side side) {
        return side == Side.A ? a : b;
    }
}
