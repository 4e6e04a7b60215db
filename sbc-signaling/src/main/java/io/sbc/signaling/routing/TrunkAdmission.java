package io.sbc.signaling.routing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission of new calls per trunk (policy {@code limits: {cps, concurrent}}, 0 = unlimited) and
 * overall ({@code limits.cps}): calls in progress, and new calls in the current one-second window.
 * Shared by every worker; each counter is one atomic (the window is packed with its count into one
 * long and advanced by compare-and-set), so no lock is taken.
 */
public final class TrunkAdmission {
    /** Key of the node-wide calls-per-second window. */
    public static final String GLOBAL = "";

    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    /** (second << 24) | count in that second. */
    private final Map<String, AtomicLong> windows = new ConcurrentHashMap<>();

    /**
     * Admits one new call toward {@code trunk} unless that would exceed {@code concurrent} calls in
     * progress or {@code cps} new calls in the current second ({@code nowSecond}); 0 disables a limit.
     * An admitted call must be {@link #release}d once.
     */
    public boolean tryAdmit(String trunk, int concurrent, int cps, long nowSecond) {
        AtomicInteger n = active.computeIfAbsent(trunk, k -> new AtomicInteger());
        if (concurrent > 0) {
            int cur;
            do {
                cur = n.get();
                if (cur >= concurrent) {
                    return false;
                }
            } while (!n.compareAndSet(cur, cur + 1));
        } else {
            n.incrementAndGet();
        }
        if (cps > 0 && !tick(trunk, cps, nowSecond)) {
            n.decrementAndGet();
            return false;
        }
        return true;
    }

    /** One new call in the current second of window {@code key}; false when {@code cps} were already taken. */
    public boolean tick(String key, int cps, long nowSecond) {
        AtomicLong w = windows.computeIfAbsent(key, k -> new AtomicLong());
        while (true) {
            long v = w.get();
            long second = v >>> 24;
            long count = second == nowSecond ? v & 0xFFFFFF : 0;
            if (count >= cps) {
                return false;
            }
            if (w.compareAndSet(v, (nowSecond << 24) | (count + 1))) {
                return true;
            }
        }
    }

    public void release(String trunk) {
        AtomicInteger n = active.get(trunk);
        if (n != null) {
            n.decrementAndGet();
        }
    }

    /** Calls in progress toward {@code trunk}. */
    public int active(String trunk) {
        AtomicInteger n = active.get(trunk);
        return n == null ? 0 : n.get();
    }
}
