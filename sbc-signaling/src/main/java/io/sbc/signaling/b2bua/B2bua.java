package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.MediaMode;
import io.sbc.policy.model.Trunk;
import io.sbc.signaling.cdr.CdrRecord.EndedBy;
import io.sbc.signaling.message.SipMethod;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.routing.CallAttempt;
import io.sbc.signaling.routing.CallIds;
import io.sbc.signaling.routing.TrunkAdmission;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.InviteServerTransaction;
import io.sbc.signaling.transaction.NonInviteServerTransaction;
import io.sbc.signaling.transaction.ServerTransaction;
import io.sbc.signaling.transaction.SipTokens;
import io.sbc.signaling.transaction.TimerScheduler;
import io.sbc.signaling.transaction.Transaction;
import io.sbc.signaling.transaction.TransactionTimer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The B2BUA of one worker (one event loop): takes new INVITEs, routes them by policy, runs each
 * call's two legs and relays everything in between (see {@link CallLegs} for the per-call flows).
 * Calls live in a bounded table; a full table refuses new calls with 503 and Retry-After.
 *
 * <p>Owner: the worker's event loop. Every method runs there (transaction-layer callbacks, timers,
 * and the continuations of media relay replies, which hop back with {@link Executor#execute}).
 */
public final class B2bua {
    private static final Logger LOG = LoggerFactory.getLogger(B2bua.class);
    /** Retry-After (seconds) on 503 when the call table is full or no gateway is left. */
    static final String RETRY_AFTER_SECONDS = "5";

    final B2buaContext ctx;
    final Executor loop;
    final TimerScheduler timers;
    final RandomGenerator random;
    private final int workerIndex;
    private final int workerCount;
    private final int maxCalls;
    private final Map<String, List<SipEndpoint>> endpoints = new HashMap<>();
    /** Call-ID + local tag of every leg's dialog to its call (RFC 3261 §12: dialog id). */
    private final Map<String, Call> dialogs = new HashMap<>();
    private int calls;
    final CallLegs legs;
    final MediaWatch mediaWatch = new MediaWatch(this);
    final CallEnds ends;
    /** Registered contacts for routes to a trunk without gateways (null: none, set before start). */
    private RealmAccess access;
    private io.sbc.signaling.dns.Rfc3263Resolver resolver;

    /**
     * @param maxCalls calls this worker holds at once (from the policy's global max-calls divided
     *                 among the workers); beyond it a new INVITE gets 503 with Retry-After
     */
    public B2bua(B2buaContext ctx, Executor loop, TimerScheduler timers, int workerIndex, int workerCount, int maxCalls,
            RandomGenerator random) {
        this.ctx = ctx;
        this.loop = loop;
        this.timers = timers;
        this.workerIndex = workerIndex;
        this.workerCount = workerCount;
        this.maxCalls = Math.max(1, maxCalls);
        this.random = random;
        this.legs = new CallLegs(this);
        this.ends = new CallEnds(this);
    }

    public void addEndpoint(SipEndpoint endpoint) {
        endpoints.computeIfAbsent(endpoint.realm(), k -> new ArrayList<>()).add(endpoint);
    }

    /** Forgets the endpoint of a listen point a policy reload closed: new calls no longer leave from it. */
    public void removeEndpoint(io.sbc.signaling.transport.ListenPoint point) {
        List<SipEndpoint> eps = endpoints.get(point.realm());
        if (eps != null) {
            eps.removeIf(e -> e.point().equals(point));
        }
    }

    /**
     * Lets routes reach registered users: a call routed to a trunk whose realm has a registrar goes
     * first to the contacts registered there under the Request-URI user, then to the trunk's gateways.
     */
    public void realmAccess(RealmAccess access) {
        this.access = access;
    }

    /** Locates gateways named by host name (RFC 3263); without it only IP-literal gateways are used. */
    public void resolver(io.sbc.signaling.dns.Rfc3263Resolver resolver) {
        this.resolver = resolver;
    }

    io.sbc.signaling.dns.Rfc3263Resolver resolver() {
        return resolver;
    }

    /** Calls on this worker now. */
    public int calls() {
        return calls;
    }

    /**
     * A new request from the transaction layer of {@code ep}. Returns false when the B2BUA does not
     * take it (the SBC's own UA core answers: OPTIONS, REGISTER, unknown methods).
     */
    public boolean onRequest(SipEndpoint ep, ServerTransaction tx, SipRequest request) {
        SipMethod m = request.methodKind();
        if (request.toTag() != null) {
            return legs.inDialog(ep, tx, request);
        }
        if (m == SipMethod.INVITE) {
            newCall(ep, (InviteServerTransaction) tx, request);
            return true;
        }
        if (m == SipMethod.MESSAGE) {
            pager(ep, tx, request);
            return true;
        }
        return false;
    }

    public boolean onCancel(NonInviteServerTransaction cancelTx, SipRequest cancel, InviteServerTransaction target) {
        if (target != null && target.applicationData() instanceof Call c) {
            legs.cancel(c, cancelTx, cancel);
            return true;
        }
        return false;
    }

    public boolean onAck(SipRequest ack) {
        Call c = dialogs.get(key(ack.callId(), ack.toTag()));
        if (c == null) {
            return false;
        }
        legs.ack(c, ack);
        return true;
    }

    public boolean onResponse(ClientTransaction tx, SipResponse response) {
        Object data = tx.applicationData();
        if (data instanceof Call c) {
            legs.initialResponse(c, tx, response);
            return true;
        }
        if (data instanceof Relay r) {
            legs.relayResponse(r, tx, response);
            return true;
        }
        if (data instanceof EndedInvite e) {
            if (response.statusCode() >= 200 && response.statusCode() < 300) {
                legs.ackAndBye(e, response);
            }
            return true;
        }
        if (data instanceof PagerRelay p) {
            if (response.statusCode() > 100) {
                SipResponse out = SipResponses.create(p.received(), response.statusCode(), response.reasonPhrase(),
                        p.toTag());
                OutboundRequests.copyAllowed(response, out, true);
                p.serverTx().sendResponse(out);
            }
            return true;
        }
        if (data instanceof ChallengedRequests.ChallengedBye b) {
            legs.challenged.byeResponse(b, tx, response);
            return true;
        }
        if (data instanceof SessionTimers.Refresh r) {
            if (response.statusCode() >= 200) {
                legs.sessionTimers.refreshAnswered(r, response.statusCode());
            }
            return true;
        }
        return data instanceof OptionsProbe p && p.onResponse(response);
    }

    public boolean onTimeout(Transaction tx, TransactionTimer timer) {
        return onFailure(tx, 408, "Request Timeout");
    }

    public boolean onTransportError(Transaction tx, String reason) {
        LOG.debug("transport error on {}: {}", tx, reason);
        return onFailure(tx, 503, "Service Unavailable");
    }

    private boolean onFailure(Transaction tx, int code, String reason) {
        Object data = tx.applicationData();
        if (data instanceof Call c && tx instanceof ClientTransaction ct) {
            legs.attemptFailed(c, ct);
            return true;
        }
        if (data instanceof Relay r) {
            legs.relayFailed(r, code, reason);
            return true;
        }
        if (data instanceof OptionsProbe p) {
            p.onTimeout();
            return true;
        }
        if (data instanceof PagerRelay p) {
            respond(p.serverTx(), p.received(), code, reason, null);
            return true;
        }
        if (data instanceof SessionTimers.Refresh r) {
            legs.sessionTimers.refreshAnswered(r, code);
            return true;
        }
        return data != null;
    }

    // ---- new calls

    private void newCall(SipEndpoint ep, InviteServerTransaction tx, SipRequest invite) {
        long arrived = System.nanoTime();
        if (invite.maxForwards() == 0) {
            // RFC 3261 §16.3 step 2 for the proxying half of a B2BUA.
            respond(tx, invite, 483, "Too Many Hops", null);
            ends.refused(ep, invite, null, "", EndedBy.REJECTED, 483, "Too Many Hops", arrived);
            return;
        }
        if (ctx.counters().records().draining()) {
            // Graceful drain (issue #7): new calls go elsewhere; calls in progress continue.
            respond(tx, invite, 503, "Service Unavailable", RETRY_AFTER_SECONDS);
            ends.refused(ep, invite, null, "", EndedBy.DRAIN, 503, "Draining", arrived);
            return;
        }
        if (calls >= maxCalls) {
            ctx.counters().refusedTableFull.increment();
            respond(tx, invite, 503, "Service Unavailable", RETRY_AFTER_SECONDS);
            ends.refused(ep, invite, null, "", EndedBy.ADMISSION_REFUSED, 503, "Call Table Full", arrived);
            return;
        }
        PolicySnapshot snapshot = ctx.policy().get();
        CallPlan plan = CallPlan.of(snapshot, ep.realm(), tx.destination().remote().getAddress(), invite, ctx.health(),
                random);
        if (plan.route().isReject()) {
            ctx.counters().failed.increment();
            respond(tx, invite, plan.route().rejectCode(), plan.route().rejectReason(), null);
            ends.refused(ep, invite, plan, "", EndedBy.NO_ROUTE, plan.route().rejectCode(),
                    plan.route().rejectReason(), arrived);
            return;
        }
        long minSe = SessionTimers.localMinSe(plan.sourceTrunk());
        long[] askedSe = SessionTimers.parse(invite.header("Session-Expires"));
        if (askedSe != null && askedSe[0] < minSe) {
            // RFC 4028 §8.1: a session interval below what this UAS accepts is refused with 422 and
            // our Min-SE, so the caller retries with a larger one (instead of refresh storms).
            SipResponse tooSmall = SipResponses.create(invite, 422, "Session Interval Too Small", SipTokens.newTag());
            tooSmall.addHeader("Min-SE", Long.toString(minSe));
            tx.sendResponse(tooSmall);
            ctx.counters().failed.increment();
            ends.refused(ep, invite, plan, "", EndedBy.REJECTED, 422, "Session Interval Too Small", arrived);
            return;
        }
        List<CallAttempt> attempts = plan.attempts();
        Trunk routed = plan.route().trunk();
        if (access != null && routed != null) {
            // Registered contacts of the Request-URI user in the routed trunk's realm come first (the
            // phone's or PBX's registered flow); the trunk's gateways follow as failover.
            List<CallAttempt> registered = access.registeredAttempts(routed, plan.inbound().ruriUser());
            if (!registered.isEmpty()) {
                List<CallAttempt> all = new ArrayList<>(registered);
                all.addAll(attempts);
                attempts = all;
            }
        }
        if (attempts.isEmpty()) {
            ctx.counters().failed.increment();
            respond(tx, invite, 503, "Service Unavailable", RETRY_AFTER_SECONDS);
            ends.refused(ep, invite, plan, "", EndedBy.NO_ROUTE, 503, "No Gateway Available", arrived);
            return;
        }
        Trunk sourceTrunk = plan.sourceTrunk();
        // Admission (design "Signaling data flow" step 6): the node's cps, then the routed trunk's cps and concurrency.
        Trunk target = attempts.get(0).trunk();
        long second = System.currentTimeMillis() / 1000;
        int globalCps = snapshot.policy().limits().cps();
        if ((globalCps > 0 && !ctx.admission().tick(TrunkAdmission.GLOBAL, globalCps, second))
                || !ctx.admission().tryAdmit(target.name(), target.limits().concurrent(), target.limits().cps(), second)) {
            ctx.counters().refusedAdmission.increment();
            respond(tx, invite, 503, "Service Unavailable", RETRY_AFTER_SECONDS);
            ends.refused(ep, invite, plan, target.name(), EndedBy.ADMISSION_REFUSED, 503, "Service Unavailable",
                    arrived);
            return;
        }
        Call c = new Call(SipTokens.newTag() + SipTokens.newTag(), snapshot, ep, tx.destination(), invite, tx, plan.in(),
                sourceTrunk, plan.inbound(), SipTokens.newTag(), SipTokens.newTag(), SipTokens.newTag(), arrived);
        c.attempts = attempts;
        c.bCallId = CallIds.sameOwner(workerIndex, workerCount);
        c.bTag = SipTokens.newTag();
        Trunk first = attempts.get(0).trunk();
        c.anchored = first.media().mode() == MediaMode.ANCHOR
                && (sourceTrunk == null || sourceTrunk.media().mode() == MediaMode.ANCHOR);
        if (c.anchored && ctx.media() == null) {
            ctx.admission().release(target.name());
            ctx.counters().mediaFailures.increment();
            respond(tx, invite, 503, "Media Relay Unavailable", RETRY_AFTER_SECONDS);
            ends.refused(ep, invite, plan, target.name(), EndedBy.ERROR, 503, "Media Relay Unavailable", arrived);
            return;
        }
        c.admittedTrunk = target.name();
        tx.applicationData(c);
        calls++;
        ctx.counters().started.increment();
        ctx.counters().active.increment();
        ends.started(c);
        register(invite.callId(), c.aFirstTag, c);
        register(c.bCallId, c.bTag, c);
        legs.start(c);
    }

    /**
     * MESSAGE outside a dialog (RFC 3428 pager mode): routed like a new call (same policy, rules and
     * topology hiding), sent to the first gateway of the route, its final response relayed back.
     */
    private void pager(SipEndpoint ep, ServerTransaction tx, SipRequest request) {
        if (request.maxForwards() == 0) {
            respond(tx, request, 483, "Too Many Hops", null);
            return;
        }
        PolicySnapshot snapshot = ctx.policy().get();
        CallPlan plan = CallPlan.of(snapshot, ep.realm(), tx.destination().remote().getAddress(), request, ctx.health(),
                random);
        if (plan.route().isReject()) {
            respond(tx, request, plan.route().rejectCode(), plan.route().rejectReason(), null);
            return;
        }
        pagerAttempt(snapshot, plan, tx, request, 0);
    }

    /**
     * Sends the pager MESSAGE to attempt {@code index} of the plan, or the next usable one; a gateway
     * named by host name is located per RFC 3263 off the loop first (like a call's, through the
     * resolver's cache). None left: 503.
     */
    private void pagerAttempt(PolicySnapshot snapshot, CallPlan plan, ServerTransaction tx, SipRequest request,
            int index) {
        List<CallAttempt> attempts = plan.attempts();
        for (int i = index; i < attempts.size(); i++) {
            CallAttempt at = attempts.get(i);
            SipEndpoint out = endpoint(at.trunk().realm(), at.gateway().uri().transport() == null ? "UDP"
                    : at.gateway().uri().transport());
            if (out == null) {
                continue;
            }
            io.sbc.policy.model.SipUri u = at.gateway().uri();
            java.net.InetSocketAddress dest = CallLegs.literal(u.host(), u.port() > 0 ? u.port() : 5060);
            if (dest == null && resolver() != null) {
                int next = i + 1;
                String token = out.point().transport().viaToken();
                resolver().resolve(u.host(), u.port(), u.transport(), u.secure()).whenCompleteAsync((targets, e) -> {
                    if (targets != null) {
                        for (io.sbc.signaling.dns.SipTarget t : targets) {
                            if (t.transport().equalsIgnoreCase(token)
                                    && sendPager(snapshot, plan, tx, request, at, out, t.address())) {
                                return;
                            }
                        }
                    }
                    pagerAttempt(snapshot, plan, tx, request, next);
                }, loop);
                return;
            }
            if (dest != null && sendPager(snapshot, plan, tx, request, at, out, dest)) {
                return;
            }
        }
        respond(tx, request, 503, "Service Unavailable", RETRY_AFTER_SECONDS);
    }

    private boolean sendPager(PolicySnapshot snapshot, CallPlan plan, ServerTransaction tx, SipRequest request,
            CallAttempt at, SipEndpoint out, java.net.InetSocketAddress dest) {
        int mf = request.maxForwards() < 0 ? 70 : request.maxForwards() - 1;
        SipRequest msg = OutboundRequests.initial(snapshot, plan.in(), plan.inbound(), at, out, out.newVia(),
                CallIds.sameOwner(workerIndex, workerCount), SipTokens.newTag(), 1, request.body(), mf, null);
        java.util.Optional<ClientTransaction> ct = out.layer().sendRequest(msg,
                Destination.of(out.point().transport().viaToken(), dest));
        if (ct.isPresent()) {
            ct.get().applicationData(new PagerRelay(tx, request, SipTokens.newTag()));
            return true;
        }
        return false;
    }

    void respond(ServerTransaction tx, SipRequest request, int code, String reason, String retryAfter) {
        SipResponse r = SipResponses.create(request, code, reason, request.toTag() == null && code > 100
                ? SipTokens.newTag() : null);
        if (retryAfter != null) {
            r.addHeader("Retry-After", retryAfter);
        }
        tx.sendResponse(r);
    }

    // ---- drain

    /**
     * Ends every call of this worker from the SBC's side (BYE on both legs of established calls;
     * 503 to the caller and CANCEL to the callee of calls being set up), each recorded as ended by
     * {@link EndedBy#DRAIN}. Returns how many calls were ended.
     */
    public int terminateAll(String reason) {
        java.util.Set<Call> all = new java.util.LinkedHashSet<>(dialogs.values());
        int n = 0;
        for (Call c : all) {
            if (c.state != CallState.ENDED) {
                c.endedBy(EndedBy.DRAIN, reason);
                legs.hangup(c);
                n++;
            }
        }
        return n;
    }

    // ---- admin view

    /**
     * Copies of at most {@code limit} calls of this worker's table, oldest first, for the admin API.
     * Runs on the owner loop (the caller submits it there); a call is listed once although the
     * table holds it under each of its dialogs.
     */
    public java.util.List<ActiveCall> snapshot(int limit) {
        java.util.Set<Call> all = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        all.addAll(dialogs.values());
        java.util.List<Call> live = new java.util.ArrayList<>(all.size());
        for (Call c : all) {
            if (c.state != CallState.ENDED) {
                live.add(c);
            }
        }
        live.sort(java.util.Comparator.comparingLong((Call c) -> c.startMillis));
        java.util.List<ActiveCall> out = new java.util.ArrayList<>(Math.min(live.size(), Math.max(0, limit)));
        for (int i = 0; i < live.size() && i < limit; i++) {
            out.add(ActiveCall.of(live.get(i)));
        }
        return out;
    }

    // ---- tables

    static String key(String callId, String localTag) {
        return callId + '\n' + localTag;
    }

    void register(String callId, String localTag, Call c) {
        dialogs.put(key(callId, localTag), c);
    }

    Call lookup(String callId, String localTag) {
        return localTag == null ? null : dialogs.get(key(callId, localTag));
    }

    /** Removes every dialog of an ended call and frees its table slot (once). */
    void release(Call c) {
        mediaWatch.unwatch(c);
        if (c.admittedTrunk != null) {
            ctx.admission().release(c.admittedTrunk);
        }
        dialogs.remove(key(c.aCallId, c.aFirstTag), c);
        for (Fork f : c.forks) {
            dialogs.remove(key(c.aCallId, f.a.localTag()), c);
        }
        if (c.bCallId != null) {
            dialogs.remove(key(c.bCallId, c.bTag), c);
        }
        calls--;
        ctx.counters().active.decrement();
        ctx.counters().ended.increment();
    }

    /** A listen point of {@code realm}, preferring {@code transport} (a Via token), else the realm's first. */
    SipEndpoint endpoint(String realm, String transport) {
        List<SipEndpoint> eps = endpoints.get(realm);
        if (eps == null || eps.isEmpty()) {
            return null;
        }
        for (SipEndpoint e : eps) {
            if (e.point().transport().viaToken().equalsIgnoreCase(transport)) {
                return e;
            }
        }
        return eps.get(0);
    }

    /** Every endpoint of this worker (for OPTIONS keep-alive). */
    Map<String, List<SipEndpoint>> endpoints() {
        return endpoints;
    }
}
