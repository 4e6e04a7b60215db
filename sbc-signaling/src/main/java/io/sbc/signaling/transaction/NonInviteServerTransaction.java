package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;

/**
 * Non-INVITE server transaction, RFC 3261 §17.2.2 (figure 8):
 *
 * <pre>
 * TRYING            --1xx from TU-->     PROCEEDING
 * TRYING/PROCEEDING --200-699 from TU--> COMPLETED   (Timer J: 64*T1 over UDP, 0 on reliable)
 * COMPLETED         --Timer J-->         TERMINATED
 * </pre>
 *
 * A retransmitted request is discarded in TRYING and answered with the last response in PROCEEDING and
 * COMPLETED. Responses are never retransmitted on a timer: the client's Timer E does that work.
 * CANCEL requests use this machine too (RFC 3261 §9.2).
 *
 * <p>Owned by the event loop of its {@link TransactionLayer}.
 */
public final class NonInviteServerTransaction extends ServerTransaction {

    private final Runnable timerJ = this::terminate;

    NonInviteServerTransaction(TransactionLayer layer, SipRequest request, Destination source) {
        super(layer, request, source, TransactionState.TRYING);
    }

    @Override
    public boolean sendResponse(SipResponse response) {
        assert layer.inOwnerThread() : "transaction used off its event loop";
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return rejectByState();
        }
        sent(response, true);
        if (response.statusCode() < 200) {
            state = TransactionState.PROCEEDING;
            send(response);
            return true;
        }
        state = TransactionState.COMPLETED;
        // Completed re-sends only the response (§17.2.2): the request is no longer needed.
        releaseRequest();
        long timerJMillis = layer.timers.timerJMillis(reliable);
        if (timerJMillis > 0) {
            stateTimer = schedule(timerJMillis, timerJ);
        }
        send(response);
        if (timerJMillis == 0) {
            terminate();
        }
        return true;
    }

    @Override
    void receiveRetransmission(SipRequest retransmission) {
        layer.counters.retransmittedRequestsAbsorbed++;
        if (state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) {
            retransmit(lastResponse);
        }
    }
}
