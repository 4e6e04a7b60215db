package io.sbc.signaling.gate;

import java.util.Locale;

/** Label values of {@code sbc_gate_dropped_total{realm,reason}}. */
public enum DropReason {
    ACL,
    BANNED_MANUAL,
    BANNED_RATE,
    BANNED_MALFORMED,
    BANNED_SCANNER,
    BANNED_AUTH,
    RATE,
    /** Trusted source over its budget: answered 503 + Retry-After rather than dropped outright. */
    OVER_BUDGET_TRUSTED,
    /** A request whose User-Agent is a scanner's: dropped unanswered after parsing. */
    SCANNER,
    /** New INVITE/REGISTER refused with 503 while the event loops lag (overload control). */
    OVERLOAD,
    /** A TCP/TLS/WS connection closed as soon as accepted: over the per-source or total connection limit. */
    CONNECTION_LIMIT;

    private final String label = name().toLowerCase(Locale.ROOT);

    public String label() {
        return label;
    }

    static DropReason banned(BanReason reason) {
        return switch (reason) {
            case MANUAL -> BANNED_MANUAL;
            case RATE -> BANNED_RATE;
            case MALFORMED -> BANNED_MALFORMED;
            case SCANNER -> BANNED_SCANNER;
            case AUTH -> BANNED_AUTH;
        };
    }
}
