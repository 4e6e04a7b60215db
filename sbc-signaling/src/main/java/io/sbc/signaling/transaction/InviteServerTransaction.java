package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;

/**
 * INVITE server transaction, RFC 3261 §17.2.1 as updated by RFC 6026 (which replaces RFC 3261 figure 7):
 *
 * <pre>
 * PROCEEDING --1xx from TU-->     PROCEEDING  (re-sent on each INVITE retransmission)
 * PROCEEDING --2xx from TU-->     ACCEPTED    (Timer L)
 * PROCEEDING --300-699 from TU--> COMPLETED   (Timer G over UDP, Timer H)
 * COMPLETED  --ACK-->             CONFIRMED   (Timer I)
 * COMPLETED  --Timer H-->         TERMINATED  (timeout to TU: the ACK never came)
 * CONFIRMED  --Timer I-->  TERMINATED;  ACCEPTED --Timer L--> TERMINATED
 * </pre>
 *
 * <p>Why ACCEPTED exists (RFC 6026 introduction): RFC 3261 ended the transaction on a 2xx, so a retransmitted
 * INVITE arriving afterwards looked like a new request and reached the TU again. In ACCEPTED the
 * transaction lives on for Timer L = 64*T1 and absorbs those retransmissions without answering (the TU
 * owns 2xx retransmission, RFC 3261 §13.3.1.4); 2xx retransmissions the TU hands down are sent, and an
 * ACK that matches goes up to the TU.
 *
 * <p>100 Trying (§17.2.1): with the configured delay at zero (the default, for a B2BUA) it is sent as soon
 * as the TU has seen the INVITE, or earlier when the TU asks for it through {@link #sendTryingNow()} (a
 * B2BUA that has admitted the INVITE and is about to route it); with a delay, after that delay. Never
 * when the TU answered first.
 *
 * <p>Owned by the event loop of its {@link TransactionLayer}.
 */
public final class InviteServerTransaction extends ServerTransaction {

    private final Runnable timerG = this::fireTimerG;
    private final Runnable timerH = this::fireTimerH;
    private final Runnable endOfState = this::terminate;
    private final Runnable trying = this::fireTrying;
    private TimerHandle tryingTimer;
    private long timerGIntervalMillis;
    /** To tag of the final response: an RFC 2543 ACK matches on it (RFC 3261 §17.2.3). */
    private String finalResponseToTag;

    InviteServerTransaction(TransactionLayer layer, SipRequest invite, Destination source) {
        super(layer, invite, source, TransactionState.PROCEEDING);
    }

    /** Called once the TU has seen the INVITE: arranges the 100 Trying unless the TU has already answered. */
    void start() {
        if (state != TransactionState.PROCEEDING || lastStatusCode != 0) {
            return;
        }
        long delay = layer.config.tryingDelay().toMillis();
        if (delay == 0) {
            sendTrying();
        } else {
            tryingTimer = schedule(delay, trying);
        }
    }

    /**
     * Sends the 100 Trying now, if the configured delay is zero and nothing has been answered yet.
     * RFC 3261 §17.2.1 lets the transaction send it at once; a TU calls this once it has decided to
     * take the INVITE on (past overload and authentication checks, which answer with a final response
     * and need no 100) and before its routing and forwarding work, so the 100 does not wait for that
     * work (issue #5: INVITE to 100 Trying latency). Idempotent; {@code start()} then sends nothing.
     */
    public void sendTryingNow() {
        assert layer.inOwnerThread() : "transaction used off its event loop";
        if (state == TransactionState.PROCEEDING && lastStatusCode == 0 && layer.config.tryingDelay().isZero()) {
            sendTrying();
        }
    }

    private void fireTrying() {
        tryingTimer = null;
        if (state == TransactionState.PROCEEDING && lastStatusCode == 0) {
            sendTrying();
        }
    }

    private void sendTrying() {
        // A 100 already sent when the INVITE was received (the UDP edge) is taken as this transaction's
        // provisional response, re-sent on INVITE retransmissions like one it sent itself.
        SipResponse early = request.sentTrying();
        SipResponse trying100 = early != null ? early : trying(request);
        sent(trying100, true);
        layer.counters.trying100Sent++;
        if (early == null) {
            send(trying100);
        }
    }

    /**
     * The 100 (Trying) for {@code invite}: its Via (as stamped on receipt), From, To without a tag,
     * Call-ID and CSeq, and its Timestamp (RFC 3261 §8.2.6.1).
     */
    public static SipResponse trying(SipRequest invite) {
        SipResponse trying100 = SipResponses.create(invite, 100, "Trying", null);
        String timestamp = invite.header("Timestamp");
        if (timestamp != null) {
            trying100.addHeader("Timestamp", timestamp);
        }
        return trying100;
    }

