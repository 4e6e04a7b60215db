package io.sbc.media.session;

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
