package io.sbc.media.control;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ng retransmission cache (rtpengine control_ng.c): cookie → reply, bounded by entry count and
 * age. A cookie is entered as pending before its command runs, so a duplicate that arrives while
 * the first is executing is recognised and never executed a second time.
 *
 * <p>Owner: the control thread. Entries are kept in insertion order, which is also age order, so
 * expiry and eviction only look at the head.
 */
final class CookieCache {
    /** Marker for "command still executing". */
    static final byte[] PENDING = new byte[0];

    private final int maxEntries;
    private final long ttlNs;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

    private record Entry(byte[] reply, long storedAtNs) {
    }

    /**
     * @param maxEntries most cookies remembered (oldest evicted first), default 10000
     * @param ttlNs      how long a reply is replayed, default 30 s (Kamailio retries within seconds)
     */
    CookieCache(int maxEntries, long ttlNs) {
        this.maxEntries = maxEntries;
        this.ttlNs = ttlNs;
    }

    /** The cached reply, {@link #PENDING}, or null when the cookie is new (or expired). */
    byte[] lookup(String cookie, long nowNs) {
        expire(nowNs);
        Entry e = entries.get(cookie);
        return e == null || nowNs - e.storedAtNs >= ttlNs ? null : e.reply;
    }

    void markPending(String cookie, long nowNs) {
        put(cookie, PENDING, nowNs);
    }

    void put(String cookie, byte[] reply, long nowNs) {
        Entry old = entries.remove(cookie);
        entries.put(cookie, new Entry(reply, old != null ? old.storedAtNs : nowNs));
        while (entries.size() > maxEntries) {
            Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
            it.next();
            it.remove();
        }
    }

    /**
     * Forgets the replies older than the TTL. Also run by housekeeping: a reply must not outlive its
     * TTL just because no command followed it (at the end of a burst of call set-ups, every reply of
     * the burst would stay in memory until the next command).
     */
    void expire(long nowNs) {
        Iterator<Map.Entry<String, Entry>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Entry e = it.next().getValue();
            if (nowNs - e.storedAtNs < ttlNs) {
                break;
            }
            it.remove();
        }
    }

    int size() {
        return entries.size();
    }
}
