package io.sbc.policy.model;

import java.time.Duration;

/**
 * Per-source-address limits of a realm (token bucket at the gate, before parsing).
 *
 * @param ratePerSecond          sustained messages per second per source address
 * @param burst                  bucket size: messages a source may send at once
 * @param ban                    how long a source that overflows its bucket is dropped
 * @param maxConnectionsPerSource TCP/TLS/WS connections one address may hold
 */
public record RealmLimits(int ratePerSecond, int burst, Duration ban, int maxConnectionsPerSource) {
}
