package io.sbc.media.relay;

import java.net.InetSocketAddress;

/**
 * A snapshot of one leg's figures, produced on the worker thread for {@code query} and metrics.
 * "In" figures describe media this leg's peer sent to the relay; "peer report" figures are what the
 * peer said in RTCP about the media the relay sent it.
 *
 * @param localRtpPort the leg's RTP port
 * @param localRtcpPort the leg's RTCP port (equal to RTP when muxed)
 * @param peer where the relay sends to this leg's peer (latched or from SDP), or null if unknown yet
 * @param latched true once the peer address is confirmed (strict source applies)
 * @param rxPackets packets received from the peer (RTP and RTCP, before any drop)
 * @param rxBytes bytes received from the peer
 * @param rxRtcpPackets RTCP packets among them
 * @param txPackets packets sent to the peer
 * @param txBytes bytes sent to the peer
 * @param telephoneEvents RFC 4733 packets received from the peer (relayed untouched)
 * @param rtpExpected RTP packets expected from sequence numbers (RFC 3550 A.3)
 * @param rtpReceived RTP packets accepted
 * @param rtpLost expected minus received, never negative
 * @param jitterMs interarrival jitter of the peer's RTP (RFC 3550 A.8), ms
 * @param senderReports SRs received from the peer
 * @param receiverReports RRs received from the peer
 * @param peerFractionLost fraction lost the peer last reported (0–255), or -1
 * @param peerCumulativeLost cumulative loss the peer last reported, or -1
 * @param peerJitterMs jitter the peer last reported, ms, or -1
 * @param rttMs round trip relay↔peer from RTCP LSR/DLSR, ms, or -1
 * @param mos E-model MOS estimate of the peer's media as received at the relay (1.0–4.5), using the
 *     end-to-end RTT when both legs report one
 * @param drops packets dropped, indexed by {@link DropReason#ordinal()}
 * @param idleMs ms since the peer's last accepted packet
 * @param rtpSsrc SSRC of the peer's latest RTP source (unsigned 32 bits), or -1 before any RTP
 */
public record LegStats(
        int localRtpPort,
        int localRtcpPort,
        InetSocketAddress peer,
        boolean latched,
        long rxPackets,
        long rxBytes,
        long rxRtcpPackets,
        long txPackets,
        long txBytes,
        long telephoneEvents,
        long rtpExpected,
        long rtpReceived,
        long rtpLost,
        double jitterMs,
        long senderReports,
        long receiverReports,
        int peerFractionLost,
        long peerCumulativeLost,
        double peerJitterMs,
        double rttMs,
        double mos,
        long[] drops,
        long idleMs,
        long rtpSsrc) {

    /** Drops for one reason. */
    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }
}
