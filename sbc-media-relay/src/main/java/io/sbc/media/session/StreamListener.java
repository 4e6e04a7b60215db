package io.sbc.media.session;

import java.util.concurrent.CompletableFuture;

/**
 * The seam between control and packet plane. {@link CallRegistry} calls it on the control thread
 * after each change; an implementation hands the snapshot to the relay worker owning the port
 * (through that worker's bounded command queue) and must not block.
 */
public interface StreamListener {
    /** A stream got ports: the worker binds them. */
    void onStreamAdded(StreamInfo stream);

    /** Remote endpoint, keys, mux or latching changed (same ports). */
    void onStreamUpdated(StreamInfo stream);

    /** The stream ended: the worker closes the ports (they enter quarantine). */
    void onStreamRemoved(StreamInfo stream);

    /**
     * Quality of what {@code stream}'s side sent to the relay, computed by the worker that owns the
     * stream (so its state keeps one owner thread). Must not block: the future completes on that
     * worker. Completes with null when the listener has no figures (stream not relayed yet, no relay).
     */
    default CompletableFuture<ReceptionFigures> figures(StreamInfo stream) {
        return CompletableFuture.completedFuture(null);
    }

    StreamListener NONE = new StreamListener() {
        @Override
        public void onStreamAdded(StreamInfo stream) {
        }

        @Override
        public void onStreamUpdated(StreamInfo stream) {
        }

        @Override
        public void onStreamRemoved(StreamInfo stream) {
        }
    };
}
