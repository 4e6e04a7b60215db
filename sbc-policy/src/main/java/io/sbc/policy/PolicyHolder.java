package io.sbc.policy;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The running policy. Readers call {@link #current()} once when a call (or an out-of-dialog
 * transaction) starts and keep that snapshot for its life; {@link #swap} replaces it atomically for
 * calls that start afterwards. Lock-free: any thread may read, the reloader writes.
 */
public final class PolicyHolder {
    private final AtomicReference<PolicySnapshot> current;

    public PolicyHolder(PolicySnapshot initial) {
        this.current = new AtomicReference<>(Objects.requireNonNull(initial));
    }

    public PolicySnapshot current() {
        return current.get();
    }

    /** Installs {@code next}; returns the snapshot it replaced. */
    public PolicySnapshot swap(PolicySnapshot next) {
        return current.getAndSet(Objects.requireNonNull(next));
    }
}
