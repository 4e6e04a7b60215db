package io.sbc.policy.model;

import java.util.Objects;

/**
 * A resolved secret (password, token). {@link #toString()} never shows the value, so a secret cannot
 * leak through logging a record that holds it; {@link #reference()} is the {@code ${env:..}} text the
 * file used, safe to print.
 */
public final class Secret {
    private final String reference;
    private final String value;

    public Secret(String reference, String value) {
        this.reference = Objects.requireNonNull(reference);
        this.value = Objects.requireNonNull(value);
    }

    /** The secret itself: only for the code that uses it (digest auth, admin token check). */
    public String reveal() {
        return value;
    }

    public String reference() {
        return reference;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && s.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[" + reference + "]";
    }
}
