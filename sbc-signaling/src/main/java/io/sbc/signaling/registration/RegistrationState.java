package io.sbc.signaling.registration;

/** Where a trunk's registration stands (for {@code /api/trunks} and the registration metric). */
public enum RegistrationState {
    /** Not registered and not trying: before {@code start()} or after {@code stop()}. */
    UNREGISTERED,
    /** A REGISTER (or its challenge answer) is in flight and there is no valid binding known. */
    REGISTERING,
    /** The registrar accepted the binding; a refresh is scheduled before it expires. */
    REGISTERED,
    /** The registrar refused our credentials or the request (401/403/404 ...): waiting to retry (backoff). */
    FAILED,
    /** No answer, transport failure or a transient error (408, 5xx, 6xx): waiting to retry. */
    BACKOFF
}
