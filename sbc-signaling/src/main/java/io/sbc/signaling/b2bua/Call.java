package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.model.Trunk;
import io.sbc.signaling.cdr.CdrRecord;
import io.sbc.signaling.dialog.Dialog;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.routing.CallAttempt;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.InviteClientTransaction;
import io.sbc.signaling.transaction.InviteServerTransaction;
import io.sbc.signaling.transaction.TimerHandle;
import io.sbc.signaling.transport.LogThrottle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One B2BUA call: the caller's leg A (the SBC is UAS), the callee's leg B (the SBC is UAC), their
 * dialogs (one pair per fork), routing attempts, media anchoring state and timers. Keeps the
 * {@link PolicySnapshot} it started with, so a reload never changes the rules under it.
 *
 * <p>Owner: the event loop of the worker that owns both legs' Call-IDs. Every field is read and
 * written there only; steps that wait for the media relay are chained ({@link #then}) so a call's
 * messages leave in the order they arrived.
 */
final class Call {
    private static final Logger LOG = LoggerFactory.getLogger(Call.class);
    private static final LogThrottle STEP_FAILURE_LOG = new LogThrottle(10_000);
    final String mediaId;
    final PolicySnapshot policy;
    final long startedNanos;
    CallState state = CallState.ROUTING;

    // leg A
    final SipEndpoint aEndpoint;
    final Destination aSource;
    /**
     * The caller's INVITE, until the 2xx to it is sent ({@link #answeredToA}); null after. Errors
     * answered on A and the A-side dialog of each fork are built from it, so only before the answer.
     * A held call keeps its key fields instead ({@link #aCallId}, {@link #aInviteSeq}, the offer's
     * facts for the CDR): the whole message (raw bytes, header index, parsed headers, SDP) was the
     * largest part of its state.
     */
    SipRequest aInvite;
    /** Call-ID of leg A (the caller's). */
    final String aCallId;
    /** CSeq number of the caller's INVITE. */
    final long aInviteSeq;
    /** The INVITE server transaction on A; after the answer it keeps only its key and status (Transaction#releaseRequest). */
    final InviteServerTransaction aTx;
    final EvalContext in;
    final Trunk sourceTrunk;
    /**
     * The request after the inbound rules, from which each attempt's INVITE is built; null once the
     * callee answered ({@link #answeredBy}): no INVITE is built after that, and the draft (header
     * names and values, body) is the largest part of a held call's state that nothing reads.
     */
    MessageDraft inbound;
    /** Calling user after the inbound rules (CDR, /api/calls), null when none. */
    final String caller;
    /** Called user after the number rules (CDR, /api/calls), null when none. */
    final String callee;
    final String aMediaTag;
    /** A-side To tag of the first fork; later forks get their own. */
    final String aFirstTag;

    /** The trunk this call was admitted against (its concurrent-call slot is freed at the end). */
    String admittedTrunk;

    // leg B
    List<CallAttempt> attempts = List.of();
    int attemptIndex = -1;
    CallAttempt attempt;
    SipEndpoint bEndpoint;
    Destination bDestination;
    String bCallId;
    String bTag;
    final String bMediaTag;
    long bInviteSeq;
    Dialog bProto;
    /**
     * The INVITE client transaction of the current attempt, kept for the whole call: its identity tells
     * a retransmission of the answering 2xx (ACKed again) from a late 2xx of an abandoned attempt (ACK
     * and BYE). After its final response it holds its key fields only, not the INVITE.
     */
    InviteClientTransaction bTx;
    /** A provisional other than 100 arrived on B: no failover from here on (the callee is ringing). */
    boolean bRinging;
    boolean anyResponse;
    boolean cancelPending;
    /** The current attempt was already re-sent with credentials once (TrunkChallenges). */
    boolean authRetried;
    /** The SDP offer each attempt's INVITE carries; emptied once answered (only INVITEs read it). */
    byte[] bOfferBody = new byte[0];
    /** Min-SE from the callee's 422 (RFC 4028 §7.4), offered on the retried INVITE; 0 when none. */
    long bMinSe;
    /** Retries of the current attempt after 422 (bounded by SessionTimers.MAX_422_RETRIES). */
    int sessionRetries;
    final List<Fork> forks = new ArrayList<>(2);
    Fork answered;

    // media
    boolean anchored;
    /** The side whose SDP offer waits for an answer, or null. */
    Side offerer;

    // mid-dialog
    /** An INVITE transaction (initial or re-INVITE) is in progress: a new re-INVITE gets 491 (RFC 3261 §14.1). */
    boolean inviteInProgress = true;
    /** The side whose INVITE is in progress (A for the initial one). */
    Side inviteFrom = Side.A;
    final UasOk[] pendingOk = new UasOk[2];
    /** RFC 4028 session timer per leg (index {@link Side#ordinal()}), null when the leg has none. */
    final SessionTimers.Leg[] sessionTimers = new SessionTimers.Leg[2];
    TimerHandle attemptTimer;
    TimerHandle setupTimer;
    /** When the caller's ACK confirmed the call (epoch seconds; media timeout counts from here). */
    long confirmedEpochSeconds;
    TimerHandle durationTimer;

    private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

    // call detail record (written by CallEnds; see endedBy)
    /** When the INVITE arrived (epoch ms). */
    final long startMillis = System.currentTimeMillis();
    /** When the callee's 2xx arrived (epoch ms), 0 before. */
    long answerMillis;
    /** SDP of the callee's 2xx (codecs and SRTP for the CDR), empty when none. */
    byte[] answerSdp = new byte[0];
    /** SRTP offered in the caller's INVITE (CDR), noted when {@link #aInvite} is dropped. */
    boolean offerSrtp;
    /** The caller's SDP offer when the answer had none (CDR codecs), noted when {@link #aInvite} is dropped. */
    byte[] offerSdp = NO_BODY;
    /** The INVITE's processing time was observed (forwarded on B, or answered on A). */
    boolean inviteTimed;
    /** The call's record was handed over (exactly once per call). */
    boolean recorded;
    CdrRecord.EndedBy endedBy;
    String endReason;

    /**
     * The callee answered: drops what only the building of INVITE attempts needs (the inbound
     * draft and the offer body), so a held call does not keep them for its whole life.
     */
    void answeredBy(Fork f) {
        answered = f;
        inbound = null;
        bOfferBody = NO_BODY;
    }

    private static final byte[] NO_BODY = new byte[0];

    /**
     * The 2xx to the caller's INVITE was sent: the INVITE is dropped, keeping what the CDR reads from
     * its SDP offer (SRTP offered; the codecs only when the answer had no SDP).
     */
    void answeredToA() {
        if (aInvite == null) {
            return;
        }
        byte[] offer = MediaAnchor.sdpOf(aInvite);
        offerSrtp = CallEnds.SdpFacts.srtp(offer);
        offerSdp = answerSdp.length > 0 ? NO_BODY : offer;
        aInvite = null;
    }

    /** The caller's SDP offer (CDR codecs when the answer had none). */
    byte[] offerSdp() {
        return aInvite != null ? MediaAnchor.sdpOf(aInvite) : offerSdp;
    }

    /** SRTP was offered by the caller (CDR). */
    boolean offeredSrtp() {
        return aInvite != null ? CallEnds.SdpFacts.srtp(MediaAnchor.sdpOf(aInvite)) : offerSrtp;
    }

    /** Notes why the call ends; the first cause given wins (a BYE after a timeout BYE changes nothing). */
    void endedBy(CdrRecord.EndedBy by, String reason) {
        if (endedBy == null) {
            endedBy = by;
            endReason = reason;
        }
    }

    Call(String mediaId, PolicySnapshot policy, SipEndpoint aEndpoint, Destination aSource, SipRequest aInvite,
            InviteServerTransaction aTx, EvalContext in, Trunk sourceTrunk, MessageDraft inbound, String aFirstTag,
            String aMediaTag, String bMediaTag, long startedNanos) {
        this.mediaId = mediaId;
        this.policy = policy;
        this.aEndpoint = aEndpoint;
        this.aSource = aSource;
        this.aInvite = aInvite;
        this.aCallId = aInvite.callId();
        this.aInviteSeq = aInvite.cseqNumber();
        this.aTx = aTx;
        this.in = in;
        this.sourceTrunk = sourceTrunk;
        this.inbound = inbound;
        this.caller = inbound.fromUser();
        this.callee = inbound.ruriUser();
        this.aFirstTag = aFirstTag;
        this.aMediaTag = aMediaTag;
        this.bMediaTag = bMediaTag;
        this.startedNanos = startedNanos;
    }

    /**
     * Runs {@code step} on the B2BUA's loop after every earlier step of this call has finished (a
     * step that waits for the relay delays the later ones). A failed step does not stop the chain,
     * but it is counted and logged (at most every 10 s): swallowed silently, a bug here would only
     * show as a call that never ends.
     */
    void then(B2bua b2bua, Supplier<CompletableFuture<?>> step) {
        chain = chain.thenComposeAsync(v -> step.get(), b2bua.loop).handle((x, e) -> {
            if (e != null) {
                stepFailed(b2bua.ctx.counters(), e);
            }
            return null;
        });
    }

    private void stepFailed(B2buaCounters counters, Throwable e) {
        counters.stepFailures.increment();
        if (STEP_FAILURE_LOG.allow()) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            LOG.warn("call {}: a call step failed ({} so far); the call goes on: {}", aCallId,
                    counters.stepFailures(), cause.toString(), cause);
        }
    }

    String mediaTag(Side side) {
        return side == Side.A ? aMediaTag : bMediaTag;
    }

    SipEndpoint endpoint(Side side) {
        return side == Side.A ? aEndpoint : bEndpoint;
    }

    Trunk trunk(Side side) {
        return side == Side.A ? sourceTrunk : attempt == null ? null : attempt.trunk();
    }

    /** CSeq of the dialog-creating INVITE on {@code side} (for RAck rewriting, RFC 3262 §7.2). */
    long inviteSeq(Side side) {
        return side == Side.A ? aInviteSeq : bInviteSeq;
    }

    Fork forkByB(String bRemoteTag) {
        for (Fork f : forks) {
            if (bRemoteTag != null && bRemoteTag.equals(f.b.remoteTag())) {
                return f;
            }
        }
        return null;
    }

    Fork forkByA(String aLocalTag) {
        for (Fork f : forks) {
            if (f.a.localTag().equals(aLocalTag)) {
                return f;
            }
        }
        return null;
    }
}
