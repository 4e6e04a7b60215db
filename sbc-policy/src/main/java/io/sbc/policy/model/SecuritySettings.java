package io.sbc.policy.model;

import java.util.List;

/**
 * Security settings.
 *
 * @param scannerUserAgents User-Agent substrings (case-insensitive) of SIP scanners: dropped unanswered
 * @param banScanners       also ban the scanner's source for the realm's ban time
 */
public record SecuritySettings(List<String> scannerUserAgents, boolean banScanners) {
    public SecuritySettings {
        scannerUserAgents = List.copyOf(scannerUserAgents);
    }
}
