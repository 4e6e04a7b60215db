package io.sbc.media.session;

import java.net.InetSocketAddress;

/**
 * A call that has just been marked dead for lack of media: what the control layer needs to tell its
 * controller (docs/control-protocol.md, "Media timeout notification").
 *
 * @param callId        the call
 * @param fromTag       the offerer's tag (the SIP From tag of the initial INVITE)
 * @param toTag         the answerer's tag, or null when no answer named it yet
 * @param controller    where the last offer/answer came from, or null when unknown (in-process caller)
 * @param silentSeconds how long no media flowed on any of the call's streams
 */
public record MediaTimeoutNotice(String callId, String fromTag, String toTag, InetSocketAddress controller,
                                 long silentSeconds) {
}
