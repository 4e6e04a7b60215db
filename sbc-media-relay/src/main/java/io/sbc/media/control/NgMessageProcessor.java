package io.sbc.media.control;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.LongSupplier;

/**
 * One ng datagram in, one reply datagram (or nothing) out: splits {@code COOKIE SP PAYLOAD} at the
 * first space, answers retransmissions from the {@link CookieCache}, and otherwise runs the payload
 * through the {@link NgCommandDispatcher}. No sockets, so tests drive it directly.
 *
 * <p>Owner: the control thread.
 */
public final class NgMessageProcessor {
    /** Longest cookie accepted (Kamailio's are ~25 bytes); longer means garbage, dropped. */
    public static final int MAX_COOKIE_BYTES = 256;

    private final NgCommandDispatcher dispatcher;
    private final CookieCache cache;
    private final LongSupplier nanoClock;

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
     * @return the reply datagram, or null to drop (no cookie; or a duplicate of a command still executing,
     *         whose reply the client gets on its next retransmission)
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
        byte[] payload = dispatcher.handlePayload(datagram, offset + space + 1, length - space - 1, source);
        byte[] reply = new byte[space + 1 + payload.length];
        System.arraycopy(datagram, offset, reply, 0, space + 1);
        System.arraycopy(payload, 0, reply, space + 1, payload.length);
        cache.put(cookie, reply, nanoClock.getAsLong());
        return reply;
    }
}
