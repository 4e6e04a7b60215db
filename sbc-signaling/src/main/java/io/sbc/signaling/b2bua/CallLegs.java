package io.sbc.signaling.b2bua;

import io.sbc.policy.model.ReferPolicy;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.model.Defaults;
import io.sbc.signaling.cdr.CdrRecord.EndedBy;
import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.dialog.DialogState;
import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipMethod;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.routing.CallAttempt;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.InviteClientTransaction;
import io.sbc.signaling.transaction.NonInviteServerTransaction;
import io.sbc.signaling.transaction.ServerTransaction;
import io.sbc.signaling.transaction.SipTokens;
import io.sbc.signaling.transaction.TransactionState;
import io.sbc.signaling.transport.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The flows of a call between its two legs: placing the INVITE on B (with failover), relaying
 * responses to A (forks mapped to A-side early dialogs), CANCEL (487 to the caller, CANCEL on B; a
 * crossing 2xx is ACKed and BYEd), ACK of 2xx on both sides (RFC 3261 §13.2.2.4, §13.3.1.4), and
 * every in-dialog request relayed (re-INVITE with 491 on glare, UPDATE, PRACK with RAck rewritten,
 * INFO, MESSAGE, REFER per trunk policy, BYE). SDP is passed through {@link MediaAnchor}.
 *
 * <p>Owner: the worker's event loop, like {@link B2bua}.
 */
final class CallLegs {
    private static final Logger LOG = LoggerFactory.getLogger(CallLegs.class);
    private static final long NO_ACK_LOG_INTERVAL_MS = 10_000;
    /** Shared by every worker's call legs: one "no ACK" line per interval for the whole node. */
    private static final LogThrottle NO_ACK_LOG = new LogThrottle(NO_ACK_LOG_INTERVAL_MS);
    /**
     * A gateway that sends nothing at all (not even 100 Trying) for this long is given up and the next
     * one tried. Shorter than Timer B (32 s) because a carrier gateway answers 100 within
     * milliseconds when it is alive; a caller should not hear 30 s of silence per dead gateway.
     */
    static final long SILENT_GATEWAY_MS = 4000;
    /** Timer C of RFC 3261 §16.6 step 11: at most this long from INVITE to a final response. */
    static final long SETUP_TIMEOUT_MS = 181_000;

    private final B2bua b2bua;
    private final MediaAnchor media;
    final SessionTimers sessionTimers;
    final ChallengedRequests challenged;

    CallLegs(B2bua b2bua) {
        this.b2bua = b2bua;
        this.media = new MediaAnchor(b2bua.ctx);
        this.sessionTimers = new SessionTimers(b2bua);
        this.challenged = new ChallengedRequests(b2bua, this);
    }

    // ---------------------------------------------------------------- initial INVITE

    void start(Call c) {
        // RFC 3261 §16.6 step 11 (Timer C, > 3 min): a call never answered nor refused is given up.
        c.setupTimer = b2bua.timers.schedule(SETUP_TIMEOUT_MS, () -> {
            c.setupTimer = null;
            if (c.state.beforeAnswer()) {
                LOG.info("no final response within {} ms: giving the call up", SETUP_TIMEOUT_MS);
                c.endedBy(EndedBy.TIMEOUT, "no final response (Timer C)");
                hangup(c);
            }
        });
        byte[] sdp = MediaAnchor.sdpOf(c.aInvite);
        String outRealm = c.attempts.get(0).trunk().realm();
        c.then(b2bua, () -> media.sdp(c, Side.A, sdp, false, ip(c.aSource), c.aEndpoint.realm(), outRealm)
                .thenAcceptAsync(body -> {
                    if (c.state == CallState.ENDED) {
                        return;
                    }
                    if (body == null) {
                        b2bua.ctx.counters().mediaFailures.increment();
                        fail(c, 503, "Media Relay Unavailable");
                        return;
                    }
                    c.bOfferBody = body.length > 0 || sdp.length > 0 ? body : c.aInvite.body();
                    nextAttempt(c);
                }, b2bua.loop));
    }

    void nextAttempt(Call c) {
        cancelAttemptTimer(c);
        while (++c.attemptIndex < c.attempts.size()) {
            if (c.attemptIndex > 0) {
                b2bua.ctx.counters().failovers.increment();
            }
            c.authRetried = false;
            c.sessionRetries = 0;
            c.bMinSe = 0;
            if (send(c, c.attempts.get(c.attemptIndex), null)) {
                return;
            }
        }
        fail(c, 503, "Service Unavailable");
    }

    private boolean send(Call c, CallAttempt at, TrunkChallenges.Credentials credentials) {
        String transport = at.gateway().uri().transport() == null ? "UDP" : at.gateway().uri().transport();
        SipEndpoint out = b2bua.endpoint(at.trunk().realm(), transport);
        int port = at.gateway().uri().port() > 0 ? at.gateway().uri().port() : 5060;
        InetSocketAddress dest = literal(at.gateway().uri().host(), port);
        if (out != null && dest == null && b2bua.resolver() != null) {
            return GatewayResolution.resolveThenSend(b2bua, this, c, at, out, credentials);
        }
        if (out == null || dest == null) {
            LOG.info("gateway {} not usable (no listen point in realm {} or not an IP address)", at, at.trunk().realm());
            return false;
        }
        return sendTo(c, at, out, dest, credentials);
    }

