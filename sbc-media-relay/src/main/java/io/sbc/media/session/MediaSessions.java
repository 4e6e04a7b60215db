package io.sbc.media.session;

import java.util.List;

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

    /** ng list: up to {@code limit} call-ids. */
    List<String> list(int limit);

    /** ng statistics. */
    RelayStatistics statistics();

    /** Housekeeping on the control thread (delayed deletes); returns the number of calls removed. */
    int expire();
}
