package io.sbc.signaling.registration;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.transaction.Destination;

/**
 * The seam between a client of the SBC's own requests (trunk registration, NAT keep-alives) and the
 * transaction layer: sends one complete request (with its own top Via and fresh branch) in a new
 * client transaction. {@link TransactionRequestSender} implements it over a
 * {@link io.sbc.signaling.transaction.TransactionLayer}.
 *
 * <p>Called on the owner thread of the layer behind it; the handler is called on that thread too.
 */
@FunctionalInterface
public interface RequestSender {
    void send(SipRequest request, Destination destination, ResponseHandler handler);
}