    boolean sendTo(Call c, CallAttempt at, SipEndpoint out, InetSocketAddress dest,
            TrunkChallenges.Credentials credentials) {
        c.attempt = at;
        c.bEndpoint = out;
        c.bDestination = Destination.of(out.point().transport().viaToken(), dest);
        if (c.inbound == null) {
            return false; // answered: no further attempt is ever built
        }
        c.bInviteSeq++;
        int mf = c.aInvite.maxForwards() < 0 ? 70 : c.aInvite.maxForwards() - 1;
        SipRequest invite = OutboundRequests.initial(c.policy, c.in, c.inbound, at, out, out.newVia(), c.bCallId,
                c.bTag, c.bInviteSeq, c.bOfferBody, mf, null);
        SessionTimers.offer(invite, at.trunk().sessionTimer(), c.bMinSe);
        if (credentials != null) {
            invite.addHeader(credentials.headerName(), credentials.headerValue());
        }
        c.bProto = Dialog.asUac(c.bCallId, c.bTag, invite.from(), invite.to(), c.bInviteSeq, invite.requestUri(),
                out.contact());
        c.bRinging = false;
        c.anyResponse = false;
        c.state = CallState.CALLING;
        Optional<ClientTransaction> t = out.layer().sendRequest(invite, c.bDestination);
        if (t.isEmpty()) {
            return false;
        }
        InviteClientTransaction tx = (InviteClientTransaction) t.get();
        if (tx.isTerminated()) {
            return false; // failed synchronously (transport error)
        }
        tx.applicationData(c);
        c.bTx = tx;
        b2bua.ends.forwarded(c);
        c.attemptTimer = b2bua.timers.schedule(SILENT_GATEWAY_MS, () -> {
            c.attemptTimer = null;
            if (c.bTx == tx && !c.anyResponse && c.state == CallState.CALLING) {
                tx.applicationData(null);
                nextAttempt(c);
            }
        });
        return true;
    }

    void attemptFailed(Call c, ClientTransaction tx) {
        if (c.bTx == tx && c.state == CallState.CALLING && !c.bRinging) {
            nextAttempt(c);
        }
    }