    @Override
    public boolean sendResponse(SipResponse response) {
        assert layer.inOwnerThread() : "transaction used off its event loop";
        int code = response.statusCode();
        switch (state) {
            case PROCEEDING -> {
                cancelTrying();
                if (code < 200) {
                    sent(response, true);
                    send(response);
                } else if (code < 300) {
                    // Accepted never re-sends the 2xx (the TU does, RFC 3261 §13.3.1.4) nor needs the
                    // INVITE: both are dropped, only the table key and the status code stay.
                    sent(response, false);
                    releaseRequest();
                    state = TransactionState.ACCEPTED;
                    startStateTimerOrTerminate(layer.timers.timerLMillis(), endOfState);
                    send(response);
                } else {
                    sent(response, true);
                    releaseRequest();
                    state = TransactionState.COMPLETED;
                    finalResponseToTag = response.toTag();
                    if (!reliable) {
                        timerGIntervalMillis = layer.timers.timerGMillis();
                        retransmitTimer = schedule(timerGIntervalMillis, timerG);
                    }
                    stateTimer = schedule(layer.timers.timerHMillis(), timerH);
                    send(response);
                }
                return true;
            }
            case ACCEPTED -> {
                // RFC 3261 §17.2.1 as updated by RFC 6026: 2xx (retransmissions, or another 2xx) from the TU pass to the transport.
                if (code >= 200 && code < 300) {
                    sent(response, false);
                    send(response);
                    return true;
                }
                return rejectByState();
            }
            default -> {
                return rejectByState();
            }
        }
    }

    @Override
    void receiveRetransmission(SipRequest retransmission) {
        layer.counters.retransmittedRequestsAbsorbed++;
        // PROCEEDING: re-send the most recent provisional; COMPLETED: the final (§17.2.1).
        // ACCEPTED (RFC 3261 §17.2.1 as updated by RFC 6026) and CONFIRMED: absorb silently.
        if ((state == TransactionState.PROCEEDING || state == TransactionState.COMPLETED) && lastResponse != null) {
            retransmit(lastResponse);
        }
    }

    /** An ACK matched this transaction (§17.2.3: same branch, or RFC 2543 rules with the final's To tag). */
    InboundResult receiveAck(SipRequest ack, Destination source) {
        switch (state) {
            case COMPLETED -> {
                state = TransactionState.CONFIRMED;
                lastResponse = null; // Confirmed absorbs retransmissions without answering (§17.2.1)
                cancelRetransmitTimer();
                cancelStateTimer();
                startStateTimerOrTerminate(layer.timers.timerIMillis(reliable), endOfState);
                return InboundResult.ACK_ABSORBED;
            }
            case ACCEPTED -> {
                // RFC 3261 §17.2.1 as updated by RFC 6026: an ACK received in Accepted is passed up to the TU.
                layer.user.onAck(ack, source);
                return InboundResult.ACK_TO_TU;
            }
            default -> {
                // CONFIRMED: ACK retransmissions are absorbed (§17.2.1). PROCEEDING: an ACK before any
                // final response acknowledges nothing; drop it.
                layer.counters.retransmittedRequestsAbsorbed++;
                return InboundResult.ACK_ABSORBED;
            }
        }
    }

    private void fireTimerG() {
        if (state != TransactionState.COMPLETED) {
            return;
        }
        // §17.2.1: "reset with a value that is min(2*T1, T2)"; doubling each time, capped at T2.
        timerGIntervalMillis = Math.min(2 * timerGIntervalMillis, layer.timers.t2Millis());
        retransmitTimer = schedule(timerGIntervalMillis, timerG);
        retransmit(lastResponse);
    }

    private void fireTimerH() {
        if (state == TransactionState.COMPLETED) {
            timeout(TransactionTimer.H);
        }
    }

    private void cancelTrying() {
        if (tryingTimer != null) {
            tryingTimer.cancel();
            tryingTimer = null;
        }
    }

    @Override
    void onTransportError(String reason) {
        if (state == TransactionState.ACCEPTED) {
            // The TU owns 2xx delivery (RFC 3261 §17.2.1 as updated by RFC 6026): tell it, keep absorbing INVITE retransmissions.
            layer.user.onTransportError(this, reason);
            return;
        }
        cancelTrying();
        super.onTransportError(reason);
    }

    /** To tag of the final non-2xx response, or null. */
    String finalResponseToTag() {
        return finalResponseToTag;
    }
}
