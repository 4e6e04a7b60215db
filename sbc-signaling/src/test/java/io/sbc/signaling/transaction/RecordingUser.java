package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** The TU seam of the transaction tests: records every callback as a short event string plus the objects. */
final class RecordingUser implements TransactionUser {

    final List<String> events = new ArrayList<>();
    final List<SipResponse> responses = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<ServerTransaction> serverTransactions = new ArrayList<>();
    /** The request of each server transaction (a transaction drops its own once answered). */
    final java.util.Map<ServerTransaction, SipRequest> requestOf = new java.util.IdentityHashMap<>();
    InviteServerTransaction lastCancelTarget;
    NonInviteServerTransaction lastCancelTransaction;
    BiConsumer<ServerTransaction, SipRequest> onRequestAction = (tx, r) -> { };
    BiConsumer<ClientTransaction, SipResponse> onResponseAction = (tx, r) -> { };

    @Override
    public void onRequest(ServerTransaction transaction, SipRequest request) {
        events.add("request " + request.method());
        serverTransactions.add(transaction);
        requestOf.put(transaction, request);
        onRequestAction.accept(transaction, request);
    }

    @Override
    public void onCancel(NonInviteServerTransaction cancelTransaction, SipRequest cancel, InviteServerTransaction target) {
        events.add("cancel " + (target == null ? "no-target" : "target"));
        lastCancelTransaction = cancelTransaction;
        lastCancelTarget = target;
    }

    @Override
    public void onAck(SipRequest ack, Destination source) {
        events.add("ack");
        acks.add(ack);
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        events.add("response " + response.statusCode());
        responses.add(response);
        onResponseAction.accept(transaction, response);
    }

    @Override
    public void onTimeout(Transaction transaction, TransactionTimer timer) {
        events.add("timeout " + timer);
    }

    @Override
    public void onTransportError(Transaction transaction, String reason) {
        events.add("transport-error");
    }

    @Override
    public void onTerminated(Transaction transaction) {
        events.add("terminated");
    }
}
