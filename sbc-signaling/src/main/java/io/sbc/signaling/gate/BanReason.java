package io.sbc.signaling.gate;

import java.util.Locale;

/** Why a source is banned: the label of {@code sbc_gate_dropped_total{reason="banned_<reason>"}}. */
public enum BanReason {
    /** Through the admin API; takes precedence over automatic bans and is never evicted by them. */
    MANUAL,
    /** Kept sending past its token bucket. */
    RATE,
    /** Sent malformed messages. */
    MALFORMED,
    /** Sent a request whose User-Agent is a known scanner's (security.scanner-user-agents). */
    SCANNER,
    /** Failed digest authentication too often (REGISTER/INVITE brute force). */
    AUTH;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }
}
