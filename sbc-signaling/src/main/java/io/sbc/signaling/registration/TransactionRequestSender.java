package io.sbc.signaling.registration;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.Transaction;
import io.sbc.signaling.transaction.TransactionLayer;
import io.sbc.signaling.transaction.TransactionTimer;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link RequestSender} over one {@link TransactionLayer}. The layer has a single
 * {@link io.sbc.signaling.transaction.TransactionUser}; that TU (the UA core / B2BUA) forwards its
 * client-transaction callbacks here first ({@link #onResponse}, {@link #onTimeout},
 * {@link #onTransportError}) and handles them itself only when they return false.
 *
 * <p>Keyed by the request's branch and method (the layer's own client key, RFC 3261 §17.1.3), known
 * before the layer is called, so a synchronous send failure reported from inside
 * {@link TransactionLayer#sendRequest} still finds its handler. Bounded by the layer's client table.
 *
 * <p>Owner: the layer's event loop.
 */
public final class TransactionRequestSender implements RequestSender {
    private final TransactionLayer layer;
    private final Map<String, ResponseHandler> pending = new HashMap<>();

    public TransactionRequestSender(TransactionLayer layer) {
        this.layer = Objects.requireNonNull(layer, "layer");
    }

    @Override
    public void send(SipRequest request, Destination destination, ResponseHandler handler) {
        Via via = request.topVia();
        String key = key(via == null ? null : via.branch(), request.method());
        pending.put(key, handler);
        boolean started;
        try {
            started = layer.sendRequest(request, destination).isPresent();
        } catch (IllegalArgumentException e) {
            pending.remove(key);
            handler.onFailure("request refused by the transaction layer: " + e.getMessage());
            return;
        }
        if (!started && pending.remove(key) != null) {
            handler.onFailure("client transaction table full");
        }
    }

    /** For the TU's {@code onResponse}: true when the response belonged to a request sent here. */
    public boolean onResponse(ClientTransaction transaction, SipResponse response) {
        String key = key(transaction);
        ResponseHandler h = response.statusCode() >= 200 ? pending.remove(key) : pending.get(key);
        if (h == null) {
            return false;
        }
        h.onResponse(response);
        return true;
    }

    /** For the TU's {@code onTimeout}: true when the transaction was one of ours. */
    public boolean onTimeout(Transaction transaction, TransactionTimer timer) {
        ResponseHandler h = pending.remove(key(transaction));
        if (h == null) {
            return false;
        }
        h.onFailure("timeout (timer " + timer + ")");
        return true;
    }

    /** For the TU's {@code onTransportError}: true when the transaction was one of ours. */
    public boolean onTransportError(Transaction transaction, String reason) {
        ResponseHandler h = pending.remove(key(transaction));
        if (h == null) {
            return false;
        }
        h.onFailure("transport error: " + reason);
        return true;
    }

    /** Requests waiting for a final response. */
    public int pendingCount() {
        return pending.size();
    }

    private static String key(Transaction t) {
        return key(t.branch(), t.method());
    }

    private static String key(String branch, String method) {
        return branch + " " + method;
    }
}
