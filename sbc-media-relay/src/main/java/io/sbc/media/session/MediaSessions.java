package io.sbc.media.session;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The media-plane state the ng dispatcher drives: one method per ng command. Called on the control
 * thread only; implementations own the call state, allocate ports and notify a {@link StreamListener}.
 */
public interface MediaSessions {
    /** ng offer: creates or updates the call; returns the plan for the SDP sent to the recipient. */
    SignalResult offer(SignalRequest request);

    /** ng answer: completes the call; returns the plan for the SDP sent back to the offerer. */
    SignalResult answer(SignalRequest request);

    /**
     * ng delete.
     *
     * @param toTag    optional; with it only a matching call is deleted
     * @param delayNs  0 to delete now, else the call is removed after this delay
     */
    DeleteResult delete(String callId, String fromTag, String toTag, long delayNs);

    /** ng query: the call, or null when unknown. */
    Call query(String callId);

    /**
     * Reception figures of every relayed stream of {@code call}, keyed by {@link Stream#id()}, asked
     * of the relay workers that own them. Call it before {@link #delete} to report a deleted call's
     * final figures: a worker runs its commands in order, so the figures are taken just before the
     * streams close. Streams without figures are absent from the map.
     */
    default CompletableFuture<Map<Long, ReceptionFigures>> figures(Call call) {
        return CompletableFuture.completedFuture(Map.of());
    }

    /** ng list: up to {@code limit} call-ids. */
    List<String> list(int limit);

    /** ng statistics. */
    RelayStatistics statistics();

    /** Housekeeping on the control thread (delayed deletes); returns the number of calls removed. */
    int expire();

    /**
     * Remembers where the last successful offer/answer of {@code callId} came from, so a media timeout
     * can be reported there. Ignored for unknown calls.
     */
    default void noteController(String callId, InetSocketAddress controller) {
    }

    /**
     * A relay worker reported relay stream {@code relayStreamId} of {@code callId} silent for
     * {@code silentNanos}. Marks the stream; once every relayed stream of the call is silent the call
     * is marked timed out (counted in {@link RelayStatistics#timeoutSessions()}).
     *
     * @return the notice to send, exactly once per call; null while other streams still carry media,
     *         for an unknown call or stream, and for a call already marked
     */
    default MediaTimeoutNotice mediaTimedOut(String callId, long relayStreamId, long silentNanos) {
        return null;
    }
}
