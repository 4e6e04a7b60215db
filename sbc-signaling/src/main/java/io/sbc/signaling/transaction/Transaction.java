package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;

/**
 * One SIP transaction (RFC 3261 §17): the request that created it and its state machine.
 *
 * <p>Owned by the event loop of its {@link TransactionLayer}: every method, timer and callback runs on
 * that thread (assert-checked on the public entry points). The TU reaches a transaction only through
 * the callbacks of {@link TransactionUser} and the result of {@link TransactionLayer#sendRequest}.
 */
public abstract sealed class Transaction permits ClientTransaction, ServerTransaction {

    final TransactionLayer layer;
    /**
     * The request that created the transaction, until the state no longer needs it: a transaction in
     * Completed, Accepted or Confirmed only re-sends what it already sent and matches on its table key
     * (RFC 3261 §17.1.1.2, §17.2.1, §17.2.2), so it drops the whole message ({@link #releaseRequest}).
     * At 1,000 calls per second the INVITE and BYE transactions of ended calls live 32 s more (Timers
     * J, L, M): keeping their messages and TU data is what the live heap is made of.
     */
    SipRequest request;
    /** The request's method, top-Via branch and CSeq number: kept for matching and the TU once the request is dropped. */
    private final String method;
    private final String branch;
    private final long cseqNumber;
    final Destination destination;
    final boolean reliable;
    final TransactionTransport.TransportErrorListener errorListener = this::transportError;
    TransactionState state;
    /** Timer A, E or G: the retransmission timer (never started on reliable transports). */
    TimerHandle retransmitTimer;
    /** Timer B, D, F, H, I, J, K, L or M: the timer that ends the current state. */
    TimerHandle stateTimer;
    /** The layer's table key(s), so removal needs no recomputation. */
    Object tableKey;
    Object mergeKey;
    /**
     * True for transactions the layer runs on its own (a merged request answered 482): the TU never saw
     * the request, so it hears nothing of the transaction's end either.
     */
    boolean hiddenFromTu;
    private Object applicationData;

    Transaction(TransactionLayer layer, SipRequest request, Destination destination, TransactionState initial) {
        this.layer = layer;
        this.request = request;
        this.method = request.method();
        this.branch = request.topVia() == null ? null : request.topVia().branch();
        this.cseqNumber = request.cseqNumber();
        this.destination = destination;
        this.reliable = destination.reliable();
        this.state = initial;
    }

    /**
     * The request that created the transaction (for a client transaction: as sent), or null once the
     * transaction has dropped it: after the final response (client: once the TU's
     * {@link TransactionUser#onResponse} for it returned; server: once it was sent). Read
     * {@link #method()}, {@link #branch()} and {@link #cseqNumber()} instead where they suffice.
     */
    public final SipRequest request() {
        return request;
    }

    /** Method of the request that created the transaction (kept after the request is dropped). */
    public final String method() {
        return method;
    }

    /** Branch of the request's top Via, null when it had none (kept after the request is dropped). */
    public final String branch() {
        return branch;
    }

    /** CSeq number of the request that created the transaction, -1 when malformed (kept after the request is dropped). */
    public final long cseqNumber() {
        return cseqNumber;
    }

    /** Drops the request: the state reached needs only the key fields kept above. */
    final void releaseRequest() {
        request = null;
    }

    /** Where this transaction sends: the next hop (client) or the flow the request came from (server). */
    public final Destination destination() {
        return destination;
    }

    public final TransactionState state() {
        return state;
    }

    public final boolean isTerminated() {
        return state == TransactionState.TERMINATED;
    }

    /** The TU's own object for this transaction (e.g. its call leg); null until set. */
    public final Object applicationData() {
        return applicationData;
    }

    public final void applicationData(Object data) {
        assert layer.inOwnerThread() : "transaction used off its event loop";
        this.applicationData = data;
    }

    /** Sends through the transport; callers send last, after every state change, because a synchronous failure re-enters {@link #transportError}. */
    final void send(SipMessage message) {
        layer.transport.send(message, destination, errorListener);
    }

    final void retransmit(SipMessage message) {
        layer.counters.retransmissionsSent++;
        send(message);
    }

    final TimerHandle schedule(long delayMillis, Runnable task) {
        return layer.scheduler.schedule(delayMillis, task);
    }

    final void cancelRetransmitTimer() {
        if (retransmitTimer != null) {
            retransmitTimer.cancel();
            retransmitTimer = null;
        }
    }

    final void cancelStateTimer() {
        if (stateTimer != null) {
            stateTimer.cancel();
            stateTimer = null;
        }
    }

    /** Starts the timer that ends the current state, or terminates at once when it is 0 (reliable transports, RFC 3261 §17). */
    final void startStateTimerOrTerminate(long delayMillis, Runnable task) {
        cancelStateTimer();
        if (delayMillis == 0) {
            terminate();
        } else {
            stateTimer = schedule(delayMillis, task);
        }
    }

    /** Reports a timeout to the TU, then terminates. */
    final void timeout(TransactionTimer timer) {
        layer.counters.timeouts++;
        if (!hiddenFromTu) {
            layer.user.onTimeout(this, timer);
        }
        terminate();
    }

    final void terminate() {
        if (state == TransactionState.TERMINATED) {
            return;
        }
        state = TransactionState.TERMINATED;
        cancelRetransmitTimer();
        cancelStateTimer();
        layer.remove(this);
        if (!hiddenFromTu) {
            layer.user.onTerminated(this);
        }
        // The TU may still hold this object (a call keeps its INVITE transactions for identity
        // checks), so a terminated transaction keeps nothing large: no message, no TU data.
        request = null;
        applicationData = null;
        tableKey = null;
        mergeKey = null;
        releaseMessages();
    }

    /** Drops the messages a subclass kept for retransmission (called once terminated). */
    void releaseMessages() {
    }

    private void transportError(String reason) {
        assert layer.inOwnerThread() : "transport error reported off the event loop";
        if (state == TransactionState.TERMINATED) {
            return;
        }
        layer.counters.transportErrors++;
        onTransportError(reason);
    }

    /** State-specific reaction to a send failure (RFC 3261 §17.1.4, §17.2.4); the default informs the TU and terminates. */
    void onTransportError(String reason) {
        if (!hiddenFromTu) {
            layer.user.onTransportError(this, reason);
        }
        terminate();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + method + " " + branch + " " + state + "]";
    }
}
