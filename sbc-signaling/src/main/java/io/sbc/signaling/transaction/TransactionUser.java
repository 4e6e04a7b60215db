package io.sbc.signaling.transaction;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;

/**
 * The transaction user (TU, RFC 3261 §17): the UA core / B2BUA above the transaction layer. Every
 * callback runs on the layer's owner thread; the TU may call back into the layer and into the
 * transaction it was handed (e.g. {@link ServerTransaction#sendResponse} from {@link #onRequest}).
 */
public interface TransactionUser {

    /**
     * A new request (not ACK, not CANCEL) created a server transaction. For an INVITE the transaction
     * sends 100 Trying right after this callback returns (or after the configured delay), unless the TU
     * answered inside the callback (RFC 3261 §17.2.1).
     */
    void onRequest(ServerTransaction transaction, SipRequest request);

    /**
     * A new CANCEL created its own non-INVITE server transaction. {@code target} is the INVITE server
     * transaction it cancels (RFC 3261 §9.2), or null when none matches, in which case the TU should
     * answer 481 on {@code cancelTransaction}. With a target, the TU answers the CANCEL 200 and, if the
     * INVITE has no final response yet, the INVITE 487 (RFC 3261 §9.2).
     */
    void onCancel(NonInviteServerTransaction cancelTransaction, SipRequest cancel, InviteServerTransaction target);

    /**
     * An ACK that belongs to a 2xx: it matched no transaction (RFC 3261 §17.2.3, the ACK for a 2xx has
     * its own branch) or it matched an INVITE server transaction in ACCEPTED (RFC 3261 §17.2.1 as updated by RFC 6026). The
     * dialog layer consumes it. ACKs for non-2xx responses never reach the TU.
     */
    void onAck(SipRequest ack, Destination source);

    /**
     * A response for a client transaction: every provisional, the final, and for INVITE every 2xx
     * received in ACCEPTED (retransmissions and other forks, RFC 3261 §17.1.1.2 as updated by RFC 6026). Retransmitted non-2xx
     * finals are absorbed and not delivered.
     */
    void onResponse(ClientTransaction transaction, SipResponse response);

    /**
     * A timer ended the transaction without a final result: {@link TransactionTimer#B} or
     * {@link TransactionTimer#F} (client: no final response; the TU treats it as 408, RFC 3261 §8.1.3.1),
     * or {@link TransactionTimer#H} (INVITE server: no ACK for the non-2xx final response).
     */
    void onTimeout(Transaction transaction, TransactionTimer timer);

    /**
     * The transport failed to send for this transaction (RFC 3261 §17.1.4, §17.2.4). Except in an INVITE
     * server transaction's ACCEPTED state (where the TU owns 2xx delivery) the transaction is terminated.
     */
    void onTransportError(Transaction transaction, String reason);

    /** The transaction reached TERMINATED and left the layer's tables. Default: nothing. */
    default void onTerminated(Transaction transaction) {
    }
}
