package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;

/**
 * Non-INVITE client transaction, RFC 3261 §17.1.2 (figure 6):
 *
 * <pre>
 * TRYING     --1xx-->            PROCEEDING
 * TRYING/PROCEEDING --200-699--> COMPLETED   (Timer K)
 * TRYING/PROCEEDING --Timer F--> TERMINATED  (timeout to TU)
 * COMPLETED  --Timer K-->        TERMINATED
 * </pre>
 *
 * Timer E (UDP only) retransmits at T1, 2*T1, ... capped at T2 in TRYING, and every T2 in PROCEEDING
 * (§17.1.2.2), so with the defaults: 0.5 s, 1 s, 2 s, 4 s, 4 s, ... until Timer F = 64*T1.
 *
 * <p>Owned by the event loop of its {@link TransactionLayer}.
 */
public final class NonInviteClientTransaction extends ClientTransaction {

    private final Runnable timerE = this::fireTimerE;
    private final Runnable timerF = this::fireTimerF;
    private final Runnable timerK = this::terminate;
    private long timerEIntervalMillis;

    NonInviteClientTransaction(TransactionLayer layer, SipRequest request, Destination destination) {
        super(layer, request, destination, TransactionState.TRYING);
    }

    @Override
    void start() {
        TransactionTimers timers = layer.timers;
        if (!reliable) {
            timerEIntervalMillis = timers.timerEMillis();
            retransmitTimer = schedule(timerEIntervalMillis, timerE);
        }
        stateTimer = schedule(timers.timerFMillis(), timerF);
        send(request);
    }

    private void fireTimerE() {
        if (state == TransactionState.TRYING) {
            timerEIntervalMillis = Math.min(2 * timerEIntervalMillis, layer.timers.t2Millis());
        } else if (state == TransactionState.PROCEEDING) {
            // §17.1.2.2: in Proceeding the request is re-sent every T2.
            timerEIntervalMillis = layer.timers.t2Millis();
        } else {
            return;
        }
        retransmitTimer = schedule(timerEIntervalMillis, timerE);
        retransmit(request);
    }

    private void fireTimerF() {
        if (state == TransactionState.TRYING || state == TransactionState.PROCEEDING) {
            timeout(TransactionTimer.F);
        }
    }

    @Override
    void receiveResponse(SipResponse response) {
        int code = response.statusCode();
        switch (state) {
            case TRYING, PROCEEDING -> {
                if (code < 200) {
                    state = TransactionState.PROCEEDING;
                    layer.user.onResponse(this, response);
                } else {
                    state = TransactionState.COMPLETED;
                    cancelRetransmitTimer();
                    cancelStateTimer();
                    layer.user.onResponse(this, response);
                    // Completed absorbs retransmitted responses and sends nothing (§17.1.2.2).
                    releaseRequest();
                    if (state == TransactionState.COMPLETED) {
                        startStateTimerOrTerminate(layer.timers.timerKMillis(reliable), timerK);
                    }
                }
            }
            case COMPLETED -> layer.counters.retransmittedResponsesAbsorbed++;
            default -> {
                // TERMINATED: unreachable, a terminated transaction is no longer in the table.
            }
        }
    }
}
