package io.sbc.signaling.registration;

/**
 * Bounds and lifetimes of the SBC's registrar (RFC 3261 §10.3).
 *
 * @param maxBindings       bindings over all AORs (default 10,000); beyond it new bindings get 503
 * @param maxBindingsPerAor bindings of one AOR (default 10); beyond it new bindings get 503
 * @param minExpiresSeconds shorter requested lifetimes get 423 with Min-Expires (default 60)
 * @param maxExpiresSeconds longer requested lifetimes are shortened to it (default 3600)
 * @param defaultExpiresSeconds lifetime when the request names none (default 3600, RFC 3261 §10.2.1.1)
 */
public record RegistrarSettings(int maxBindings, int maxBindingsPerAor, int minExpiresSeconds, int maxExpiresSeconds,
        int defaultExpiresSeconds) {

    public RegistrarSettings {
        if (maxBindings < 1 || maxBindingsPerAor < 1 || minExpiresSeconds < 1 || maxExpiresSeconds < minExpiresSeconds
                || defaultExpiresSeconds < minExpiresSeconds || defaultExpiresSeconds > maxExpiresSeconds) {
            throw new IllegalArgumentException("inconsistent registrar settings: " + this);
        }
    }

    public static RegistrarSettings defaults() {
        return new RegistrarSettings(10_000, 10, 60, 3600, 3600);
    }
}
