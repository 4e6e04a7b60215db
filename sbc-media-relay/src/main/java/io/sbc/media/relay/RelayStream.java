package io.sbc.media.relay;

/**
 * One relayed media stream on a worker: two legs and its timeout state.
 *
 * <p>Owner: the relay worker thread; created, changed and removed only by that worker while it
 * handles add/update/remove commands.
 */
final class RelayStream {

    final long streamId;
    final String callId;
    final RelayLeg a;
    final RelayLeg b;
    /** Origin for converting arrival times into RTP clock units (keeps the products small). */
    final long createdNanos;
    boolean mediaTimedOut;

    RelayStream(RelayStreamSpec spec, long nowNanos) {
        this.streamId = spec.streamId();
        this.callId = spec.callId();
        this.createdNanos = nowNanos;
        this.a = new RelayLeg(spec.a(), nowNanos);
        this.b = new RelayLeg(spec.b(), nowNanos);
        a.other = b;
        b.other = a;
        a.stream = this;
        b.stream = this;
    }

    long lastMediaNanos() {
        return Math.max(a.lastRxNanos, b.lastRxNanos);
    }

    StreamStats snapshot(long nowNanos) {
        return new StreamStats(streamId, callId, a.snapshot(nowNanos), b.snapshot(nowNanos), mediaTimedOut);
    }
}
