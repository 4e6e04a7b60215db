package io.sbc.policy.model;

import java.util.List;

/**
 * Security settings.
 *
 * @param scannerUserAgents User-Agent substrings (case-insensitive) of SIP scanners: dropped unanswered
 * @param banScanners       also ban the scanner's source for the realm's ban time
 * @param tlsHandshakeTimeout a TLS/WSS connection whose handshake has not completed this long after
 *                          it was accepted (or opened) is closed: a client that connects and sends
 *                          nothing cannot hold a connection until the idle timeout
 */
public record SecuritySettings(List<String> scannerUserAgents, boolean banScanners, java.time.Duration tlsHandshakeTimeout) {
    public SecuritySettings {
        scannerUserAgents = List.copyOf(scannerUserAgents);
    }
}
