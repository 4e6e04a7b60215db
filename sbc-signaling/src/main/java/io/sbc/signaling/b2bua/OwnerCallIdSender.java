package io.sbc.signaling.b2bua;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.registration.RequestSender;
import io.sbc.signaling.registration.ResponseHandler;
import io.sbc.signaling.routing.CallIds;
import io.sbc.signaling.transaction.Destination;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@link RequestSender} that gives the SBC's own out-of-dialog requests (trunk REGISTER, NAT
 * keep-alive OPTIONS) a Call-ID owned by this worker: the inbound dispatcher hands every response to
 * the worker its Call-ID hashes to ({@link CallIds#ownerIndex}), and only this worker's transaction
 * layer holds the client transaction. The same original Call-ID always maps to the same owned one, so
 * a registration keeps one Call-ID across refreshes (RFC 3261 §10.2.4).
 *
 * <p>Bounded: at most {@link #MAX_MAPPED} remembered Call-IDs (oldest forgotten first; a forgotten
 * registration only gets a new Call-ID, which a registrar accepts as a new binding refresh).
 * Owner: the worker's event loop.
 */
public final class OwnerCallIdSender implements RequestSender {
    static final int MAX_MAPPED = 4096;

    private final RequestSender inner;
    private final int owner;
    private final int workers;
    private final Map<String, String> mapped = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > MAX_MAPPED;
        }
    };

    public OwnerCallIdSender(RequestSender inner, int owner, int workers) {
        this.inner = inner;
        this.owner = owner;
        this.workers = workers;
    }

    @Override
    public void send(SipRequest request, Destination destination, ResponseHandler handler) {
        String callId = request.callId();
        if (callId != null && workers > 1 && CallIds.ownerIndex(callId, workers) != owner) {
            request.setHeader("Call-ID", mapped.computeIfAbsent(callId, k -> CallIds.sameOwner(owner, workers)));
        }
        inner.send(request, destination, handler);
    }
}
