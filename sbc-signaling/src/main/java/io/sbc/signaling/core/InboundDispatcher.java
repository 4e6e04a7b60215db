package io.sbc.signaling.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.sbc.signaling.codec.ParseError;
import io.sbc.signaling.codec.ParseErrorReason;
import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.codec.SipParserLimits;
import io.sbc.signaling.gate.Gate;
import io.sbc.signaling.gate.Verdict;
import io.sbc.signaling.message.SipMethod;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transport.Flow;
import io.sbc.signaling.transport.FrameListener;
import io.sbc.signaling.transport.LogThrottle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The first stage above the transports: parses each frame, answers or drops what is malformed, and
 * hands every good message to the worker that owns its Call-ID (the message is parsed on the loop
 * it arrived on and handed over at most once).
 *
 * <p>Reply or drop (style guide §4): a malformed request whose top Via, From, To, Call-ID and CSeq
 * could be read gets a stateless 400 (505, 513) with the reason in the reason phrase; responses,
 * ACKs and anything less readable are dropped. Either way the reason is counted. Nothing thrown
 * here reaches the event loop.
 *
 * <p>Gate (design "Signaling data flow" step 2): when one is installed ({@link #useGate}), every
 * frame first passes the realm ACL, the ban list and the source's token bucket, before any byte is
 * copied or parsed; a dropped frame costs no allocation. After parsing, malformed messages and
 * scanner User-Agents score the source. A trusted source over its budget, and a new INVITE or
 * REGISTER while the event loops lag, get 503 with Retry-After (RFC 3261 §21.5.4); requests inside
 * a dialog (a To tag) and responses are always served.
 *
 * <p>Thread-safe: runs on every I/O event loop; each loop has its own parser.
 */
final class InboundDispatcher implements FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final SignalingCounters counters;
    private final FastThreadLocal<SipParser> parsers;
    private volatile Map<String, Integer> maxMessageBytes = Map.of();
    private volatile SignalingWorker[] workers;
    private volatile io.sbc.signaling.capture.SipCapture capture = io.sbc.signaling.capture.SipCapture.NONE;
    private volatile ResponseSender sender;
    private volatile Gate gate;
    private volatile io.sbc.signaling.gate.PeerOverload peerOverload;
    /** Realms whose new INVITEs get their 100 Trying on receipt (see {@link #tryingOnReceipt}). */
    private volatile java.util.Set<String> tryingOnReceiptRealms = java.util.Set.of();
    private volatile io.sbc.signaling.gate.OverloadDetector overload;
    private final FastThreadLocal<RecentInvites> recentInvites = new FastThreadLocal<>() {
        @Override
        protected RecentInvites initialValue() {
            return new RecentInvites(RecentInvites.DEFAULT_SLOTS);
        }
    };
    private final LogThrottle malformedLog = new LogThrottle(1000);
    private final LogThrottle errorLog = new LogThrottle(1000);

    InboundDispatcher(SignalingCounters counters, int parserMaxBytes) {
        this.counters = counters;
        SipParserLimits limits = SipParserLimits.defaults().withMaxMessageBytes(parserMaxBytes);
        this.parsers = new FastThreadLocal<>() {
            @Override
            protected SipParser initialValue() {
                return new SipParser(limits);
            }
        };
    }

    /** Installs the workers (after the transports started) and the per-realm size limits. */
    void ready(SignalingWorker[] workers, ResponseSender sender, Map<String, Integer> maxMessageBytesByRealm) {
        this.sender = sender;
        this.maxMessageBytes = Map.copyOf(maxMessageBytesByRealm);
        this.workers = workers;
    }

    /**
     * Installs the DoS gate (null: none). Call before {@link #ready} so no frame passes ungated.
     * Overload control is the workers' (after transaction matching), not the gate's.
     */
    /** Records RFC 7339 {@code oc} values from the responses of downstream peers (null: none). */
    void usePeerOverload(io.sbc.signaling.gate.PeerOverload table) {
        this.peerOverload = table;
    }

    /**
     * The realms whose new INVITEs are answered 100 Trying by the thread that received them (those
     * that neither challenge INVITEs nor delay the 100), and the overload detector whose refusals
     * need no 100. Any thread; replaces the previous set.
     */
    void tryingOnReceipt(java.util.Set<String> realms, io.sbc.signaling.gate.OverloadDetector detector) {
        this.overload = detector;
        this.tryingOnReceiptRealms = java.util.Set.copyOf(realms);
    }

    void useGate(Gate gate) {
        this.gate = gate;
    }

    /** The capture that sees every received message (HEP, per-call traces); set before start. */
    void capture(io.sbc.signaling.capture.SipCapture c) {
        this.capture = c;
    }

    void stopped() {
        this.workers = null;
    }

    @Override
    public void onFrame(Flow flow, ByteBuf frame) {
        try {
            dispatch(flow, frame);
        } catch (RuntimeException e) {
            counters.drop(SignalingCounters.Drop.INTERNAL_ERROR);
            if (errorLog.allow()) {
                LOG.error("internal error on a message from {}: {}", flow, e.toString(), e);
            }
        }
    }

    private void dispatch(Flow flow, ByteBuf frame) {
        SignalingWorker[] ws = workers;
        if (ws == null) {
            counters.drop(SignalingCounters.Drop.NOT_READY);
            return;
        }
        Gate g = gate;
        int realm = -1;
        long now = 0;
        Verdict verdict = Verdict.PASS;
        if (g != null) {
            realm = g.realmIndex(flow.realm());
            now = System.nanoTime();
            verdict = g.check(realm, flow.remote(), now);
            if (verdict.dropped()) {
                return; // silently, counted by the gate (sbc_gate_dropped_total)
            }
        }
        int len = frame.readableBytes();
        Integer realmMax = maxMessageBytes.get(flow.realm());
        if (realmMax != null && len > realmMax) {
            oversize(flow, frame);
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(frame);
        ParseResult result = parsers.get().parse(bytes, 0, len);
        io.sbc.signaling.capture.SipCapture c = capture;
        if (c != io.sbc.signaling.capture.SipCapture.NONE) {
            c.capture(true, flow.transport().viaToken(), flow.remote(), flow.local(), bytes, 0, len,
                    result.ok() ? result.message().callId() : null, io.sbc.signaling.capture.SipCapture.nowMicros());
        }
        if (!result.ok()) {
            if (g != null) {
                g.onMalformed(realm, flow.remote(), now);
            }
            malformed(flow, result.error());
            return;
        }
        SipMessage message = result.message();
        if (g != null && message instanceof SipRequest request && !admitted(g, realm, verdict, flow, request, now)) {
            return;
        }
        if (message instanceof SipRequest request) {
            counters.messages().request(flow.realm(), SipMessageCounts.IN, request.methodKind());
        } else {
            io.sbc.signaling.gate.PeerOverload po = peerOverload;
            if (po != null) {
                po.onResponse(flow.remote(), message.topVia(), System.nanoTime()); // RFC 7339 oc from a gateway
            }
            counters.messages().response(flow.realm(), SipMessageCounts.IN, ((SipResponse) message).statusCode());
        }
        SignalingWorker owner = ws[ownerIndex(message.callId(), ws.length)];
        if (message instanceof SipRequest request) {
            // RFC 3261 §18.2.1, RFC 3581 §4: received/rport, before anything answers the request.
            Via top = request.topVia();
            Via stamped = ResponseRouting.stampReceived(top, flow.remote());
            if (stamped != top) {
                request.popVia();
                request.pushVia(stamped);
            }
        }
        if (owner.loop.inEventLoop()) {
            owner.receive(message, flow);
        } else {
            if (message instanceof SipRequest request) {
                tryingOnReceipt(request, flow);
            }
            counters.handoff();
            owner.loop.execute(() -> {
                try {
                    owner.receive(message, flow);
                } catch (RuntimeException e) {
                    counters.drop(SignalingCounters.Drop.INTERNAL_ERROR);
                    if (errorLog.allow()) {
                        LOG.error("internal error on a message from {}: {}", flow, e.toString(), e);
                    }
                }
            });
        }
    }

    /**
     * A new INVITE received on another thread than its worker's (the UDP edge loop) gets its 100
     * Trying here, before the hand-over: RFC 3261 §17.2.1 lets the server transaction send it at once,
     * and the worker may be busy with other calls' work for a while (issue #5: INVITE to 100 Trying
     * latency). The worker's transaction adopts it ({@link SipRequest#sentTrying()}). Not for realms
     * that challenge INVITEs or delay the 100, nor while overload control refuses new INVITEs (503
     * follows, a 100 would be wasted work), nor for a retransmission ({@link RecentInvites}).
     */
    private void tryingOnReceipt(SipRequest request, Flow flow) {
        if (!request.is(SipMethod.INVITE) || request.toTag() != null
                || !tryingOnReceiptRealms.contains(flow.realm())) {
            return;
        }
        io.sbc.signaling.gate.OverloadDetector o = overload;
        if (o != null && o.refuseNewWork()) {
            return;
        }
        Via top = request.topVia();
        if (!recentInvites.get().firstSeen(request.callId(), request.cseqNumber(), top == null ? null : top.branch())) {
            return;
        }
        SipResponse trying = io.sbc.signaling.transaction.InviteServerTransaction.trying(request);
        request.sentTrying(trying);
        sender.sendResponse(trying, flow.listenPoint(), flow.remote(), flow.connectionId());
    }

    /**
     * The gate's decisions that need a parsed request: scanners are dropped unanswered (and banned);
     * a trusted source over budget gets 503 + Retry-After. ACKs and responses are always served.
     */
    private boolean admitted(Gate g, int realm, Verdict verdict, Flow flow, SipRequest request, long now) {
        if (g.isScanner(request.header("User-Agent"))) {
            g.onScannerUserAgent(realm, flow.remote(), now);
            return false;
        }
        SipMethod method = request.methodKind();
        if (verdict == Verdict.OVER_BUDGET_TRUSTED && method != SipMethod.ACK) {
            // An ACK cannot be answered and completes a transaction the SBC already spent work on.
            replyStateless(flow, request, 503, "Service Unavailable", g.config().retryAfterSeconds());
            return false;
        }
        // Overload control is not here but in the worker, after transaction matching: refused
        // statelessly here, a retransmitted INVITE would get a 503 for a call already being set up.
        return true;
    }

    /** The worker that owns a Call-ID; the B2BUA picks outbound Call-IDs that land on the same one. */
    static int ownerIndex(String callId, int workers) {
        return io.sbc.signaling.routing.CallIds.ownerIndex(callId, workers);
    }

    @Override
    public void onOversize(Flow flow, ByteBuf head) {
        Gate g = gate;
        try {
            if (g != null && g.check(g.realmIndex(flow.realm()), flow.remote(), System.nanoTime()).dropped()) {
                return;
            }
        } catch (RuntimeException e) {
            counters.drop(SignalingCounters.Drop.INTERNAL_ERROR);
            return;
        }
        oversize(flow, head);
    }

    /** Counts an oversize message and answers 513 when its head is readable (already gated). */
    private void oversize(Flow flow, ByteBuf head) {
        try {
            counters.countMalformed(ParseErrorReason.TOO_LARGE);
            counters.drop(SignalingCounters.Drop.OVERSIZE);
            if (head.readableBytes() == 0) {
                return;
            }
            // Parse what arrived: the head usually holds the whole header section, enough to answer 513.
            ParseResult r = parsers.get().parse(ByteBufUtil.getBytes(head), 0, head.readableBytes());
            SipRequest answerable = r.ok()
                    ? (r.message() instanceof SipRequest req ? req : null)
                    : r.error().answerable();
            if (answerable != null && answerable.methodKind() != SipMethod.ACK) {
                replyStateless(flow, answerable, 513, "Message Too Large");
            }
        } catch (RuntimeException e) {
            counters.drop(SignalingCounters.Drop.INTERNAL_ERROR);
            if (errorLog.allow()) {
                LOG.error("internal error on an oversize message from {}: {}", flow, e.toString(), e);
            }
        }
    }

    private void malformed(Flow flow, ParseError error) {
        counters.countMalformed(error.reason());
        counters.drop(SignalingCounters.Drop.MALFORMED);
        if (malformedLog.allow()) {
            LOG.info("malformed message from {}: {} at byte {}{}", flow, error.reason().reasonPhrase(), error.offset(),
                    error.detail() == null ? "" : " (" + error.detail() + ")");
        }
        SipRequest answerable = error.answerable();
        if (answerable != null) {
            replyStateless(flow, answerable, error.reason().statusCode(), error.reason().reasonPhrase());
        }
    }

    private void replyStateless(Flow flow, SipRequest request, int code, String reason) {
        replyStateless(flow, request, code, reason, -1);
    }

    private void replyStateless(Flow flow, SipRequest request, int code, String reason, int retryAfterSeconds) {
        Via top = request.topVia();
        if (top != null) {
            Via stamped = ResponseRouting.stampReceived(top, flow.remote());
            if (stamped != top) {
                request.popVia();
                request.pushVia(stamped);
            }
        }
        SipResponse response = UserAgentCore.response(request, code, reason);
        if (retryAfterSeconds >= 0) {
            response.setHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        counters.statelessReply();
        sender.sendResponse(response, flow.listenPoint(), flow.remote(), flow.connectionId());
    }
}
