package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transaction.TransactionKeys.ClientKey;
import io.sbc.signaling.transaction.TransactionKeys.MergeKey;
import io.sbc.signaling.transaction.TransactionKeys.Rfc2543Key;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The transaction layer of one event loop (RFC 3261 §17, RFC 6026): matches every received message to
 * its client or server transaction, creates server transactions for new requests, and creates client
 * transactions for the TU's requests.
 *
 * <p><b>Threading:</b> one layer per event loop; the loop's thread is its single owner. Every public
 * method, every timer and every {@link TransactionUser} callback runs on that thread (checked with
 * {@code assert} through {@link TimerScheduler#inOwnerThread()}). Messages received on another loop are
 * handed over with {@code eventLoop.execute}. No locks.
 *
 * <p><b>Bounds:</b> at most {@link TransactionConfig#maxClientTransactions()} client and
 * {@link TransactionConfig#maxServerTransactions()} server transactions; beyond that new ones are
 * refused and counted ({@link InboundResult#REFUSED_TABLE_FULL}, empty {@link #sendRequest} result).
 *
 * <p><b>Matching:</b> responses by branch + CSeq method (§17.1.3); requests by branch + sent-by + method
 * when the branch has the RFC 3261 magic cookie, else by the RFC 2543 rules (§17.2.3); an ACK matches
 * its INVITE; a CANCEL is its own transaction and is matched to the INVITE it cancels (§9.2).
 */
public final class TransactionLayer {

    final TransactionConfig config;
    final TransactionTimers timers;
    final TimerScheduler scheduler;
    final TransactionTransport transport;
    final TransactionUser user;
    final TransactionCounters counters = new TransactionCounters();

    private final Map<ClientKey, ClientTransaction> clients = new HashMap<>();
    /** Keyed by {@link TransactionKeys.ServerKey} or {@link Rfc2543Key}. */
    private final Map<Object, ServerTransaction> servers = new HashMap<>();
    /** Server transactions created by a request without To tag, for merged-request detection (§8.2.2.2). */
    private final Map<MergeKey, ServerTransaction> mergeIndex = new HashMap<>();

    public TransactionLayer(TransactionConfig config, TimerScheduler scheduler, TransactionTransport transport,
                            TransactionUser user) {
        this.config = Objects.requireNonNull(config, "config");
        this.timers = config.timers();
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.user = Objects.requireNonNull(user, "user");
    }

    /**
     * A request arrived from {@code source} (the flow responses go back on). Absorbs retransmissions,
     * consumes ACKs of non-2xx responses, answers merged requests 482, otherwise creates a server
     * transaction and hands the request to the TU. The request must have parsed (Via, From, To,
     * Call-ID, CSeq present).
     */
    public InboundResult receiveRequest(SipRequest request, Destination source) {
        assert inOwnerThread() : "transaction layer used off its event loop";
        if (request.topVia() == null || request.cseq() == null || request.callId() == null || request.from() == null) {
            return InboundResult.DROPPED_INCOMPLETE;
        }
        String method = request.method();
        if ("ACK".equals(method)) {
            return receiveAck(request, source);
        }
        ServerTransaction existing = findServer(request, method, false);
        if (existing != null) {
            existing.receiveRetransmission(request);
            return InboundResult.RETRANSMISSION_ABSORBED;
        }
        if (servers.size() >= config.maxServerTransactions()) {
            counters.serverTransactionsRefused++;
            return InboundResult.REFUSED_TABLE_FULL;
        }
        MergeKey mergeKey = null;
        if (request.toTag() == null) {
            mergeKey = TransactionKeys.mergeKey(request);
            ServerTransaction ongoing = mergeIndex.get(mergeKey);
            if (ongoing != null && !ongoing.isTerminated()) {
                answerMergedRequest(request, source, method);
                return InboundResult.LOOP_DETECTED_482;
            }
        }
        ServerTransaction tx = "INVITE".equals(method)
                ? new InviteServerTransaction(this, request, source)
                : new NonInviteServerTransaction(this, request, source);
        if ("CANCEL".equals(method)) {
            ServerTransaction target = findServer(request, "INVITE", false);
            if (target != null && target.hiddenFromTu) {
                // It cancels a merged INVITE we answered 482 ourselves: the INVITE is already final, so
                // the CANCEL gets 200 (§9.2) from the layer too, and the TU sees neither. Kept out of the
                // merge index, like the 482 transaction, so the CANCEL of the original is not "merged".
                tx.hiddenFromTu = true;
                register(tx, method, null);
                tx.sendResponse(SipResponses.create(request, 200, "OK", SipTokens.newTag()));
                return InboundResult.CANCEL_OF_MERGED_REQUEST_ANSWERED;
            }
            register(tx, method, mergeKey);
            user.onCancel((NonInviteServerTransaction) tx, request,
                    target instanceof InviteServerTransaction ist ? ist : null);
            return InboundResult.NEW_CANCEL;
        }
        register(tx, method, mergeKey);
        user.onRequest(tx, request);
        if (tx instanceof InviteServerTransaction ist) {
            // After the TU: if it already answered (a provisional or a final) no 100 Trying is needed.
            ist.start();
        }
        return InboundResult.NEW_TRANSACTION;
    }

    /**
     * A response arrived. Passes it to the client transaction it matches (RFC 3261 §17.1.3) or discards
     * and counts it (RFC 3261 §18.1.2 as updated by RFC 6026: responses matching no transaction are dropped by a UA/B2BUA core).
     */
    public InboundResult receiveResponse(SipResponse response, Destination source) {
        assert inOwnerThread() : "transaction layer used off its event loop";
        Via via = response.topVia();
        if (via == null || response.cseq() == null) {
            return InboundResult.DROPPED_INCOMPLETE;
        }
        String branch = via.branch();
        ClientTransaction tx = branch == null ? null : clients.get(new ClientKey(branch, response.cseq().method()));
        if (tx == null) {
            counters.responsesDiscarded++;
            return InboundResult.RESPONSE_DISCARDED;
        }
        tx.receiveResponse(response);
        return InboundResult.RESPONSE_MATCHED;
    }

    /**
     * Starts a client transaction for {@code request} (INVITE → {@link InviteClientTransaction}, any other
     * method but ACK → {@link NonInviteClientTransaction}) and sends it to {@code destination}.
     *
     * <p>The TU builds the request completely, including its own top Via with a fresh RFC 3261 branch
     * ({@link SipTokens#newBranch()}); a CANCEL reuses its INVITE's branch
     * ({@link InviteClientTransaction#createCancel()}). An ACK is not a transaction: the TU sends the ACK
     * for a 2xx straight to the transport (RFC 3261 §13.2.2.4, §17.1.1.3).
     *
     * <p>Returns empty, and counts it, when the client table is full. A synchronous send failure is
     * reported through {@link TransactionUser#onTransportError} before this method returns.
     *
     * @throws IllegalArgumentException for an ACK, a request without an RFC 3261 branch, or a branch and
     *                                  method already in use (TU bugs, not input errors)
     */
    public Optional<ClientTransaction> sendRequest(SipRequest request, Destination destination) {
        assert inOwnerThread() : "transaction layer used off its event loop";
        Objects.requireNonNull(destination, "destination");
        String method = request.method();
        if ("ACK".equals(method)) {
            throw new IllegalArgumentException("ACK is not sent through a client transaction (RFC 3261 §17.1.1.3)");
        }
        Via via = request.topVia();
        if (via == null || !TransactionKeys.isRfc3261(via)) {
            throw new IllegalArgumentException("a client request needs a top Via with an RFC 3261 branch");
        }
        ClientKey key = new ClientKey(via.branch(), method);
        if (clients.containsKey(key)) {
            throw new IllegalArgumentException("branch " + via.branch() + " already used for " + method);
        }
        if (clients.size() >= config.maxClientTransactions()) {
            counters.clientTransactionsRefused++;
            return Optional.empty();
        }
        ClientTransaction tx = "INVITE".equals(method)
                ? new InviteClientTransaction(this, request, destination)
                : new NonInviteClientTransaction(this, request, destination);
        tx.tableKey = key;
        clients.put(key, tx);
        counters.clientTransactionsCreated++;
        tx.start();
        return Optional.of(tx);
    }

    /**
     * The INVITE server transaction a CANCEL targets (RFC 3261 §9.2), or null. The layer already does
     * this for each new CANCEL ({@link TransactionUser#onCancel}); exposed for a TU that re-checks.
     */
    public InviteServerTransaction findCancelTarget(SipRequest cancel) {
        assert inOwnerThread() : "transaction layer used off its event loop";
        return findServer(cancel, "INVITE", false) instanceof InviteServerTransaction ist ? ist : null;
    }

    public TransactionCounters counters() {
        return counters;
    }

    public TransactionConfig config() {
        return config;
    }

    /** Client transactions not yet terminated. */
    public int clientTransactionCount() {
        return clients.size();
    }

    /** Server transactions not yet terminated. */
    public int serverTransactionCount() {
        return servers.size();
    }

    boolean inOwnerThread() {
        return scheduler.inOwnerThread();
    }

    private InboundResult receiveAck(SipRequest ack, Destination source) {
        // §17.2.3: the ACK for a non-2xx matches the INVITE's transaction (same branch, or for RFC 2543
        // peers the same INVITE fields plus the To tag of our final response).
        ServerTransaction tx = findServer(ack, "INVITE", true);
        if (tx instanceof InviteServerTransaction ist) {
            return ist.receiveAck(ack, source);
        }
        // The ACK for a 2xx is its own transaction (§17): the dialog layer takes it.
        user.onAck(ack, source);
        return InboundResult.ACK_TO_TU;
    }

    /**
     * The server transaction {@code request} belongs to when looked up as {@code method}: its own
     * transaction (method = its own), the INVITE an ACK acknowledges ({@code ack}), or the INVITE a CANCEL
     * cancels. For RFC 2543 keys the To tag is compared here (§17.2.3): an ACK's against the To tag of
     * the final response, anything else's against the To tag of the transaction's request.
     */
    private ServerTransaction findServer(SipRequest request, String method, boolean ack) {
        Object key = TransactionKeys.serverKey(request, method);
        ServerTransaction tx = servers.get(key);
        if (tx == null || !(key instanceof Rfc2543Key)) {
            return tx;
        }
        String expectedToTag = ack && tx instanceof InviteServerTransaction ist
                ? ist.finalResponseToTag() : tx.requestToTag;
        return Objects.equals(expectedToTag, request.toTag()) ? tx : null;
    }

    private void register(ServerTransaction tx, String method, MergeKey mergeKey) {
        Object key = TransactionKeys.serverKey(tx.request(), method);
        tx.tableKey = key;
        servers.put(key, tx);
        if (mergeKey != null) {
            tx.mergeKey = mergeKey;
            mergeIndex.putIfAbsent(mergeKey, tx);
        }
        counters.serverTransactionsCreated++;
    }

    /**
     * RFC 3261 §8.2.2.2: same From tag, Call-ID and CSeq as an ongoing transaction, different
     * transaction: the request reached us twice by different paths (a fork that merged). Answer 482
     * through a server transaction of its own, so its retransmissions get the 482 again and (INVITE)
     * its ACK is absorbed. The TU never sees the request. It is not put in the merge index.
     */
    private void answerMergedRequest(SipRequest request, Destination source, String method) {
        counters.loopDetected482++;
        ServerTransaction tx = "INVITE".equals(method)
                ? new InviteServerTransaction(this, request, source)
                : new NonInviteServerTransaction(this, request, source);
        tx.hiddenFromTu = true;
        register(tx, method, null);
        tx.sendResponse(SipResponses.create(request, 482, "Loop Detected", SipTokens.newTag()));
    }

    void remove(Transaction tx) {
        if (tx instanceof ClientTransaction) {
            clients.remove(tx.tableKey, tx);
        } else {
            servers.remove(tx.tableKey, tx);
            if (tx.mergeKey != null) {
                mergeIndex.remove(tx.mergeKey, tx);
            }
        }
    }
}
