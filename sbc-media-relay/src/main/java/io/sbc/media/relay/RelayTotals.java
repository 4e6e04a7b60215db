package io.sbc.media.relay;

/**
 * Worker-wide (or relay-wide, summed) counters for metrics: {@code sbc_media_packets_total{direction}},
 * drops by reason, active streams, media timeouts. Published by each worker once per duty cycle.
 *
 * @param rxPackets packets received on relay sockets
 * @param rxBytes bytes received
 * @param txPackets packets sent
 * @param txBytes bytes sent
 * @param drops drops indexed by {@link DropReason#ordinal()}
 * @param streamsActive streams currently set up
 * @param mediaTimeouts streams reported silent since start
 * @param socketErrors socket errors on receive/send
 * @param commandsRejected commands refused because a worker's queue was full
 * @param agentErrors unexpected failures caught by the worker loop (bugs; each is logged once per kind)
 * @param activeRtpExpected RTP packets expected (RFC 3550 A.3) over the streams set up now, both
 *     directions, as of the worker's last timeout scan (at most one check interval old)
 * @param activeRtpLost RTP packets lost over the same streams
 */
public record RelayTotals(
        long rxPackets,
        long rxBytes,
        long txPackets,
        long txBytes,
        long[] drops,
        long streamsActive,
        long mediaTimeouts,
        long socketErrors,
        long commandsRejected,
        long agentErrors,
        long activeRtpExpected,
        long activeRtpLost) {

    public long drops(DropReason reason) {
        return drops[reason.ordinal()];
    }

    RelayTotals plus(RelayTotals o) {
        long[] d = drops.clone();
        for (int i = 0; i < d.length; i++) {
            d[i] += o.drops[i];
        }
        return new RelayTotals(rxPackets + o.rxPackets, rxBytes + o.rxBytes, txPackets + o.txPackets,
                txBytes + o.txBytes, d, streamsActive + o.streamsActive, mediaTimeouts + o.mediaTimeouts,
                socketErrors + o.socketErrors, commandsRejected + o.commandsRejected, agentErrors + o.agentErrors,
                activeRtpExpected + o.activeRtpExpected, activeRtpLost + o.activeRtpLost);
    }

    /** {@code sbc_media_packet_loss_ratio}: lost over expected across the active streams, 0 when none expected. */
    public double activeLossRatio() {
        return activeRtpExpected > 0 ? (double) activeRtpLost / activeRtpExpected : 0;
    }
}
