package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls the {@link FrameListener} so that nothing it throws reaches an event loop, and releases the
 * buffer afterwards (the ownership rule documented on {@link FrameListener}). Shared, stateless
 * apart from counters.
 */
final class ListenerInvoker {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerInvoker.class);
    private final LogThrottle failureLog = new LogThrottle(1000);
    private final FrameListener listener;
    private final TransportCounters counters;

    ListenerInvoker(FrameListener listener, TransportCounters counters) {
        this.listener = listener;
        this.counters = counters;
    }

    /** Hands {@code frame} to the listener and releases it. */
    void frame(Flow flow, ByteBuf frame) {
        counters.framesReceived.increment();
        try {
            listener.onFrame(flow, frame);
        } catch (RuntimeException e) {
            listenerFailed(flow, e);
        } finally {
            frame.release();
        }
    }

    /** Reports an oversize message; {@code head} is not released here (its owner does that). */
    void oversize(Flow flow, ByteBuf head) {
        counters.oversize.increment();
        try {
            listener.onOversize(flow, head);
        } catch (RuntimeException e) {
            listenerFailed(flow, e);
        }
    }

    private void listenerFailed(Flow flow, RuntimeException e) {
        counters.listenerFailures.increment();
        if (failureLog.allow()) {
            LOG.warn("frame listener threw {} for {}: {}", e.getClass().getSimpleName(), flow, e.getMessage());
        }
    }
}
