package io.sbc.signaling.b2bua;

/**
 * Where a call is (the B2BUA's call state machine):
 * <pre>
 * ROUTING --route, media offer--> CALLING --1xx with tag--> EARLY --2xx--> ANSWERED --ACK from A--> CONFIRMED
 *    \                             \ 3xx-6xx, CANCEL, no gateway left ---------------------------> ENDED
 *     CONFIRMED --BYE (either side), media timeout, max duration, no ACK--> ENDED
 * </pre>
 * Failover (503, timeout, transport error) stays in CALLING with the next attempt.
 */
public enum CallState { ROUTING, CALLING, EARLY, ANSWERED, CONFIRMED, ENDED;

    public boolean beforeAnswer() {
        return this == ROUTING || this == CALLING || this == EARLY;
    }
}
