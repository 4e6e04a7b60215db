package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.util.List;

/**
 * INVITE client transaction, RFC 3261 §17.1.1 as updated by RFC 6026 (which replaces RFC 3261 figure 5):
 *
 * <pre>
 * CALLING    --1xx-->            PROCEEDING   (Timer A stops: a provisional proves the request arrived)
 * CALLING/PROCEEDING --2xx-->    ACCEPTED     (Timer M; every later 2xx goes to the TU, RFC 3261 §17.1.1.2 as updated by RFC 6026)
 * CALLING/PROCEEDING --300-699-> COMPLETED    (ACK sent here, §17.1.1.3; Timer D)
 * CALLING    --Timer B-->        TERMINATED   (timeout to TU)
 * COMPLETED  --Timer D-->  TERMINATED;  ACCEPTED --Timer M--> TERMINATED
 * </pre>
 *
 * Timer A (UDP only) retransmits the INVITE at T1, 2*T1, 4*T1, ... (no cap, §17.1.1.2) until Timer B.
 * The ACK for a 2xx is the TU's (RFC 3261 §13.2.2.4), sent outside any transaction.
 *
 * <p>Owned by the event loop of its {@link TransactionLayer}.
 */
public final class InviteClientTransaction extends ClientTransaction {

    private final Runnable timerA = this::fireTimerA;
    private final Runnable timerB = this::fireTimerB;
    private final Runnable endOfState = this::terminate;
    private long timerAIntervalMillis;
    /** The ACK for the non-2xx final response, kept to answer its retransmissions (§17.1.1.2). */
    private SipRequest ack;

    InviteClientTransaction(TransactionLayer layer, SipRequest invite, Destination destination) {
        super(layer, invite, destination, TransactionState.CALLING);
    }

    @Override
    void start() {
        TransactionTimers timers = layer.timers;
        if (!reliable) {
            timerAIntervalMillis = timers.timerAMillis();
            retransmitTimer = schedule(timerAIntervalMillis, timerA);
        }
        stateTimer = schedule(timers.timerBMillis(), timerB);
        send(request);
    }

    private void fireTimerA() {
        if (state != TransactionState.CALLING) {
            return;
        }
        // RFC 3261 §17.1.1.2: "reset the timer with a value of 2*T1 ... the timer is doubled on each
        // retransmission"; unlike Timer E there is no T2 cap for INVITE.
        timerAIntervalMillis *= 2;
        retransmitTimer = schedule(timerAIntervalMillis, timerA);
        retransmit(request);
    }

    private void fireTimerB() {
        if (state == TransactionState.CALLING) {
            timeout(TransactionTimer.B);
        }
    }

    @Override
    void receiveResponse(SipResponse response) {
        int code = response.statusCode();
        switch (state) {
            case CALLING, PROCEEDING -> {
                if (code < 200) {
                    if (state == TransactionState.CALLING) {
                        state = TransactionState.PROCEEDING;
                        // A provisional proves delivery: stop retransmitting. Timer B only applies in
                        // CALLING (§17.1.1.2); in PROCEEDING the TU ends the call with CANCEL.
                        cancelRetransmitTimer();
                        cancelStateTimer();
                    }
                    layer.user.onResponse(this, response);
                } else if (code < 300) {
                    state = TransactionState.ACCEPTED;
                    cancelRetransmitTimer();
                    startStateTimerOrTerminate(layer.timers.timerMMillis(), endOfState);
                    layer.user.onResponse(this, response);
                    // Accepted sends nothing (RFC 6026): the INVITE is not needed once the TU has seen the 2xx.
                    releaseRequest();
                } else {
                    state = TransactionState.COMPLETED;
                    cancelRetransmitTimer();
                    cancelStateTimer();
                    ack = createAck(request, response);
                    ack.trimToSize(); // kept until Timer D for retransmitted finals
                    layer.user.onResponse(this, response);
                    // Completed re-sends only the ACK (§17.1.1.2): the INVITE is not needed any more.
                    releaseRequest();
                    if (state != TransactionState.COMPLETED) {
                        return;
                    }
                    long timerD = layer.timers.timerDMillis(reliable);
                    if (timerD > 0) {
                        stateTimer = schedule(timerD, endOfState);
                    }
                    send(ack);
                    if (timerD == 0 && state == TransactionState.COMPLETED) {
                        terminate();
                    }
                }
            }
            case COMPLETED -> {
                // §17.1.1.2: a retransmitted final response gets the ACK again and is not passed up.
                layer.counters.retransmittedResponsesAbsorbed++;
                if (code >= 300) {
                    retransmit(ack);
                }
            }
            case ACCEPTED -> {
                // RFC 3261 §17.1.1.2 as updated by RFC 6026: 2xx retransmissions and 2xx from other forks go to the TU, which ACKs each.
                if (code >= 200 && code < 300) {
                    layer.user.onResponse(this, response);
                } else {
                    layer.counters.retransmittedResponsesAbsorbed++;
                }
            }
            default -> {
                // TERMINATED: unreachable, a terminated transaction is no longer in the table.
            }
        }
    }

