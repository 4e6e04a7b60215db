package io.sbc.signaling.transaction;

/** A scheduled timer that can be cancelled before it fires. Cancelling twice or after firing is harmless. */
@FunctionalInterface
public interface TimerHandle {
    void cancel();
}
