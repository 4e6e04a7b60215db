package io.sbc.policy.model;

import java.time.Duration;
import java.util.List;

/**
 * {@code media:} settings.
 *
 * @param relays  relays used for calls, load-shared when several
 * @param ports   RTP/RTCP port range of the embedded relay
 * @param timeout a call with no media in either direction for this long is ended
 * @param idle    worker idle strategy
 * @param workers busy-poll worker threads of the embedded relay
 * @param portQuarantine how long a port released by an ended call stays unused before the embedded
 *                relay hands it out again, 0 (reuse at once, like rtpengine) to 5 min; default 2 s.
 *                It only has to outlast RTP already in flight when a call ends; strict source
 *                latching drops later strays. Ports needed: 4 per call x (call rate x (call length +
 *                quarantine)), so a long quarantine caps the call rate.
 */
public record MediaSettings(List<MediaRelay> relays, PortRange ports, Duration timeout, IdleStrategy idle, int workers,
                            Duration portQuarantine) {
    public MediaSettings {
        relays = List.copyOf(relays);
    }
}
