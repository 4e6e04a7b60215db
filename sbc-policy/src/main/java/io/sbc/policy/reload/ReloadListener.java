package io.sbc.policy.reload;

import io.sbc.policy.PolicySnapshot;

/**
 * Told after a new snapshot was installed. Runs on the reloading thread; it must not block for
 * long (hand socket work to the event loops). {@link ListenerChanges#between} says which listen
 * addresses to open and close.
 */
@FunctionalInterface
public interface ReloadListener {
    void reloaded(PolicySnapshot previous, PolicySnapshot current);
}
