package io.sbc.signaling.registration;

/** Told about every state change of a trunk registration (for the metric and logs); on the owner thread. */
@FunctionalInterface
public interface RegistrationListener {
    RegistrationListener NONE = (trunk, from, to) -> { };

    void onStateChange(String trunk, RegistrationState from, RegistrationState to);
}
