package io.sbc.signaling.core;

import io.netty.channel.EventLoop;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.TransactionTransport;
import io.sbc.signaling.transport.ListenPoint;

import java.util.concurrent.CompletableFuture;

/**
 * The transaction layer's view of one listen point: every message a transaction sends leaves from
 * this listen point (so a response leaves from the socket its request came in on, which is what
 * NATs and RFC 3581 expect). Failures are reported back on the owning event loop.
 *
 * <p>Owned by one {@link SignalingWorker}'s event loop, like the transaction layer it serves.
 */
final class ListenPointTransport implements TransactionTransport {
    private final ListenPoint point;
    private final ResponseSender sender;
    private final EventLoop loop;

    ListenPointTransport(ListenPoint point, ResponseSender sender, EventLoop loop) {
        this.point = point;
        this.sender = sender;
        this.loop = loop;
    }

    @Override
    public void send(SipMessage message, Destination destination, TransportErrorListener errorListener) {
        CompletableFuture<?> sent;
        try {
            sent = message.isRequest()
                    ? sender.sendRequest(message, point, destination.remote(), destination.connectionId())
                    : sender.sendResponse(message, point, destination.remote(), destination.connectionId());
        } catch (RuntimeException e) {
            errorListener.transportError("encode failed: " + e.getClass().getSimpleName());
            return;
        }
        sent.whenComplete((flow, error) -> {
            if (error != null) {
                String reason = error.getClass().getSimpleName()
                        + (error.getMessage() == null ? "" : ": " + error.getMessage());
                loop.execute(() -> errorListener.transportError(reason));
            }
        });
    }
}
