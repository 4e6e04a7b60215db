package io.sbc.media.relay;

import java.util.Objects;

/**
 * One relayed media stream (one {@code m=} line of a call): two legs, media from leg A's peer is
 * sent to leg B's peer and back. The control layer's per-stream setup (local ports, SDP remote,
 * flags, SRTP contexts) maps onto this record; re-offers send an updated spec with the same
 * {@code streamId}.
 *
 * @param streamId the control layer's unique id for this stream; the relay's key
 * @param callId the call it belongs to, for timeout reports and query; all streams of a call go
 *     to the same worker
 * @param a the leg facing the offerer
 * @param b the leg facing the answerer
 */
public record RelayStreamSpec(long streamId, String callId, RelayLegSpec a, RelayLegSpec b) {
    public RelayStreamSpec {
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
    }
}
