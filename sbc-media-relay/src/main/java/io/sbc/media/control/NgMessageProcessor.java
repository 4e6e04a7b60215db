package io.sbc.media.control;

import io.sbc.media.bencode.BencodeEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * One ng datagram in, one reply datagram (or nothing) out: splits {@code COOKIE SP PAYLOAD} at the
 * first space, answers retransmissions from the {@link CookieCache}, and otherwise runs the payload
 * through the {@link NgCommandDispatcher}. No sockets, so tests drive it directly.
 *
 * <p>A {@code delete} or {@code query} whose stream figures the relay workers still owe is not
 * waited for: {@link #process} returns null with the cookie left pending (a retransmission in the
 * meantime is dropped, as for any command still executing), and {@link #completeAwaited} sends the
 * reply, and caches it under the cookie, once the figures arrive or
 * {@link NgCommandDispatcher#FIGURES_WAIT_MS} has passed. At most one such reply per request within
 * that bound is held, so the list is bounded by the request rate times 200 ms.
 *
 * <p>Owner: the control thread.
 */
public final class NgMessageProcessor {
    /** Longest cookie accepted (Kamailio's are ~25 bytes); longer means garbage, dropped. */
    public static final int MAX_COOKIE_BYTES = 256;

    private final NgCommandDispatcher dispatcher;
    private final CookieCache cache;
    private final LongSupplier nanoClock;
    /** Replies waiting for relay workers' figures, oldest first. */
    private final List<Awaiting> awaiting = new ArrayList<>();
    /** Run on the relay worker that supplies figures: wakes the control thread. */
    private Runnable figuresArrived = () -> { };

    /** Where {@link #completeAwaited} sends a finished reply. */
    @FunctionalInterface
    public interface ReplySink {
        void send(byte[] datagram, InetSocketAddress target) throws IOException;
    }

    private record Awaiting(String cookie, byte[] cookieBytes, InetSocketAddress target, AwaitedFigures reply,
            long deadlineNs) {
    }

    /**
     * @param cacheEntries cookie cache size, default 10000
     * @param cacheTtlNs   cookie cache age, default 30 s
     */
    public NgMessageProcessor(NgCommandDispatcher dispatcher, int cacheEntries, long cacheTtlNs, LongSupplier nanoClock) {
        this.dispatcher = dispatcher;
        this.cache = new CookieCache(cacheEntries, cacheTtlNs);
        this.nanoClock = nanoClock;
    }

    /** Drops cached replies past their TTL; the server calls it with its housekeeping. */
    public void expireCachedReplies() {
        cache.expire(nanoClock.getAsLong());
    }

    /** Replies (and pending cookies) in the retransmission cache now. */
    public int cachedReplies() {
        return cache.size();
    }

    public NgCommandDispatcher dispatcher() {
        return dispatcher;
    }

    /**
     * @param hook run (on a relay worker thread) when figures a deferred reply waits for arrive; the
     *             server passes its selector's wakeup, so {@link #completeAwaited} runs promptly
     */
    public void onFiguresArrived(Runnable hook) {
        this.figuresArrived = hook;
    }

    /** Replies now waiting for relay workers' figures. */
    public int awaitingReplies() {
        return awaiting.size();
    }

    /** Nanoseconds until the oldest waiting reply must go without its figures; Long.MAX_VALUE when none wait. */
    public long nanosToNextAwaitedDeadline(long nowNs) {
        // Every entry waits the same bound from its arrival and the list keeps arrival order, so the
        // first entry's deadline is the earliest.
        return awaiting.isEmpty() ? Long.MAX_VALUE : Math.max(0, awaiting.get(0).deadlineNs - nowNs);
    }

    /**
     * Builds, caches and sends every waiting reply whose figures arrived or whose wait reached
     * {@link NgCommandDispatcher#FIGURES_WAIT_MS} (its streams are then reported without quality
     * figures). A send failure is the sink's to count; the reply stays cached for the retransmission.
     *
     * @return replies completed
     */
    public int completeAwaited(ReplySink sink) throws IOException {
        if (awaiting.isEmpty()) {
            return 0;
        }
        long now = nanoClock.getAsLong();
        int done = 0;
        IOException failed = null;
        for (int i = 0; i < awaiting.size(); ) {
            Awaiting a = awaiting.get(i);
            if (!a.reply.arrived() && now - a.deadlineNs < 0) {
                i++;
                continue;
            }
            awaiting.remove(i);
            byte[] reply = frame(a.cookieBytes, BencodeEncoder.encode(a.reply.reply()));
            cache.put(a.cookie, reply, now);
            done++;
            if (a.target != null) {
                try {
                    sink.send(reply, a.target);
                } catch (IOException e) {
                    failed = e;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        return done;
    }

    private static byte[] frame(byte[] cookieBytes, byte[] payload) {
        byte[] reply = new byte[cookieBytes.length + 1 + payload.length];
        System.arraycopy(cookieBytes, 0, reply, 0, cookieBytes.length);
        reply[cookieBytes.length] = ' ';
        System.arraycopy(payload, 0, reply, cookieBytes.length + 1, payload.length);
        return reply;
    }

    /**
     * @return the reply datagram, or null to send nothing now (no cookie; a duplicate of a command still
     *         executing, whose reply the client gets on its next retransmission; or a reply waiting for
     *         relay workers' figures, sent by {@link #completeAwaited})
     */
    public byte[] process(byte[] datagram, int offset, int length) {
        return process(datagram, offset, length, null);
    }

    /** As {@link #process(byte[], int, int)}; {@code source} is the sender (the call's controller). */
    public byte[] process(byte[] datagram, int offset, int length, InetSocketAddress source) {
        int space = -1;
        int limit = Math.min(length, MAX_COOKIE_BYTES + 1);
        for (int i = 0; i < limit; i++) {
            if (datagram[offset + i] == ' ') {
                space = i;
                break;
            }
        }
        if (space <= 0) {
            // rtpengine drops messages without a cookie: there is nothing to echo back.
            dispatcher.counters().dropped++;
            return null;
        }
        String cookie = new String(datagram, offset, space, StandardCharsets.ISO_8859_1);
        long now = nanoClock.getAsLong();
        byte[] cached = cache.lookup(cookie, now);
        if (cached == CookieCache.PENDING) {
            dispatcher.counters().duplicates++;
            return null;
        }
        if (cached != null) {
            dispatcher.counters().duplicates++;
            return cached;
        }
        cache.markPending(cookie, now);
        NgCommandDispatcher.Outcome outcome =
                dispatcher.handleWithoutWaiting(datagram, offset + space + 1, length - space - 1, source);
        if (outcome.payload() == null) {
            byte[] cookieBytes = new byte[space];
            System.arraycopy(datagram, offset, cookieBytes, 0, space);
            awaiting.add(new Awaiting(cookie, cookieBytes, source, outcome.awaiting(),
                    now + NgCommandDispatcher.FIGURES_WAIT_MS * 1_000_000L));
            outcome.awaiting().figures().whenComplete((figures, error) -> figuresArrived.run());
            return null;
        }
        byte[] payload = outcome.payload();
        byte[] reply = new byte[space + 1 + payload.length];
        System.arraycopy(datagram, offset, reply, 0, space + 1);
        System.arraycopy(payload, 0, reply, space + 1, payload.length);
        cache.put(cookie, reply, nanoClock.getAsLong());
        return reply;
    }
}
