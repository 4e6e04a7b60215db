package io.sbc.media.relay;

import io.sbc.media.rtp.RtcpReportStats;
import io.sbc.media.rtp.RtpReceptionStats;

/**
 * Per-leg state of a relayed stream: its sockets, the spec it was set up with, reception statistics
 * of what its peer sends, the peer's RTCP reports and packet counters. All fields are fixed-size and
 * preallocated when the stream is added, so a call of any length and packet rate uses the same memory.
 *
 * <p>Owner: the relay worker thread. Other threads see it only through {@link LegStats} snapshots
 * produced by a query command.
 */
final class RelayLeg {

    RelayLegSpec spec;
    RelaySocket rtp;
    /** Null when RTCP is muxed on the RTP port. */
    RelaySocket rtcp;
    RelayLeg other;
    RelayStream stream;
    final RtpReceptionStats rtpIn = new RtpReceptionStats();
    final RtcpReportStats rtcpIn = new RtcpReportStats();

    long rxPackets;
    long rxBytes;
    long rxRtcpPackets;
    long txPackets;
    long txBytes;
    long telephoneEvents;
    final long[] drops = new long[DropReason.VALUES.length];
    /** Worker clock when this leg's peer last sent a packet that was accepted. */
    long lastRxNanos;

    RelayLeg(RelayLegSpec spec, long nowNanos) {
        this.spec = spec;
        this.lastRxNanos = nowNanos;
    }

    /** The socket that sends RTCP to this leg's peer. */
    RelaySocket rtcpOut() {
        return rtcp != null ? rtcp : rtp;
    }

    LegStats snapshot(long nowNanos) {
        long expected = rtpIn.expected();
        long lost = rtpIn.lost();
        double lossPercent = expected > 0 ? 100.0 * lost / expected : 0;
        double jitterMs = 1000.0 * rtpIn.jitterRtpUnits() / spec.clockRate();
        long rtt = rtcpIn.rttNanos() >= 0 && other.rtcpIn.rttNanos() >= 0
                ? rtcpIn.rttNanos() + other.rtcpIn.rttNanos() : Math.max(rtcpIn.rttNanos(), other.rtcpIn.rttNanos());
        double mos = io.sbc.media.rtp.MosEstimator.mos(lossPercent, jitterMs, rtt > 0 ? rtt / 1e6 : 0);
        long[] dropCopy = drops.clone();
        return new LegStats(
                rtp.localPort(), rtcp != null ? rtcp.localPort() : rtp.localPort(),
                rtp.latch.target(), rtp.latch.confirmed(),
                rxPackets, rxBytes, rxRtcpPackets, txPackets, txBytes, telephoneEvents,
                expected, rtpIn.received(), lost, jitterMs,
                rtcpIn.senderReports(), rtcpIn.receiverReports(), rtcpIn.fractionLost(), rtcpIn.cumulativeLost(),
                rtcpIn.jitterRtpUnits() < 0 ? -1 : 1000.0 * rtcpIn.jitterRtpUnits() / spec.clockRate(),
                rtcpIn.rttNanos() < 0 ? -1 : rtcpIn.rttNanos() / 1e6,
                mos, dropCopy, (nowNanos - lastRxNanos) / 1_000_000L,
                rtpIn.received() > 0 ? rtpIn.ssrc() & 0xFFFF_FFFFL : -1);
    }
}