    void initialResponse(Call c, ClientTransaction tx, SipResponse r) {
        if (tx != c.bTx) {
            if (r.statusCode() >= 200 && r.statusCode() < 300) {
                ackAndBye(c, r); // a late 2xx from an abandoned attempt
            }
            return;
        }
        int code = r.statusCode();
        c.anyResponse = true;
        if (code < 200) {
            if (c.cancelPending) {
                sendCancel(c);
            }
            if (code == 100 || c.state == CallState.ENDED) {
                return;
            }
            cancelAttemptTimer(c);
            c.bRinging = true;
            Fork f = fork(c, r);
            if (f != null) {
                f.b.onResponse(r);
            }
            if (c.state == CallState.CALLING) {
                c.state = CallState.EARLY;
            }
            relayToA(c, f, r);
            return;
        }
        cancelAttemptTimer(c);
        if (c.state == CallState.ENDED) {
            if (code < 300) {
                ackAndBye(c, r); // RFC 3261 §9.1: the 2xx crossed our CANCEL
            }
            tx.applicationData(new EndedInvite(c.bProto, c.bEndpoint, c.bDestination));
            return;
        }
        if (code < 300) {
            if (c.answered != null) {
                // No new fork once answered: its A-side dialog would be built from the caller's
                // INVITE, which an answered call no longer keeps (Call#answeredToA).
                Fork f = r.toTag() == null ? c.forks.get(0) : c.forkByB(r.toTag());
                if (c.answered == f) {
                    if (f.ackB != null) {
                        sendAck(c, Side.B, f.ackB.rebuild(f.b, c.bEndpoint), f.b);
                    }
                } else {
                    ackAndBye(c, r); // RFC 3261 §13.2.2.4: another fork answered too
                }
                return;
            }
            Fork f = fork(c, r);
            f.b.onResponse(r);
            c.answeredBy(f);
            c.state = CallState.ANSWERED;
            c.answerMillis = System.currentTimeMillis();
            c.answerSdp = MediaAnchor.sdpOf(r);
            sessionTimers.answeredByB(c, r);
            b2bua.ctx.counters().answered.increment();
            startDurationTimer(c);
            relayToA(c, f, r);
            return;
        }
        if (code == 503 && !c.bRinging) {
            nextAttempt(c);
            return;
        }
        if (code == 422 && retryWithLargerInterval(c, r)) {
            return;
        }
        if ((code == 401 || code == 407) && !c.authRetried && b2bua.ctx.challenges() != null) {
            TrunkChallenges.Credentials cred = b2bua.ctx.challenges().answer(c.attempt.trunk(), tx.request(), r);
            if (cred != null) {
                c.authRetried = true;
                // Re-sent once this callback returns: the layer ACKs the challenge first (§17.1.1.3),
                // as gateways expect the ACK before the signed INVITE.
                b2bua.loop.execute(() -> {
                    if (c.state != CallState.ENDED && !send(c, c.attempt, cred)) {
                        nextAttempt(c);
                    }
                });
                return;
            }
        }
        if (code >= 300 && code < 400 && c.attempt.trunk().followRedirects() && redirect(c, r)) {
            return;
        }
        c.then(b2bua, () -> {
            if (c.state != CallState.ENDED) {
                SipResponse out = SipResponses.create(c.aInvite, code, r.reasonPhrase(), c.aFirstTag);
                OutboundRequests.copyAllowed(r, out, true);
                if (code < 400) {
                    redirectTargetsForA(c, r, out);
                }
                c.aTx.sendResponse(out);
                b2bua.ctx.counters().failed.increment();
                c.endedBy(code == 408 || code == 480 ? EndedBy.NO_ANSWER : EndedBy.REJECTED,
                        code + " " + r.reasonPhrase());
                end(c);
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * RFC 4028 §7.4: a 422 Session Interval Too Small names the callee's Min-SE; the INVITE is sent
     * again on the same leg (same Call-ID and tags, CSeq + 1, new branch) with Session-Expires and
     * Min-SE raised to it, once the layer has ACKed the 422. False (the 422 is relayed) when the
     * Min-SE is missing, not larger than what was offered, above a day, or the retries are used up.
     */
    private boolean retryWithLargerInterval(Call c, SipResponse r) {
        long minSe = SessionTimers.minSeOf(r);
        if (minSe <= c.bMinSe || minSe > SessionTimers.MAX_RETRY_MIN_SE_SECONDS
                || c.sessionRetries >= SessionTimers.MAX_422_RETRIES) {
            return false;
        }
        c.sessionRetries++;
        c.bMinSe = minSe;
        c.authRetried = false; // the new INVITE may be challenged again
        b2bua.loop.execute(() -> {
            if (c.state != CallState.ENDED && !send(c, c.attempt, null)) {
                nextAttempt(c);
            }
        });
        return true;
    }

    /**
     * 3xx from a trunk that follows redirects: the Contacts (at most 8) become the next attempts, in
     * the order given, on the same trunk. IP literals are used as they are; host names are located per
     * RFC 3263 like gateways ({@link GatewayResolution}) when a resolver is configured, else skipped.
     */
    private boolean redirect(Call c, SipResponse r) {
        List<CallAttempt> more = new java.util.ArrayList<>(c.attempts.subList(0, c.attemptIndex + 1));
        int added = 0;
        for (NameAddr contact : r.contacts()) {
            SipUri u = contact.sipUri();
            if (u != null && added < 8 && (literal(u.host(), 5060) != null || b2bua.resolver() != null)) {
                String transport = u.param("transport");
                String text = "sip:" + u.hostRef() + (u.port() > 0 ? ":" + u.port() : "")
                        + (transport == null ? "" : ";transport=" + transport);
                more.add(new CallAttempt(c.attempt.trunk(), new io.sbc.policy.model.Gateway(
                        new io.sbc.policy.model.SipUri(text, false, null, u.host(), Math.max(0, u.port()),
                                transport == null ? null : transport.toUpperCase(java.util.Locale.ROOT)), 1, 1)));
                added++;
            }
        }
        if (added == 0) {
            return false;
        }
        more.addAll(c.attempts.subList(c.attemptIndex + 1, c.attempts.size()));
        c.attempts = more;
        nextAttempt(c);
        return true;
    }

    /**
     * A 3xx returned to the caller (trunk without follow-redirects): each target keeps its user part
     * (the number to call) with the SBC's own address on A as host, so the caller retries through the
     * SBC and never learns the carrier's hosts.
     */
    private static void redirectTargetsForA(Call c, SipResponse r, SipResponse out) {
        int n = 0;
        for (NameAddr contact : r.contacts()) {
            SipUri u = contact.sipUri();
            if (u != null && u.user() != null && n++ < 8) {
                out.addHeader("Contact", NameAddr.of(SipUri.of(u.user(), c.aEndpoint.host(), c.aEndpoint.port())).toString());
            }
        }
    }

    /** The fork for the To tag of a response from B, created with its own A-side dialog when new. */
    private Fork fork(Call c, SipResponse r) {
        String tag = r.toTag();
        if (tag == null) {
            return c.forks.isEmpty() ? null : c.forks.get(0);
        }
        Fork f = c.forkByB(tag);
        if (f == null) {
            String aTag = c.forks.isEmpty() ? c.aFirstTag : SipTokens.newTag();
            Dialog a = Dialog.asUas(c.aInvite, aTag, c.aEndpoint.contact());
            f = new Fork(a, c.bProto.fork(r));
            c.forks.add(f);
            b2bua.register(c.aCallId, aTag, c);
        }
        return f;
    }

    private void relayToA(Call c, Fork f, SipResponse r) {
        int code = r.statusCode();
        byte[] sdp = MediaAnchor.sdpOf(r);
        c.then(b2bua, () -> media.sdp(c, Side.B, sdp, code >= 200, ip(c.bDestination), null, null)
                .thenAcceptAsync(body -> {
                    if (c.state == CallState.ENDED) {
                        return;
                    }
                    String aTag = f == null ? c.aFirstTag : f.a.localTag();
                    SipResponse out = SipResponses.create(c.aInvite, code, r.reasonPhrase(), aTag);
                    out.addHeader("Contact", c.aEndpoint.contact().toString());
                    OutboundRequests.copyAllowed(r, out, true);
                    setBody(out, r, sdp, body);
                    if (code >= 200) {
                        sessionTimers.answeringA(c, out);
                    }
                    c.aTx.sendResponse(out);
                    if (code >= 200) {
                        startOk(c, Side.A, c.aTx, out, c.aInviteSeq, f, c.bInviteSeq);
                        if (code < 300) {
                            c.answeredToA();
                        }
                    }
                }, b2bua.loop));
    }

    // ---------------------------------------------------------------- CANCEL

    void cancel(Call c, NonInviteServerTransaction cancelTx, SipRequest cancel) {
        cancelTx.sendResponse(SipResponses.create(cancel, 200, "OK", null));
        if (!c.state.beforeAnswer()) {
            return;
        }
        if (c.aTx.lastStatusCode() < 200) {
            c.aTx.sendResponse(SipResponses.create(c.aInvite, 487, "Request Terminated", c.aFirstTag));
        }
        c.cancelPending = true;
        if (c.bTx != null && c.bTx.state() == TransactionState.PROCEEDING) {
            sendCancel(c);
        }
        b2bua.ctx.counters().failed.increment();
        c.endedBy(EndedBy.CALLER_CANCEL, "CANCEL");
        end(c);
    }

    private void sendCancel(Call c) {
        if (!c.cancelPending || c.bTx == null) {
            return;
        }
        c.cancelPending = false;
        c.bEndpoint.layer().sendRequest(c.bTx.createCancel(), c.bDestination);
    }

    // ---------------------------------------------------------------- 2xx and ACK

    /** RFC 3261 §13.3.1.4: the UAS core retransmits its 2xx at T1, 2*T1, ... (max T2) until the ACK, for 64*T1. */
    private void startOk(Call c, Side side, ServerTransaction tx, SipResponse ok, long cseq, Fork fork, long peerSeq) {
        UasOk p = new UasOk(side, tx, ok, cseq, fork, peerSeq);
        UasOk old = c.pendingOk[side.ordinal()];
        if (old != null && old.timer != null) {
            old.timer.cancel();
        }
        c.pendingOk[side.ordinal()] = p;
        if (!tx.destination().reliable()) {
            p.intervalMillis = c.endpoint(side).layer().config().timers().t1Millis();
            p.timer = b2bua.timers.schedule(p.intervalMillis, () -> retransmitOk(c, p));
        } else {
            p.timer = b2bua.timers.schedule(64 * c.endpoint(side).layer().config().timers().t1Millis(),
                    () -> noAck(c, p));
        }
    }

    private void retransmitOk(Call c, UasOk p) {
        if (c.pendingOk[p.side.ordinal()] != p || c.state == CallState.ENDED) {
            return;
        }
        long t1 = c.endpoint(p.side).layer().config().timers().t1Millis();
        long t2 = c.endpoint(p.side).layer().config().timers().t2Millis();
        p.elapsedMillis += p.intervalMillis;
        if (p.elapsedMillis >= 64 * t1) {
            noAck(c, p);
            return;
        }
        p.tx.sendResponse(p.ok);
        p.intervalMillis = Math.min(2 * p.intervalMillis, t2);
        p.timer = b2bua.timers.schedule(p.intervalMillis, () -> retransmitOk(c, p));
    }

    private void noAck(Call c, UasOk p) {
        if (c.pendingOk[p.side.ordinal()] != p) {
            return;
        }
        // RFC 3261 §13.3.1.4: no ACK for 64*T1: the session ends with BYE.
        // Counted, and logged at most once per interval: under overload thousands of calls per
        // second can end this way, and a line each flooded the log (issue #5 benchmark).
        b2bua.ctx.counters().ackTimeouts.increment();
        if (NO_ACK_LOG.allow()) {
            LOG.info("no ACK for a 2xx on side {}: ending the call ({} calls so far; logged at most every {} s)",
                    p.side, b2bua.ctx.counters().ackTimeouts(), NO_ACK_LOG_INTERVAL_MS / 1000);
        }
        c.endedBy(EndedBy.TIMEOUT, "no ACK");
        hangup(c); // still pending here, so the other leg's 2xx is ACKed before its BYE (ackOwed)
        c.pendingOk[p.side.ordinal()] = null;
    }

    void ack(Call c, SipRequest ack) {
        Side side = ack.callId().equals(c.aCallId) ? Side.A : Side.B;
        UasOk p = c.pendingOk[side.ordinal()];
        if (p == null || p.cseq != ack.cseqNumber()) {
            return; // a retransmitted ACK, or one for a 2xx we no longer track
        }
        c.pendingOk[side.ordinal()] = null;
        if (p.timer != null) {
            p.timer.cancel();
        }
        if (side == Side.A && c.state == CallState.ANSWERED) {
            c.state = CallState.CONFIRMED;
            b2bua.mediaWatch.watch(c);
        }
        c.inviteInProgress = false;
        Fork f = p.fork;
        if (f == null) {
            return;
        }
        f.dialog(side).confirm();
        Side peer = side.other();
        byte[] sdp = MediaAnchor.sdpOf(ack);
        c.then(b2bua, () -> media.sdp(c, side, sdp, true, ip(side == Side.A ? c.aSource : c.bDestination), null, null)
                .thenAcceptAsync(body -> {
                    SipRequest out = f.dialog(peer).createAck(p.peerInviteSeq, c.endpoint(peer).newVia());
                    setBody(out, ack, sdp, body);
                    sendAndKeepAck(c, f, peer, out);
                }, b2bua.loop));
    }

    /**
     * Sends {@code side} the ACK for its 2xx and keeps what rebuilds it ({@link SentAck}) to answer
     * that 2xx's retransmissions, for 64*T1: they reach the call only while the INVITE client
     * transaction lives (Timer M = 64*T1 from the 2xx, which came before this ACK, RFC 6026 §8.4).
     */
    private void sendAndKeepAck(Call c, Fork f, Side side, SipRequest ack) {
        SentAck kept = SentAck.of(ack);
        if (side == Side.B) {
            f.ackB = kept;
        } else {
            f.ackA = kept;
        }
        sendAck(c, side, ack, f.dialog(side));
        if (f.ackTimer != null) {
            f.ackTimer.cancel();
        }
        f.ackTimer = b2bua.timers.schedule(64 * c.endpoint(side).layer().config().timers().t1Millis(),
                () -> f.forgetAck(kept));
    }

    private void sendAck(Call c, Side side, SipRequest ack, Dialog d) {
        SipEndpoint ep = c.endpoint(side);
        ep.transport().send(ack, destination(c, side, d), reason -> LOG.debug("ACK not sent: {}", reason));
    }

    private void ackAndBye(Call c, SipResponse r) {
        ackAndBye(new EndedInvite(c.bProto, c.bEndpoint, c.bDestination), r);
    }

    /** A 2xx nobody wants (abandoned attempt, crossed CANCEL, ended call): ACK, then BYE (RFC 3261 §13.2.2.4). */
    void ackAndBye(EndedInvite e, SipResponse r) {
        Dialog d = e.proto().fork(r);
        SipEndpoint ep = e.endpoint();
        Destination dest = destination(e.destination(), d);
        ep.transport().send(d.createAck(r.cseqNumber(), ep.newVia()), dest,
                reason -> LOG.debug("ACK not sent: {}", reason));
        ep.layer().sendRequest(d.createRequest("BYE", ep.newVia()), dest);
    }

    // ---------------------------------------------------------------- in-dialog requests

    boolean inDialog(SipEndpoint ep, ServerTransaction tx, SipRequest r) {
        Call c = b2bua.lookup(r.callId(), r.toTag());
        SipMethod m = r.methodKind();
        if (c == null || c.state == CallState.ENDED) {
            if (m == SipMethod.OPTIONS) {
                return false; // the UA core answers OPTIONS
            }
            b2bua.respond(tx, r, 481, "Call/Transaction Does Not Exist", null);
            return true;
        }
        Side side = r.callId().equals(c.aCallId) ? Side.A : Side.B;
        Fork f = side == Side.A ? c.forkByA(r.toTag()) : c.forkByB(r.fromTag());
        if (f == null) {
            b2bua.respond(tx, r, 481, "Call/Transaction Does Not Exist", null);
            return true;
        }
        Dialog d = f.dialog(side);
        if (!d.acceptRemoteSeq(r.cseqNumber())) {
            b2bua.respond(tx, r, 500, "Out of Order", null); // RFC 3261 §12.2.2
            return true;
        }
        if (r.maxForwards() == 0) {
            b2bua.respond(tx, r, 483, "Too Many Hops", null);
            return true;
        }
        switch (m) {
            case BYE -> {
                tx.sendResponse(SipResponses.create(r, 200, "OK", null));
                c.endedBy(side == Side.B ? EndedBy.CALLEE_BYE
                        : c.state.beforeAnswer() ? EndedBy.CALLER_CANCEL : EndedBy.CALLER_BYE, "BYE");
                if (c.state.beforeAnswer() && side == Side.A) {
                    c.cancelPending = true;
                    sendCancelOrLater(c);
                    c.aTx.sendResponse(SipResponses.create(c.aInvite, 487, "Request Terminated", c.aFirstTag));
                    end(c);
                } else {
                    // In the call's order: an ACK still on its way to the other leg (waiting for the
                    // relay, or queued on the loop) leaves before this BYE, never after it.
                    c.then(b2bua, () -> {
                        bye(c, f, side.other());
                        end(c);
                        return CompletableFuture.completedFuture(null);
                    });
                }
            }
            case INVITE -> {
                if (c.inviteInProgress && c.inviteFrom != side) {
                    // RFC 3261 §14.2 glare: our INVITE toward this side is pending.
                    b2bua.respond(tx, r, 491, "Request Pending", null);
                } else if (c.inviteInProgress) {
                    // RFC 3261 §14.2: a second INVITE before the final response to the first.
                    b2bua.respond(tx, r, 500, "Server Internal Error", "3");
                } else {
                    c.inviteInProgress = true;
                    c.inviteFrom = side;
                    d.refreshTarget(r.contacts());
                    relay(c, f, side, tx, r);
                }
            }
            case REFER -> {
                Trunk t = c.trunk(side);
                ReferPolicy p = t == null ? Defaults.REFER : t.refer();
                if (p == ReferPolicy.REJECT) {
                    b2bua.respond(tx, r, 403, "Forbidden", null);
                } else {
                    relay(c, f, side, tx, r);
                }
            }
            case UPDATE -> {
                d.refreshTarget(r.contacts());
                if (sessionTimers.isLocalRefresh(c, side, r)) {
                    // RFC 4028: a refresh of this leg's session only; the other leg has its own timer.
                    SipResponse ok = SipResponses.create(r, 200, "OK", null);
                    ok.addHeader("Contact", ep.contact().toString());
                    SessionTimers.Leg leg = c.sessionTimers[side.ordinal()];
                    ok.addHeader("Session-Expires", leg.intervalSeconds + ";refresher=" + (leg.sbcRefreshes ? "uas" : "uac"));
                    tx.sendResponse(ok);
                    sessionTimers.refreshed(c, side);
                } else {
                    relay(c, f, side, tx, r);
                }
            }
            default -> relay(c, f, side, tx, r);
        }
        return true;
    }

    private void sendCancelOrLater(Call c) {
        if (c.bTx != null && c.bTx.state() == TransactionState.PROCEEDING) {
            sendCancel(c);
        }
    }

    private void relay(Call c, Fork f, Side side, ServerTransaction tx, SipRequest r) {
        Side to = side.other();
        byte[] sdp = MediaAnchor.sdpOf(r);
        c.then(b2bua, () -> media.sdp(c, side, sdp, false, ip(tx.destination()), null, null)
                .thenAcceptAsync(body -> {
                    if (c.state == CallState.ENDED) {
                        b2bua.respond(tx, r, 481, "Call/Transaction Does Not Exist", null);
                        return;
                    }
                    SipEndpoint ep = c.endpoint(to);
                    Dialog od = f.dialog(to);
                    SipRequest out = od.createRequest(r.method(), ep.newVia());
                    out.setHeader("Max-Forwards", Integer.toString(r.maxForwards() < 0 ? 70 : r.maxForwards() - 1));
                    OutboundRequests.copyAllowed(r, out, false);
                    String rack = r.header("RAck");
                    if (rack != null) {
                        // RFC 3262 §7.2: RAck names the INVITE's CSeq, which differs per leg; RSeq passes through.
                        String[] parts = rack.trim().split("\\s+");
                        if (parts.length == 3) {
                            out.addHeader("RAck", parts[0] + " " + c.inviteSeq(to) + " " + parts[2]);
                        }
                    }
                    String referTo = r.methodKind() == SipMethod.REFER ? r.header("Refer-To") : null;
                    if (referTo != null) {
                        // Relayed REFER (trunk refer: relay): the target's user part only, at the SBC's address
                        // on the leg that receives it, so the transfer comes back through the SBC.
                        NameAddr target = NameAddr.parse(referTo);
                        String user = target == null || target.sipUri() == null ? null : target.sipUri().user();
                        out.addHeader("Refer-To", NameAddr.of(SipUri.of(user, ep.host(), ep.port())).toString());
                    }
                    setBody(out, r, sdp, body);
                    Optional<ClientTransaction> ct = ep.layer().sendRequest(out, destination(c, to, od));
                    if (ct.isEmpty()) {
                        b2bua.respond(tx, r, 503, "Service Unavailable", null);
                        if (r.methodKind() == SipMethod.INVITE) {
                            c.inviteInProgress = false;
                        }
                    } else {
                        ct.get().applicationData(new Relay(c, f, side, tx, r));
                    }
                }, b2bua.loop));
    }

    void relayResponse(Relay rl, ClientTransaction ct, SipResponse r) {
        Call c = rl.call();
        int code = r.statusCode();
        if (code == 100) {
            return;
        }
        boolean invite = rl.received().methodKind() == SipMethod.INVITE;
        Side to = rl.from().other();
        if ((code == 401 || code == 407) && challenged.resign(rl, ct, r, to)) {
            return;
        }
        if (invite && code < 300 && code >= 200 && rl.serverTx().lastStatusCode() >= 200) {
            Fork f = rl.fork();
            SentAck ack = to == Side.B ? f.ackB : f.ackA;
            if (ack != null && ack.cseq() == ct.cseqNumber()) {
                Dialog d = f.dialog(to);
                sendAck(c, to, ack.rebuild(d, c.endpoint(to)), d); // 2xx retransmission: the same ACK again
            }
            return;
        }
        if (invite && code >= 200 && code < 300) {
            rl.fork().dialog(to).refreshTarget(r.contacts());
        }
        if ((invite || rl.received().methodKind() == SipMethod.UPDATE) && code >= 200 && code < 300) {
            sessionTimers.refreshed(c, rl.from());
        }
        byte[] sdp = MediaAnchor.sdpOf(r);
        c.then(b2bua, () -> media.sdp(c, to, sdp, invite && code >= 200, ip(ct.destination()), null, null)
                .thenAcceptAsync(body -> {
                    SipResponse out = SipResponses.create(rl.received(), code, r.reasonPhrase(), null);
                    SipMethod m = rl.received().methodKind();
                    if (m == SipMethod.INVITE || m == SipMethod.UPDATE || m == SipMethod.SUBSCRIBE
                            || m == SipMethod.REFER || m == SipMethod.NOTIFY) {
                        out.addHeader("Contact", c.endpoint(rl.from()).contact().toString());
                    }
                    OutboundRequests.copyAllowed(r, out, true);
                    setBody(out, r, sdp, body);
                    rl.serverTx().sendResponse(out);
                    if (invite && code >= 200) {
                        if (code < 300) {
                            startOk(c, rl.from(), rl.serverTx(), out, rl.received().cseqNumber(), rl.fork(),
                                    ct.cseqNumber());
                        } else {
                            c.inviteInProgress = false;
                        }
                    }
                }, b2bua.loop));
    }

    void relayFailed(Relay rl, int code, String reason) {
        if (rl.serverTx().lastStatusCode() < 200) {
            b2bua.respond(rl.serverTx(), rl.received(), code, reason, null);
        }
        if (rl.received().methodKind() == SipMethod.INVITE) {
            rl.call().inviteInProgress = false;
        }
    }

    // ---------------------------------------------------------------- ending

    /** Ends an established call from the SBC's side: BYE on both legs (max duration, media timeout, no ACK). */
    void hangup(Call c) {
        if (c.state == CallState.ENDED) {
            return;
        }
        Fork f = c.answered;
        if (f != null) {
            bye(c, f, Side.A);
            bye(c, f, Side.B);
        } else if (c.state.beforeAnswer()) {
            c.cancelPending = true;
            sendCancelOrLater(c);
            if (c.aTx.lastStatusCode() < 200) {
                c.aTx.sendResponse(SipResponses.create(c.aInvite, 503, "Service Unavailable", c.aFirstTag));
            }
        }
        end(c);
    }

    private void bye(Call c, Fork f, Side side) {
        Dialog d = f.dialog(side);
        if (d.state() == DialogState.TERMINATED) {
            return;
        }
        ackOwed(c, f, side);
        SipEndpoint ep = c.endpoint(side);
        Optional<ClientTransaction> ct = ep.layer().sendRequest(d.createRequest("BYE", ep.newVia()),
                destination(c, side, d));
        Trunk t = c.trunk(side);
        if (ct.isPresent() && t != null && t.auth() != null) {
            ct.get().applicationData(new ChallengedRequests.ChallengedBye(t, ep, d)); // a trunk may challenge our BYE
        }
        d.terminate();
    }

    /**
     * RFC 3261 §13.2.2.4: this leg's 2xx still awaits the ACK we relay from the other side, whose own
     * ACK has not arrived (lost, say, to a flood filling the socket). A BYE ahead of that ACK leaves
     * the peer retransmitting its 2xx, and a strict UA aborts on the "unexpected" BYE: the ACK goes
     * first, without a body (the session is ending, so no late answer is owed).
     */
    private void ackOwed(Call c, Fork f, Side side) {
        int other = side.other().ordinal();
        UasOk p = c.pendingOk[other];
        if (p == null || p.fork != f) {
            return;
        }
        c.pendingOk[other] = null;
        if (p.timer != null) {
            p.timer.cancel();
        }
        sendAndKeepAck(c, f, side, f.dialog(side).createAck(p.peerInviteSeq, c.endpoint(side).newVia()));
    }

    private void fail(Call c, int code, String reason) {
        if (c.state == CallState.ENDED) {
            return;
        }
        if (c.aTx.lastStatusCode() < 200) {
            SipResponse r = SipResponses.create(c.aInvite, code, reason, c.aFirstTag);
            if (code == 503) {
                r.addHeader("Retry-After", B2bua.RETRY_AFTER_SECONDS);
            }
            c.aTx.sendResponse(r);
        }
        b2bua.ctx.counters().failed.increment();
        c.endedBy(EndedBy.ERROR, code + " " + reason);
        end(c);
    }

    void end(Call c) {
        if (c.state == CallState.ENDED) {
            return;
        }
        c.state = CallState.ENDED;
        cancelAttemptTimer(c);
        if (c.setupTimer != null) {
            c.setupTimer.cancel();
            c.setupTimer = null;
        }
        if (c.durationTimer != null) {
            c.durationTimer.cancel();
            c.durationTimer = null;
        }
        for (int i = 0; i < c.pendingOk.length; i++) {
            if (c.pendingOk[i] != null && c.pendingOk[i].timer != null) {
                c.pendingOk[i].timer.cancel();
            }
            c.pendingOk[i] = null;
        }
        for (Fork f : c.forks) {
            f.a.terminate();
            f.b.terminate();
            f.ended();
        }
        sessionTimers.cancel(c);
        // The call's INVITE transactions live up to 32 s more (Timers L, M): they stop pointing at the
        // call. A's has its final response, so a late CANCEL gets the UA core's 200 (RFC 3261 §9.2);
        // B's keeps what a late 2xx needs, unless it still waits for its final response (then the
        // call itself, which sends the pending CANCEL on the first provisional, §9.1).
        c.aTx.applicationData(null);
        InviteClientTransaction bTx = c.bTx;
        if (bTx != null && (bTx.state() == TransactionState.ACCEPTED || bTx.state() == TransactionState.COMPLETED)) {
            bTx.applicationData(new EndedInvite(c.bProto, c.bEndpoint, c.bDestination));
        }
        b2bua.ends.ended(c); // the relay's delete (its reply has the media figures) and the CDR
        b2bua.release(c);
    }

    private void startDurationTimer(Call c) {
        Duration max = c.attempt.trunk().maxCallDuration();
        Trunk src = c.sourceTrunk;
        if (src != null && src.maxCallDuration() != null && (max == null || src.maxCallDuration().compareTo(max) < 0)) {
            max = src.maxCallDuration();
        }
        if (max != null && !max.isZero()) {
            c.durationTimer = b2bua.timers.schedule(max.toMillis(), () -> {
                c.durationTimer = null;
                LOG.info("call reached its maximum duration: ending it");
                b2bua.ctx.counters().durationLimits.increment();
                c.endedBy(EndedBy.MAX_DURATION, "max call duration");
                hangup(c);
            });
        }
    }

    private static void cancelAttemptTimer(Call c) {
        if (c.attemptTimer != null) {
            c.attemptTimer.cancel();
            c.attemptTimer = null;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Puts the relayed body on {@code out}: the relay's SDP, the original non-SDP body, or none. */
    private static void setBody(SipMessage out, SipMessage received, byte[] sdp, byte[] rewritten) {
        if (sdp.length > 0) {
            if (rewritten != null && rewritten.length > 0) {
                out.setBody("application/sdp", rewritten);
            }
        } else if (received.bodySize() > 0) {
            out.setBody(received.contentType(), received.body());
        }
    }

    /**
     * Where a request inside the dialog goes: its next hop when that is an IP address, else where the
     * leg's peer is. Over TCP/TLS/WS the connection the leg's INVITE came in on is used while it is
     * open (RFC 5923 connection reuse; a PBX behind NAT or with a Contact port it does not listen on is
     * reachable only there), with the next hop as the address to connect to once it has closed.
     */
    Destination destination(Call c, Side side, Dialog d) {
        return destination(side == Side.A ? c.aSource : c.bDestination, d);
    }

    private static Destination destination(Destination base, Dialog d) {
        SipUri hop = d.nextHop();
        InetSocketAddress a = hop == null ? null : literal(hop.host(), hop.port() > 0 ? hop.port() : 5060);
        if (a == null || (base.reliable() && a.equals(base.remote()))) {
            return base;
        }
        if (base.reliable() && base.connectionId() != Destination.NO_CONNECTION) {
            return new Destination(base.transport(), a, base.connectionId());
        }
        return Destination.of(base.transport(), a);
    }

    private static String ip(Destination d) {
        return d == null ? null : d.remote().getAddress().getHostAddress();
    }

    /** An IP literal as an address (no DNS: host names are not resolved on the event loop), or null. */
    static InetSocketAddress literal(String host, int port) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        boolean v6 = host.indexOf(':') >= 0;
        if (!v6) {
            for (int i = 0; i < host.length(); i++) {
                char ch = host.charAt(i);
                if ((ch < '0' || ch > '9') && ch != '.') {
                    return null;
                }
            }
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
