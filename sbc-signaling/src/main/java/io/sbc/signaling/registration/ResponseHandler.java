package io.sbc.signaling.registration;

import io.sbc.signaling.message.SipResponse;

/**
 * Receives the outcome of one request sent through a {@link RequestSender}. Called on the sender's
 * owner thread (the event loop of the transaction layer).
 */
public interface ResponseHandler {
    /** A response: provisional ones may come first; exactly one final response ends the exchange. */
    void onResponse(SipResponse response);

    /**
     * No final response: the transaction timed out (Timer B/F, RFC 3261 §8.1.3.1 treats it as 408), the
     * transport failed, or the sender refused the request (table full). Ends the exchange.
     */
    void onFailure(String reason);
}
