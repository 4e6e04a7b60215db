package io.sbc.media.session;

/**
 * Quality of the media the relay received from one side on one stream, as the relay worker that
 * owns the stream computed it when asked (ng {@code query}/{@code delete}): RFC 3550 A.3 loss, A.8
 * jitter and an E-model MOS estimate ({@code io.sbc.media.rtp.MosEstimator}).
 *
 * @param ssrc     SSRC of the side's latest RTP source (unsigned 32 bits), or -1 before any RTP arrived
 * @param expected RTP packets expected from the sequence numbers (extended highest - base + 1, summed over sources)
 * @param received RTP packets received (duplicates included, as RFC 3550 counts them)
 * @param lost     expected minus received, never negative
 * @param jitterMs interarrival jitter in milliseconds
 * @param rttMs    round trip relay↔this side from RTCP LSR/DLSR (RFC 3550 §6.4.1), or -1 when unknown
 * @param mos      estimated listening quality, 1.0–4.5
 */
public record ReceptionFigures(long ssrc, long expected, long received, long lost, double jitterMs, double rttMs,
                               double mos) {

    /** Lost over expected, 0 when nothing was expected. */
    public double lossRatio() {
        return expected > 0 ? (double) lost / expected : 0;
    }
}
