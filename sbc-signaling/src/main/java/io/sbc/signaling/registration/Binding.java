package io.sbc.signaling.registration;

import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.transaction.Destination;

/**
 * One registered contact of an AOR (RFC 3261 §10.3) and the flow its REGISTER came on.
 *
 * <p>NAT: the contact is what the phone or PBX wrote (often a private address); {@link #flow()} is
 * where the REGISTER really came from: the UDP source address and port (RFC 3581 rport) or the TCP/TLS
 * connection. Requests to the contact go to the flow (RFC 5626 §5.3 spirit: reach the UA over the
 * connection it opened), with the contact as Request-URI.
 *
 * @param aor             canonical address of record ({@link Registrar#aorKey})
 * @param contact         the registered contact URI
 * @param callId          Call-ID of the REGISTER that created or last refreshed it
 * @param cseq            its CSeq number
 * @param expiresAtMillis when it lapses (registrar clock)
 * @param flow            where to send requests for this contact
 * @param qThousandths    the contact's q-value times 1000 (1000 when absent)
 */
public record Binding(String aor, SipUri contact, String callId, long cseq, long expiresAtMillis, Destination flow,
        int qThousandths) {

    /** Seconds left at {@code nowMillis}, rounded up; 0 when lapsed. */
    public int remainingSeconds(long nowMillis) {
        long left = expiresAtMillis - nowMillis;
        return left <= 0 ? 0 : (int) ((left + 999) / 1000);
    }
}
