package io.sbc.media.session;

/**
 * Totals for the ng {@code statistics} command.
 *
 * @param currentSessions   calls now
 * @param managedSessions   calls ever created
 * @param rejectedSessions  offers refused (limits, ports)
 * @param uptimeSeconds     since the registry started
 * @param portsInUse        allocated relay ports
 * @param relayedPackets    RTP+RTCP packets counted by workers since start (current and ended calls)
 * @param relayedBytes      bytes counted by workers since start (current and ended calls)
 * @param timeoutSessions   calls marked dead because no media flowed for the media timeout
 */
public record RelayStatistics(int currentSessions, long managedSessions, long rejectedSessions, long uptimeSeconds,
                              int portsInUse, long relayedPackets, long relayedBytes,
                              long timeoutSessions) {
}
