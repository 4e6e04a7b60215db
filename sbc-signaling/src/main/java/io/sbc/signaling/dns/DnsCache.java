package io.sbc.signaling.dns;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Answers by (name, type) until their TTL runs out (RFC 1035 §3.2.1, RFC 2308 for empty answers).
 * Bounded: at most {@code maxEntries}, least recently used dropped first. Timeouts and malformed
 * responses are not cached, so the next lookup asks again.
 *
 * <p>Thread-safe: a short {@code synchronized} map access, taken by resolver threads and by
 * {@link Rfc3263Resolver#resolve} callers (once per lookup, never per packet).
 */
final class DnsCache {
    private record Key(String name, int type) {
    }

    private record Cached(DnsAnswer answer, long expiresAtMillis) {
    }

    private final int maxEntries;
    private final LongSupplier clockMillis;
    private final Map<Key, Cached> entries;

    DnsCache(int maxEntries, LongSupplier clockMillis) {
        this.maxEntries = maxEntries;
        this.clockMillis = clockMillis;
        this.entries = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Cached> eldest) {
                return size() > DnsCache.this.maxEntries;
            }
        };
    }

    synchronized DnsAnswer get(String name, int type) {
        Key k = new Key(name, type);
        Cached e = entries.get(k);
        if (e == null) {
            return null;
        }
        if (clockMillis.getAsLong() >= e.expiresAtMillis()) {
            entries.remove(k);
            return null;
        }
        return e.answer();
    }

    synchronized void put(String name, int type, DnsAnswer answer) {
        if (answer.rcode() < 0) {
            return;
        }
        long ttl = answer.ttlSeconds();
        if (ttl <= 0) {
            return; // RFC 1035 §3.2.1: TTL 0 means use once, do not cache
        }
        entries.put(new Key(name, type), new Cached(answer, clockMillis.getAsLong() + ttl * 1000L));
    }

    synchronized int size() {
        return entries.size();
    }
}
