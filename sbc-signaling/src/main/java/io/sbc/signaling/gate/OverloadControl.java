package io.sbc.signaling.gate;

import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.Via;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * RFC 7339 overload control, the server side: an upstream client that announces support (an
 * {@code oc} parameter without value in the top Via of its request, §5.1) gets, in the top Via of
 * every response, {@code oc} (the percentage of its new requests it should drop or divert, §5.2),
 * {@code oc-algo="loss"} (the only algorithm the SBC speaks, §5.3 and RFC 7339's mandatory one),
 * {@code oc-validity} (ms the value holds) and {@code oc-seq} (a timestamp so the client can
 * ignore reordered values, §5.4). While not overloaded the SBC sends {@code oc=0} with
 * {@code oc-validity=0}, which tells the client to stop reducing (§5.2).
 *
 * <p>The loss percentage comes from the {@link OverloadDetector}'s event-loop lag: while a loop
 * is overloaded, the share of work to shed so the lag falls back to the entry threshold
 * ({@code 1 - threshold / lag}), at least {@link #MIN_LOSS} and at most 100.
 *
 * <p>Threading: any event loop; the detector is read through its thread-safe accessors and the
 * sequence is an atomic counter.
 */
public final class OverloadControl {
    /** Least reduction asked while overloaded (a lag just over the threshold still asks for something). */
    public static final int MIN_LOSS = 10;
    /** How long a non-zero {@code oc} value holds (RFC 7339 §5.2 leaves it to the server). */
    public static final int VALIDITY_MS = 2000;

    private final OverloadDetector detector;
    private final LongSupplier millisClock;
    private final AtomicLong lastSeq = new AtomicLong();

    public OverloadControl(OverloadDetector detector, LongSupplier millisClock) {
        this.detector = detector;
        this.millisClock = millisClock;
    }

    /** The percentage of new requests an upstream client should drop now (0 when not overloaded). */
    public int lossPercent() {
        if (!detector.refuseNewWork()) {
            return 0;
        }
        long lag = detector.maxLastLagNs();
        long threshold = OverloadDetector.DEFAULT_ENTER_LAG.toNanos();
        if (lag <= threshold) {
            return MIN_LOSS;
        }
        int loss = (int) (100 - (100 * threshold) / lag);
        return Math.max(MIN_LOSS, Math.min(100, loss));
    }

    /** True when the request's top Via announced RFC 7339 support. */
    public static boolean announced(Via top) {
        return top != null && top.param("oc") != null;
    }

    /**
     * Adds the overload-control parameters to the top Via of {@code response} when its client
     * announced support; leaves it untouched otherwise.
     */
    public void stamp(SipMessage response) {
        Via top = response.topVia();
        if (!announced(top)) {
            return;
        }
        int loss = lossPercent();
        response.popVia();
        response.pushVia(top.withParam("oc", Integer.toString(loss))
                .withParam("oc-algo", "\"loss\"")
                .withParam("oc-validity", Integer.toString(loss == 0 ? 0 : VALIDITY_MS))
                .withParam("oc-seq", nextSeq()));
    }

    /** A strictly increasing timestamp in seconds with millisecond fraction (RFC 7339 §5.4). */
    private String nextSeq() {
        long now = millisClock.getAsLong();
        long seq = lastSeq.accumulateAndGet(now, (prev, t) -> Math.max(prev + 1, t));
        long frac = seq % 1000;
        return (seq / 1000) + "." + (frac < 10 ? "00" : frac < 100 ? "0" : "") + frac;
    }
}
