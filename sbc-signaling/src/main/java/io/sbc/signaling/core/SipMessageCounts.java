package io.sbc.signaling.core;

import io.sbc.signaling.message.SipMethod;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * SIP messages per realm, direction and method (requests) or status code (responses): the source of
 * {@code sbc_sip_messages_total{realm,direction,method_or_status}}. Counting is a map lookup by the
 * realm's (cached-hash) name and a LongAdder increment: no allocation per message once a realm and
 * status code have been seen. Written from every event loop.
 */
public final class SipMessageCounts {
    public static final int IN = 0;
    public static final int OUT = 1;
    private static final String[] DIRECTIONS = {"in", "out"};
    private static final SipMethod[] METHODS = SipMethod.values();

    private static final class PerRealm {
        final LongAdder[][] methods = new LongAdder[2][METHODS.length];
        /** Status codes 100..699, created on first sight. */
        final AtomicReferenceArray<LongAdder>[] statuses;

        @SuppressWarnings("unchecked")
        PerRealm() {
            statuses = new AtomicReferenceArray[] {new AtomicReferenceArray<LongAdder>(700),
                new AtomicReferenceArray<LongAdder>(700)};
            for (int d = 0; d < 2; d++) {
                for (int m = 0; m < METHODS.length; m++) {
                    methods[d][m] = new LongAdder();
                }
            }
        }
    }

    private final Map<String, PerRealm> realms = new ConcurrentHashMap<>();

    private PerRealm realm(String name) {
        PerRealm r = realms.get(name);
        return r != null ? r : realms.computeIfAbsent(name, n -> new PerRealm());
    }

    public void request(String realm, int direction, SipMethod method) {
        realm(realm).methods[direction][method.ordinal()].increment();
    }

    public void response(String realm, int direction, int status) {
        if (status < 100 || status > 699) {
            return;
        }
        AtomicReferenceArray<LongAdder> byCode = realm(realm).statuses[direction];
        LongAdder a = byCode.get(status);
        if (a == null) {
            byCode.compareAndSet(status, null, new LongAdder());
            a = byCode.get(status);
        }
        a.increment();
    }

    /** Visits every non-zero count as (labels {realm, direction, method_or_status}, value). */
    public void forEach(BiConsumer<String[], Long> visitor) {
        realms.forEach((name, r) -> {
            for (int d = 0; d < 2; d++) {
                for (int m = 0; m < METHODS.length; m++) {
                    long v = r.methods[d][m].sum();
                    if (v > 0) {
                        visitor.accept(new String[] {name, DIRECTIONS[d], METHODS[m].name()}, v);
                    }
                }
                for (int code = 100; code < 700; code++) {
                    LongAdder a = r.statuses[d].get(code);
                    if (a != null) {
                        visitor.accept(new String[] {name, DIRECTIONS[d], Integer.toString(code)}, a.sum());
                    }
                }
            }
        });
    }

    /** One count, for tests and the status page. */
    public long get(String realm, int direction, String methodOrStatus) {
        long[] out = {0};
        forEach((labels, v) -> {
            if (labels[0].equals(realm) && labels[1].equals(DIRECTIONS[direction]) && labels[2].equals(methodOrStatus)) {
                out[0] = v;
            }
        });
        return out[0];
    }
}
