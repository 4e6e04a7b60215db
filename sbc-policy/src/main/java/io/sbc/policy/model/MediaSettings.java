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
 */
public record MediaSettings(List<MediaRelay> relays, PortRange ports, Duration timeout, IdleStrategy idle, int workers) {
    public MediaSettings {
        relays = List.copyOf(relays);
    }
}
