package io.sbc.signaling.b2bua;

import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.transaction.Destination;

/**
 * The application data of a call's B-side INVITE transaction once the call has ended, in place of
 * the call: a 2xx that still arrives (it crossed our CANCEL, RFC 3261 §9.1, or B retransmits it)
 * is ACKed and BYEd from this alone. The transaction lives up to 32 s more (Timer M); the call,
 * with its dialogs, forks and media state, is not kept that long for it.
 *
 * @param proto       the UAC dialog before any response (Call#bProto), forked for the 2xx's To tag
 * @param endpoint    where leg B's messages leave
 * @param destination leg B's next hop
 */
record EndedInvite(Dialog proto, SipEndpoint endpoint, Destination destination) {
}