    @Override
    void releaseMessages() {
        ack = null;
    }

    @Override
    void onTransportError(String reason) {
        // RFC 6026, updated figure 5: nothing is sent in ACCEPTED, so a late failure report changes nothing there.
        if (state == TransactionState.ACCEPTED) {
            return;
        }
        super.onTransportError(reason);
    }

    /**
     * Builds the CANCEL for this INVITE (RFC 3261 §9.1): same Request-URI, Call-ID, To, From and CSeq
     * number, CSeq method CANCEL, one Via equal to the INVITE's top Via (same branch, so the far end
     * matches it to the INVITE, §9.2), the INVITE's Route headers. The TU sends it with
     * {@link TransactionLayer#sendRequest} once this transaction is in PROCEEDING (§9.1: not before a
     * provisional has arrived) and not after a final response.
     *
     * @throws IllegalStateException after the final response (the INVITE is no longer kept): a TU bug
     */
    public SipRequest createCancel() {
        if (request == null) {
            throw new IllegalStateException("no CANCEL after the final response (RFC 3261 §9.1)");
        }
        SipRequest cancel = SipRequest.create("CANCEL", request.requestUri());
        cancel.addHeader("Via", request.topVia().toString());
        cancel.addHeader("Max-Forwards", maxForwardsOf(request));
        cancel.addHeader("From", request.header("From"));
        cancel.addHeader("To", request.header("To"));
        cancel.addHeader("Call-ID", request.callId());
        cancel.addHeader("CSeq", request.cseq().number() + " CANCEL");
        addRoutes(request, cancel);
        cancel.addHeader("Content-Length", "0");
        return cancel;
    }

    /**
     * RFC 3261 §17.1.1.3: the ACK for a non-2xx final response has the INVITE's Request-URI, Call-ID,
     * From and CSeq number (method ACK), the To of the response (it carries the UAS's tag), exactly one
     * Via equal to the INVITE's top Via, and the INVITE's Route headers.
     */
    static SipRequest createAck(SipRequest invite, SipResponse response) {
        SipRequest ack = SipRequest.create("ACK", invite.requestUri());
        ack.addHeader("Via", invite.topVia().toString());
        ack.addHeader("Max-Forwards", maxForwardsOf(invite));
        ack.addHeader("From", invite.header("From"));
        ack.addHeader("To", response.header("To"));
        ack.addHeader("Call-ID", invite.callId());
        ack.addHeader("CSeq", invite.cseq().number() + " ACK");
        addRoutes(invite, ack);
        ack.addHeader("Content-Length", "0");
        return ack;
    }

    /** The ACK this transaction sent for its non-2xx final response, or null before one arrived and once terminated. */
    public SipRequest ack() {
        return ack;
    }

    private static String maxForwardsOf(SipRequest request) {
        int maxForwards = request.maxForwards();
        // RFC 3261 §8.1.1.6: requests carry Max-Forwards; 70 is the recommended start value.
        return maxForwards >= 0 ? Integer.toString(maxForwards) : "70";
    }

    private static void addRoutes(SipRequest from, SipRequest to) {
        List<String> routes = from.headerValues("Route");
        for (int i = 0; i < routes.size(); i++) {
            to.addHeader("Route", routes.get(i));
        }
    }
}
