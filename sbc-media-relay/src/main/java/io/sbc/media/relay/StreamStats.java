package io.sbc.media.relay;

/**
 * Snapshot of one relayed stream for {@code query}: both legs and whether the media timeout fired.
 *
 * @param streamId the stream's id
 * @param callId the call it belongs to
 * @param a leg A figures
 * @param b leg B figures
 * @param mediaTimedOut true once no media flowed in either direction for the configured timeout
 */
public record StreamStats(long streamId, String callId, LegStats a, LegStats b, boolean mediaTimedOut) {
}
