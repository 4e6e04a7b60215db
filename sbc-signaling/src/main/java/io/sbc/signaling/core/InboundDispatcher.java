package io.sbc.signaling.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.sbc.signaling.codec.ParseError;
import io.sbc.signaling.codec.ParseErrorReason;
import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.codec.SipParserLimits;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transport.Flow;
import io.sbc.signaling.transport.FrameListener;
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
 * <p>Thread-safe: runs on every I/O event loop; each loop has its own parser.
 */
final class InboundDispatcher implements FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger(InboundDispatcher.class);

    private final SignalingCounters counters;
    private final FastThreadLocal<SipParser> parsers;
    private volatile Map<String, Integer> maxMessageBytes = Map.of();
    private volatile SignalingWorker[] workers;
    private volatile ResponseSender sender;
    private final RateLimitedLog malformedLog = new RateLimitedLog(1000);
    private final RateLimitedLog errorLog = new RateLimitedLog(1000);

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
        int len = frame.readableBytes();
        Integer realmMax = maxMessageBytes.get(flow.realm());
        if (realmMax != null && len > realmMax) {
            onOversize(flow, frame);
            return;
        }
        byte[] bytes = ByteBufUtil.getBytes(frame);
        ParseResult result = parsers.get().parse(bytes, 0, len);
        if (!result.ok()) {
            malformed(flow, result.error());
            return;
        }
        SipMessage message = result.message();
        if (message instanceof SipRequest request) {
            counters.messages().request(flow.realm(), SipMessageCounts.IN, request.methodKind());
        } else {
            counters.messages().response(flow.realm(), SipMessageCounts.IN, ((SipResponse) message).statusCode());
        }
        SignalingWorker owner = ws[ownerIndex(message.callId(), ws.length)];
        if (owner.loop.inEventLoop()) {
            owner.receive(message, flow);
        } else {
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

    /** The worker that owns a Call-ID; the B2BUA picks outbound Call-IDs that land on the same one. */
    static int ownerIndex(String callId, int workers) {
        return (callId.hashCode() & 0x7fffffff) % workers;
    }

    @Override
    public void onOversize(Flow flow, ByteBuf head) {
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
            if (answerable != null && answerable.methodKind() != io.sbc.signaling.message.SipMethod.ACK) {
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
        Via top = request.topVia();
        if (top != null) {
            Via stamped = ResponseRouting.stampReceived(top, flow.remote());
            if (stamped != top) {
                request.popVia();
                request.pushVia(stamped);
            }
        }
        SipResponse response = UserAgentCore.response(request, code, reason);
        counters.statelessReply();
        sender.sendResponse(response, flow.listenPoint(), flow.remote(), flow.connectionId());
    }
}
