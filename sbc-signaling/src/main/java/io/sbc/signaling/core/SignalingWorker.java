package io.sbc.signaling.core;

import io.netty.channel.EventLoop;
import io.sbc.signaling.b2bua.B2bua;
import io.sbc.signaling.b2bua.B2buaContext;
import io.sbc.signaling.b2bua.OptionsKeepAlive;
import io.sbc.signaling.b2bua.OwnRequests;
import io.sbc.signaling.b2bua.OwnerCallIdSender;
import io.sbc.signaling.b2bua.RealmAccess;
import io.sbc.signaling.auth.AuthResult;
import io.sbc.signaling.dns.Rfc3263Resolver;
import io.sbc.signaling.registration.RegisterHandler;
import io.sbc.signaling.registration.RegistrationListener;
import io.sbc.signaling.registration.RequestSender;
import io.sbc.signaling.registration.TransactionRequestSender;
import io.sbc.signaling.transport.Transport;
import io.sbc.signaling.b2bua.SipEndpoint;
import io.sbc.signaling.message.SipMethod;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.InviteServerTransaction;
import io.sbc.signaling.transaction.NonInviteServerTransaction;
import io.sbc.signaling.transaction.ServerTransaction;
import io.sbc.signaling.transaction.Transaction;
import io.sbc.signaling.transaction.TransactionTimer;
import io.sbc.signaling.transaction.TransactionUser;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.EventLoopTimerScheduler;
import io.sbc.signaling.transaction.InboundResult;
import io.sbc.signaling.transaction.TransactionConfig;
import io.sbc.signaling.transaction.TransactionLayer;
import io.sbc.signaling.transport.Flow;
import io.sbc.signaling.transport.ListenPoint;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signaling state owned by one event loop: one transaction layer per listen point, the B2BUA
 * above them (calls), and the SBC's own user agent core for what the B2BUA does not take. Every message whose Call-ID hashes to this worker is processed here, so
 * a call's transactions (and later its dialogs) have a single writer and take no locks.
 *
 * <p>Owner: {@link #loop}. Every method runs on it.
 */
final class SignalingWorker {
    final EventLoop loop;
    private final Map<ListenPoint, TransactionLayer> layers = new HashMap<>();
    private final SignalingCounters counters;
    private final ResponseSender sender;
    final B2bua b2bua;
    private final EventLoopTimerScheduler timers;
    private final OptionsKeepAlive keepAlive;
    /** Trunk registrations, NAT keep-alives and the binding purge: worker 0 only, else null. */
    final OwnRequests ownRequests;

    /**
     * What the auth wiring gives every worker (issue #5): realm digest/registrar state (null: no
     * challenges, REGISTER answered 405), the RFC 3263 resolver for trunk registrars (null: none) and
     * the registration state listener.
     */
    record AuthWiring(RealmAccess access, Rfc3263Resolver resolver, RegistrationListener registrations,
            io.sbc.policy.PolicySnapshot snapshot) {
    }

    SignalingWorker(EventLoop loop, List<ListenPoint> points, Map<String, TransactionConfig> configByRealm,
            ResponseSender sender, SignalingCounters counters, B2buaContext b2buaContext, int index, int workers,
            int maxCalls, AuthWiring auth) {
        this.loop = loop;
        this.sender = sender;
        this.counters = counters;
        UserAgentCore core = new UserAgentCore();
        // One timer wheel for everything on this loop (every layer's transactions and the B2BUA).
        EventLoopTimerScheduler scheduler = new EventLoopTimerScheduler(loop);
        this.timers = scheduler;
        this.b2bua = new B2bua(b2buaContext, loop, scheduler, index, workers, maxCalls,
                java.util.random.RandomGenerator.of("L64X128MixRandom"));
        RealmAccess access = auth == null ? null : auth.access();
        this.realmAccess = access;
        b2bua.realmAccess(access);
        b2bua.resolver(auth == null ? null : auth.resolver());
        Map<String, SipEndpoint> firstByRealm = new HashMap<>();
        Map<SipEndpoint, RequestSender> ownSenders = new HashMap<>();
        for (ListenPoint p : points) {
            EndpointUser user = addListenPoint(p,
                    configByRealm.getOrDefault(p.realm(), TransactionConfig.defaults()), core, scheduler);
            ownSenders.put(user.endpoint, new OwnerCallIdSender(user.requests, index, workers));
            // UDP first: registrations and keep-alives go from the realm's UDP address when it has one.
            SipEndpoint known = firstByRealm.get(p.realm());
            if (known == null || (known.point().transport() != Transport.UDP && p.transport() == Transport.UDP)) {
                firstByRealm.put(p.realm(), user.endpoint);
            }
        }
        if (index == 0 && auth != null && auth.snapshot() != null) {
            ownRequests = new OwnRequests(auth.snapshot(), loop, firstByRealm, ownSenders::get, access,
                    auth.resolver(), auth.registrations());
        } else {
            ownRequests = null;
        }
        if (index == 0) {
            keepAlive = new OptionsKeepAlive(b2bua, index, workers);
            keepAlive.start();
        } else {
            keepAlive = null;
        }
    }

    void stop() {
        if (keepAlive != null) {
            keepAlive.stop();
        }
        if (ownRequests != null) {
            ownRequests.stopAll();
        }
    }

    /**
     * The transaction user of one listen point's layer: the B2BUA first, the UA core for the rest
     * (OPTIONS to the SBC, REGISTER, unknown methods, stray requests).
     */
    /** Retry-After of the 503 that overload control answers new INVITEs and REGISTERs with. */
    static final int OVERLOAD_RETRY_AFTER_SECONDS = 5;

    /** Digest users, trust and registrars per realm (null: no realm authenticates). */
    private RealmAccess realmAccess;

    /** Set once by the node after start; read on this loop for every new request. */
    volatile io.sbc.signaling.gate.OverloadDetector overload;

    /** New INVITEs and REGISTERs (no To tag) are refused while any event loop lags (issue #6). */
    private boolean refuseNewWork(SipRequest request) {
        io.sbc.signaling.gate.OverloadDetector o = overload;
        SipMethod m = request.methodKind();
        return o != null && (m == SipMethod.INVITE || m == SipMethod.REGISTER) && request.toTag() == null
                && o.refuseNewWork();
    }

    private final class EndpointUser implements TransactionUser {
        private final B2bua b2bua;
        private final UserAgentCore core;
        private final RealmAccess access;
        SipEndpoint endpoint;
        /** The SBC's own requests on this layer (REGISTER to trunks, keep-alive OPTIONS). */
        TransactionRequestSender requests;

        EndpointUser(B2bua b2bua, UserAgentCore core, RealmAccess access) {
            this.b2bua = b2bua;
            this.core = core;
            this.access = access;
        }

        @Override
        public void onRequest(ServerTransaction tx, SipRequest request) {
            if (refuseNewWork(request)) {
                // Overload control answers through the transaction, so a retransmitted INVITE is
                // absorbed by it rather than refused as if it were new.
                counters.drop(SignalingCounters.Drop.OVERLOAD);
                SipResponse busy = UserAgentCore.response(request, 503, "Service Unavailable");
                busy.addHeader("Retry-After", Integer.toString(OVERLOAD_RETRY_AFTER_SECONDS));
                tx.sendResponse(busy);
                return;
            }
            if (access != null && !admitted(tx, request)) {
                return;
            }
            if (tx instanceof InviteServerTransaction invite && request.toTag() == null) {
                // Admitted: the 100 Trying leaves now, not after the B2BUA's routing and the
                // forwarded INVITE's send (RFC 3261 §17.2.1 allows either; issue #5 measures it).
                // Only for a dialog-creating INVITE: a re-INVITE the B2BUA answers at once (491 on
                // glare, 500 while an offer is pending) needs no 100, and one it relays still gets
                // its 100 from the transaction once the B2BUA has seen it.
                invite.sendTryingNow();
            }
            if (!b2bua.onRequest(endpoint, tx, request)) {
                core.onRequest(tx, request);
            }
        }

        /**
         * The realm's digest check (issue #5, PBX side) before anything else handles the request: a
         * new INVITE or MESSAGE gets 407 (the SBC acts as a proxy toward the PBX), REGISTER is
         * authenticated by the realm's {@link RegisterHandler} (401). In-dialog requests are not
         * challenged (the dialog was authenticated when it was created); ACK and CANCEL never reach
         * here (RFC 3261 §22.1: they cannot be challenged). False when the request was answered.
         */
        private boolean admitted(ServerTransaction tx, SipRequest request) {
            SipMethod m = request.methodKind();
            if (m == SipMethod.REGISTER) {
                RegisterHandler h = access.registerHandler(endpoint.realm());
                if (h == null) {
                    return true; // the UA core answers 405: this realm takes no registrations
                }
                tx.sendResponse(h.handle(request, tx.destination()));
                return false;
            }
            if (request.toTag() != null || (m != SipMethod.INVITE && m != SipMethod.MESSAGE)) {
                return true;
            }
            AuthResult r = access.authenticate(endpoint.realm(), request, tx.destination().remote().getAddress(), true);
            if (r.admitted()) {
                return true;
            }
            tx.sendResponse(r.challenge());
            return false;
        }

        @Override
        public void onCancel(NonInviteServerTransaction cancelTx, SipRequest cancel, InviteServerTransaction target) {
            if (!b2bua.onCancel(cancelTx, cancel, target)) {
                core.onCancel(cancelTx, cancel, target);
            }
        }

        @Override
        public void onAck(SipRequest ack, Destination source) {
            if (!b2bua.onAck(ack)) {
                core.onAck(ack, source);
            }
        }

        @Override
        public void onResponse(ClientTransaction transaction, SipResponse response) {
            if (requests.onResponse(transaction, response)) {
                return;
            }
            if (!b2bua.onResponse(transaction, response)) {
                core.onResponse(transaction, response);
            }
        }

        @Override
        public void onTimeout(Transaction transaction, TransactionTimer timer) {
            if (requests.onTimeout(transaction, timer)) {
                return;
            }
            if (!b2bua.onTimeout(transaction, timer)) {
                core.onTimeout(transaction, timer);
            }
        }

        @Override
        public void onTransportError(Transaction transaction, String reason) {
            if (requests.onTransportError(transaction, reason)) {
                return;
            }
            if (!b2bua.onTransportError(transaction, reason)) {
                core.onTransportError(transaction, reason);
            }
        }
    }

    void receive(io.sbc.signaling.message.SipMessage message, Flow flow) {
        assert loop.inEventLoop() : "worker used off its event loop";
        TransactionLayer layer = layers.get(flow.listenPoint());
        if (layer == null) {
            // The listen point was removed by a reload while this message was in flight.
            counters.drop(SignalingCounters.Drop.NOT_READY);
            return;
        }
        Destination source = new Destination(flow.transport().viaToken(), flow.remote(), flow.connectionId());
        if (message instanceof SipRequest request) {
            counters.request(); // the top Via was stamped on receipt (InboundDispatcher)
            InboundResult result = layer.receiveRequest(request, source);
            switch (result) {
                case RETRANSMISSION_ABSORBED -> counters.retransmissionAbsorbed();
                case REFUSED_TABLE_FULL -> refuseTableFull(request, flow);
                default -> { }
            }
        } else {
            counters.response();
            if (layer.receiveResponse((SipResponse) message, source) == InboundResult.RESPONSE_DISCARDED) {
                counters.drop(SignalingCounters.Drop.STRAY_RESPONSE);
            }
        }
    }

    private void refuseTableFull(SipRequest request, Flow flow) {
        counters.drop(SignalingCounters.Drop.TABLE_FULL);
        if (request.methodKind() == SipMethod.ACK) {
            return;
        }
        SipResponse r = UserAgentCore.response(request, 503, "Service Unavailable");
        r.addHeader("Retry-After", "5");
        counters.statelessReply();
        sender.sendResponse(r, flow.listenPoint(), flow.remote(), flow.connectionId());
    }

    /** Calls on this worker. */
    int calls() {
        return b2bua.calls();
    }

    /** Open transactions on this worker (for the admin API and tests). */
    int transactions() {
        int n = 0;
        for (TransactionLayer l : layers.values()) {
            n += l.clientTransactionCount() + l.serverTransactionCount();
        }
        return n;
    }

    /** A listen point opened by a policy reload: its transaction layer on this worker. */
    void openListenPoint(ListenPoint p, TransactionConfig config) {
        if (!layers.containsKey(p)) {
            addListenPoint(p, config, new UserAgentCore(), timers);
        }
    }

    /** One listen point's transaction layer, endpoint and UAC sender, known to the B2BUA. */
    private EndpointUser addListenPoint(ListenPoint p, TransactionConfig config, UserAgentCore core,
            EventLoopTimerScheduler scheduler) {
        EndpointUser user = new EndpointUser(b2bua, core, realmAccess);
        ListenPointTransport transport = new ListenPointTransport(p, sender, loop);
        TransactionLayer layer = new TransactionLayer(config, scheduler, transport, user);
        user.endpoint = new SipEndpoint(p, layer, transport);
        user.requests = new TransactionRequestSender(layer);
        b2bua.addEndpoint(user.endpoint);
        layers.put(p, layer);
        return user;
    }

    /**
     * A listen point closed by a policy reload: messages arriving for it are dropped from now on;
     * transactions already running on it finish on their timers.
     */
    void closeListenPoint(ListenPoint p) {
        TransactionLayer layer = layers.remove(p);
        if (layer != null) {
            b2bua.removeEndpoint(p);
        }
    }
}
