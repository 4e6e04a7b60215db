package io.sbc.signaling.cdr;

import java.util.List;

/**
 * One call detail record: every call attempt ends in exactly one, whatever its outcome.
 *
 * @param sbcCallId       the SBC's own id of the call (logs, admin API, traces use it)
 * @param inboundCallId   Call-ID of the leg the call arrived on
 * @param outboundCallId  Call-ID of the leg the SBC placed; empty when none was placed
 * @param sourceRealm     realm the call came from
 * @param sourceTrunk     trunk the call came from (empty when the source was no known trunk)
 * @param destRealm       realm the call went to (empty when not routed)
 * @param destTrunk       trunk the call went to (empty when not routed)
 * @param caller          calling user, after number normalization
 * @param callee          called user, after number normalization
 * @param startMillis     when the INVITE arrived (epoch ms)
 * @param answerMillis    when the call was answered (epoch ms), 0 when never answered
 * @param endMillis       when the call ended (epoch ms)
 * @param finalStatus     final SIP status of the call setup (200 for answered calls)
 * @param endedBy         who or what ended it: {@link EndedBy}
 * @param endReason       a short reason text (e.g. "BYE", "487 Request Terminated", "no media 60s")
 * @param codecs          codecs negotiated, in SDP order
 * @param srtp            whether either leg used SRTP
 * @param forward         media figures caller → callee
 * @param reverse         media figures callee → caller
 */
public record CdrRecord(String sbcCallId, String inboundCallId, String outboundCallId, String sourceRealm,
        String sourceTrunk, String destRealm, String destTrunk, String caller, String callee, long startMillis,
        long answerMillis, long endMillis, int finalStatus, EndedBy endedBy, String endReason, List<String> codecs,
        boolean srtp, MediaFigures forward, MediaFigures reverse) {

    /** Who or what ended a call. */
    public enum EndedBy {
        CALLER_BYE, CALLEE_BYE, CALLER_CANCEL, REJECTED, NO_ANSWER, TIMEOUT, MEDIA_TIMEOUT, MAX_DURATION,
        ADMISSION_REFUSED, NO_ROUTE, DRAIN, ERROR
    }

    /** Packets, loss, jitter and a MOS estimate for one direction of a call's media. */
    public record MediaFigures(long packets, long lost, double jitterMs, double mos) {
        public static final MediaFigures NONE = new MediaFigures(0, 0, 0, 0);
    }

    public CdrRecord {
        sbcCallId = nz(sbcCallId);
        inboundCallId = nz(inboundCallId);
        outboundCallId = nz(outboundCallId);
        sourceRealm = nz(sourceRealm);
        sourceTrunk = nz(sourceTrunk);
        destRealm = nz(destRealm);
        destTrunk = nz(destTrunk);
        caller = nz(caller);
        callee = nz(callee);
        endReason = nz(endReason);
        codecs = codecs == null ? List.of() : List.copyOf(codecs);
        forward = forward == null ? MediaFigures.NONE : forward;
        reverse = reverse == null ? MediaFigures.NONE : reverse;
        if (endedBy == null) {
            endedBy = EndedBy.ERROR;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Talk time: from answer to end, 0 for unanswered calls. */
    public long durationMillis() {
        return answerMillis > 0 && endMillis >= answerMillis ? endMillis - answerMillis : 0;
    }
}
