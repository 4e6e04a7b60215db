package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDecoder;
import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeResult;
import io.sbc.media.bencode.BencodeString;
import io.sbc.media.bencode.BencodeValue;
import io.sbc.media.sdp.SdpParser;
import io.sbc.media.sdp.SdpRewriter;
import io.sbc.media.session.Call;
import io.sbc.media.session.DeleteResult;
import io.sbc.media.session.MediaSessions;
import io.sbc.media.session.MediaTimeoutNotice;
import io.sbc.media.session.ReceptionFigures;
import io.sbc.media.session.RelayStatistics;
import io.sbc.media.session.SignalRequest;
import io.sbc.media.session.SignalResult;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs ng commands (ng-protocol.md §2–§4): a table from command name to handler, each turning a
 * request dictionary into a reply dictionary. Every failure is a reply ({@code result: error} with
 * {@code error-reason}); nothing escapes, not even a bug in a handler.
 *
 * <p>Media timeouts reported by relay workers (through a {@link MediaTimeoutInbox}) are applied to
 * the sessions in {@link #housekeeping()}; each call that is found dead yields one
 * {@link TimeoutNotification} for the controller that last sent its offer/answer, collected with
 * {@link #takeNotifications()} and sent by {@link NgServer} from the ng socket.
 *
 * <p>{@code query} and {@code delete} replies carry each stream's reception quality (loss, jitter,
 * MOS), which the relay worker owning the stream computes on request. {@link #handlePayload} waits
 * for those snapshots at most {@link #FIGURES_WAIT_MS}; {@link #handleWithoutWaiting} (the ng
 * server's path) returns an {@link AwaitedFigures} instead, so the control thread goes on with
 * other commands while the workers answer.
 *
 * <p>Owner: the control thread (it drives {@link MediaSessions}, which is single-threaded).
 */
public final class NgCommandDispatcher {
    /** rtpengine's default {@code list} limit. */
    public static final int DEFAULT_LIST_LIMIT = 32;
    /** Hard bound on {@code list}, so the reply fits a UDP datagram (call-ids of ~40 bytes each). */
    public static final int MAX_LIST_LIMIT = 1000;
    /** Longest the control thread waits for relay workers' stream figures in {@code query}/{@code delete}. */
    public static final long FIGURES_WAIT_MS = 200;

    private interface Handler {
        BencodeDictionary handle(NgArguments args);
    }

    private final MediaSessions sessions;
    private final SignalRequestParser requestParser;
    private final BencodeDecoder decoder = new BencodeDecoder();
    private final Map<String, Handler> commands = new LinkedHashMap<>();
    private final NgCounters counters = new NgCounters();
    private final MediaTimeoutInbox timeouts;
    private final List<TimeoutNotification> outbox = new ArrayList<>();
    /** Distinguishes this relay instance's notification cookies from another run's. */
    private final String cookiePrefix = "timeout-" + Long.toHexString(System.nanoTime() & 0xffffffffL) + "-";
    private long notificationSeq;
    /** Source of the request being dispatched (null for in-process callers). */
    private InetSocketAddress source;
    /** True while {@link #handleWithoutWaiting} runs: replies needing figures are deferred, not awaited. */
    private boolean deferFigures;
    /** The reply {@link #figuresReply} deferred during the current request, else null. */
    private AwaitedFigures deferred;
    /** Placeholder a handler returns when it deferred its reply; never encoded or sent. */
    private static final BencodeDictionary DEFERRED = BencodeDictionary.builder().put("result", "ok").build();

    /**
     * The outcome of {@link #handleWithoutWaiting}: an encoded reply payload, or (payload null) a reply
     * that waits for relay workers' figures.
     */
    record Outcome(byte[] payload, AwaitedFigures awaiting) {
    }

    public NgCommandDispatcher(MediaSessions sessions) {
        this(sessions, new SdpParser(), null);
    }

    public NgCommandDispatcher(MediaSessions sessions, SdpParser sdpParser) {
        this(sessions, sdpParser, null);
    }

    /** @param timeouts where relay workers report silent streams; null when nobody reports them */
    public NgCommandDispatcher(MediaSessions sessions, MediaTimeoutInbox timeouts) {
        this(sessions, new SdpParser(), timeouts);
    }

    public NgCommandDispatcher(MediaSessions sessions, SdpParser sdpParser, MediaTimeoutInbox timeouts) {
        this.sessions = sessions;
        this.timeouts = timeouts;
        this.requestParser = new SignalRequestParser(sdpParser);
        commands.put("ping", a -> BencodeDictionary.builder().put("result", "pong").build());
        commands.put("offer", a -> signal(a, false));
        commands.put("answer", a -> signal(a, true));
        commands.put("delete", this::delete);
        commands.put("query", this::query);
        commands.put("list", this::list);
        commands.put("statistics", a -> statistics());
    }

    /**
     * Periodic work on the control thread: delayed deletes, then media timeouts reported since the
     * last tick (bounded by the inbox capacity).
     *
     * @return calls removed plus calls newly marked timed out
     */
    public int housekeeping() {
        int n = sessions.expire();
        if (timeouts == null) {
            return n;
        }
        MediaTimeoutInbox.Report r;
        while ((r = timeouts.poll()) != null) {
            MediaTimeoutNotice notice = sessions.mediaTimedOut(r.callId(), r.streamId(), r.silentNanos());
            if (notice == null) {
                continue;
            }
            n++;
            counters.timeouts++;
            if (notice.controller() != null) {
                outbox.add(new TimeoutNotification(notice.controller(),
                        TimeoutNotification.encode(cookiePrefix + (++notificationSeq), notice)));
            }
        }
        return n;
    }

    /** Notifications produced by {@link #housekeeping()} since the last call; the caller sends them. */
    public List<TimeoutNotification> takeNotifications() {
        if (outbox.isEmpty()) {
            return List.of();
        }
        List<TimeoutNotification> out = List.copyOf(outbox);
        outbox.clear();
        return out;
    }

    public NgCounters counters() {
        return counters;
    }

    /** Decodes a bencode dictionary, runs it, and encodes the reply. */
    public byte[] handlePayload(byte[] buf, int offset, int length) {
        return handlePayload(buf, offset, length, null);
    }

    /**
     * As {@link #handlePayload(byte[], int, int)}, remembering {@code source} as the controller of the
     * calls this request offers or answers (media timeouts are reported there).
     */
    public byte[] handlePayload(byte[] buf, int offset, int length, InetSocketAddress source) {
        this.source = source;
        try {
            return handle(buf, offset, length);
        } finally {
            this.source = null;
        }
    }

    /**
     * As {@link #handlePayload(byte[], int, int, InetSocketAddress)}, but a {@code delete} or
     * {@code query} whose figures the relay workers have not supplied yet is returned as an
     * {@link AwaitedFigures} (the command itself has run) instead of blocking this thread.
     */
    Outcome handleWithoutWaiting(byte[] buf, int offset, int length, InetSocketAddress source) {
        this.source = source;
        this.deferFigures = true;
        try {
            BencodeDictionary reply = decodeAndDispatch(buf, offset, length);
            AwaitedFigures a = deferred;
            return a != null && reply == DEFERRED ? new Outcome(null, a) : new Outcome(BencodeEncoder.encode(reply), null);
        } finally {
            this.source = null;
            this.deferFigures = false;
            this.deferred = null;
        }
    }

    private byte[] handle(byte[] buf, int offset, int length) {
        return BencodeEncoder.encode(decodeAndDispatch(buf, offset, length));
    }

    private BencodeDictionary decodeAndDispatch(byte[] buf, int offset, int length) {
        BencodeDictionary reply;
        if (length == 0 || buf[offset] != 'd') {
            // rtpengine also takes JSON ('{'); this relay speaks bencode only (docs/control-protocol.md).
            reply = NgReplies.error("Invalid NG data format");
            counters.errors++;
        } else {
            BencodeResult r = decoder.decode(buf, offset, length);
            if (!r.isOk()) {
                reply = NgReplies.error("Could not decode bencode dictionary: " + r.errorReason()
                        + " at offset " + (r.errorOffset() - offset));
                counters.errors++;
            } else {
                reply = dispatch((BencodeDictionary) r.value());
            }
        }
        return reply;
    }

    /** Runs one request dictionary. Never throws. */
    public BencodeDictionary dispatch(BencodeDictionary request) {
        NgArguments args = new NgArguments(request);
        String command = args.string("command");
        if (command == null) {
            counters.errors++;
            return NgReplies.error("Dictionary contains no key \"command\"");
        }
        Handler h = commands.get(command.toLowerCase(java.util.Locale.ROOT));
        if (h == null) {
            counters.errors++;
            return NgReplies.error("Unrecognized command");
        }
        counters.count(command.toLowerCase(java.util.Locale.ROOT));
        BencodeDictionary reply;
        try {
            reply = h.handle(args);
        } catch (RuntimeException e) {
            // A bug, not bad input: answer instead of dropping, so the client does not retry into it.
            reply = NgReplies.error("Internal error: " + e.getClass().getSimpleName());
        }
        BencodeValue result = reply.get("result");
        if (result instanceof BencodeString s && s.asUtf8().equals("error")) {
            counters.errors++;
        }
        return reply;
    }

    private BencodeDictionary signal(NgArguments args, boolean answer) {
        List<String> warnings = new ArrayList<>();
        SignalRequestParser.Parsed parsed = requestParser.parse(args, answer, warnings);
        if (parsed.error() != null) {
            return NgReplies.error(parsed.error());
        }
        SignalRequest req = parsed.request();
        SignalResult result = answer ? sessions.answer(req) : sessions.offer(req);
        if (!result.isOk()) {
            return NgReplies.error(result.errorReason());
        }
        if (source != null) {
            sessions.noteController(req.callId(), source);
        }
        warnings.addAll(result.warnings());
        BencodeDictionary.Builder b = BencodeDictionary.builder().put("result", "ok")
                .put("sdp", SdpRewriter.rewriteToBytes(req.sdp(), result.plan()));
        if (!warnings.isEmpty()) {
            b.put("warning", String.join("; ", warnings));
        }
        return b.build();
    }

    private BencodeDictionary delete(NgArguments args) {
        String callId = args.nonEmpty("call-id");
        if (callId == null) {
            return NgReplies.error("No call-id in message");
        }
        // Without from-tag the whole call goes (rtpengine: delete by call-id only).
        String fromTag = args.nonEmpty("from-tag");
        boolean fatal = false;
        boolean fast = false;
        boolean honourToTag = false;
        for (String f : args.list("flags")) {
            switch (NgArguments.normalize(f)) {
                case "fatal" -> fatal = true;
                case "fast" -> fast = true;
                case "to-tag" -> honourToTag = true;
                default -> { }
            }
        }
        long delaySeconds = Math.max(0, Math.min(args.integer("delete-delay", 0), 3600));
        // Asked before the delete: each worker runs its commands in order, so the snapshot is taken
        // just before the same worker closes the streams (the final figures of the call).
        CompletableFuture<Map<Long, ReceptionFigures>> figures = fast ? null : sessions.figures(sessions.query(callId));
        DeleteResult r = sessions.delete(callId, fromTag, honourToTag ? args.nonEmpty("to-tag") : null,
                delaySeconds * 1_000_000_000L);
        if (!r.found()) {
            return fatal ? NgReplies.error(io.sbc.media.session.CallRegistry.NOT_FOUND)
                    : BencodeDictionary.builder().put("result", "ok")
                            .put("warning", io.sbc.media.session.CallRegistry.NOT_FOUND).build();
        }
        counters.terminated++;
        if (fast) {
            return NgReplies.ok();
        }
        return figuresReply(r.call(), figures);
    }

    /** The query/delete reply now, or {@link #DEFERRED} when the caller takes replies that wait for figures. */
    private BencodeDictionary figuresReply(Call call, CompletableFuture<Map<Long, ReceptionFigures>> figures) {
        if (deferFigures && !figures.isDone()) {
            deferred = new AwaitedFigures(call, figures);
            return DEFERRED;
        }
        return QueryReply.of(call, await(figures)).build();
    }

    /**
     * Waits for the workers' figures, at most {@link #FIGURES_WAIT_MS}: a worker answers within one
     * duty cycle, so only an overloaded or stopped relay hits the bound; its streams are then reported
     * without quality figures rather than delaying every later ng command.
     */
    private static Map<Long, ReceptionFigures> await(CompletableFuture<Map<Long, ReceptionFigures>> figures) {
        try {
            return figures.get(FIGURES_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (ExecutionException | TimeoutException e) {
            return Map.of();
        }
    }

    private BencodeDictionary query(NgArguments args) {
        String callId = args.nonEmpty("call-id");
        if (callId == null) {
            return NgReplies.error("No call-id in message");
        }
        Call call = sessions.query(callId);
        if (call == null) {
            return NgReplies.error("Unknown call-ID");
        }
        return figuresReply(call, sessions.figures(call));
    }

    private BencodeDictionary list(NgArguments args) {
        long limit = Math.max(0, Math.min(args.integer("limit", DEFAULT_LIST_LIMIT), MAX_LIST_LIMIT));
        List<String> ids = sessions.list((int) limit);
        List<BencodeValue> items = new ArrayList<>(ids.size());
        for (String id : ids) {
            items.add(BencodeValue.of(id));
        }
        return BencodeDictionary.builder().put("result", "ok").put("calls", new BencodeList(items)).build();
    }

    private BencodeDictionary statistics() {
        RelayStatistics s = sessions.statistics();
        BencodeDictionary current = BencodeDictionary.builder()
                .put("sessionsown", s.currentSessions())
                .put("sessionsforeign", 0)
                .put("sessionstotal", s.currentSessions())
                .put("transcodedmedia", 0)
                .put("portsinuse", s.portsInUse())
                .build();
        BencodeDictionary total = BencodeDictionary.builder()
                .put("uptime", Long.toString(s.uptimeSeconds()))
                .put("managedsessions", s.managedSessions())
                .put("rejectedsessions", s.rejectedSessions())
                .put("timeoutsessions", s.timeoutSessions())
                .put("regularterminatedsessions", counters.terminated)
                .put("forcedterminatedsessions", 0)
                .put("relayedpackets", s.relayedPackets())
                .put("relayedbytes", s.relayedBytes())
                .build();
        BencodeDictionary control = BencodeDictionary.builder()
                .put("proxies", new BencodeList(List.of(counters.toDictionary("all"))))
                .build();
        BencodeDictionary stats = BencodeDictionary.builder()
                .put("currentstatistics", current)
                .put("totalstatistics", total)
                .put("controlstatistics", control)
                .build();
        return BencodeDictionary.builder().put("result", "ok").put("statistics", stats).build();
    }
}
