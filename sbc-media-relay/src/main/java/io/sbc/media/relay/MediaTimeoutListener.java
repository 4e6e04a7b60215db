package io.sbc.media.relay;

/**
 * Told once per stream when no media arrived from either leg's peer for the configured media
 * timeout (default 60 s). The control layer turns this into a notification to the controlling
 * address; {@code query} shows the same fact as {@link StreamStats#mediaTimedOut()} for controllers
 * that poll.
 *
 * <p>Called on the owning relay worker thread: implementations must not block (hand the event to
 * another thread, e.g. offer it to a queue).
 */
@FunctionalInterface
public interface MediaTimeoutListener {

    /**
     * @param streamId the stream that went silent
     * @param callId its call
     * @param silentNanos how long neither peer has sent anything
     */
    void onMediaTimeout(long streamId, String callId, long silentNanos);
}
