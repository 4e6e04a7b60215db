package io.sbc.policy.model;

import java.time.Duration;

/**
 * {@code node:} settings of this SBC instance. Defaults live in {@link Defaults}.
 *
 * @param name          instance name in logs, CDRs and metrics
 * @param admin         admin HTTP endpoint (/health, /metrics, /api/...)
 * @param adminToken    bearer token guarding non-GET admin calls; null = admin API only on loopback
 * @param cdrDirectory  Chronicle Queue directory for call detail records
 * @param cdrRetention  how long CDR cycle files are kept
 * @param drainTimeout  on SIGTERM, how long calls in progress may continue
 * @param logFormat     text or json
 * @param hep           HEP capture destination, null = off
 */
public record NodeSettings(String name, HostPort admin, Secret adminToken, String cdrDirectory,
        Duration cdrRetention, Duration drainTimeout, LogFormat logFormat, HostPort hep) {
}
