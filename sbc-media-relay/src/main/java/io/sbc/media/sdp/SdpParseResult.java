package io.sbc.media.sdp;

/** Either a parsed SDP or a reason with the 1-based line number where parsing stopped (0 = whole body). */
public record SdpParseResult(SessionDescription description, String errorReason, int errorLine) {
    static SdpParseResult ok(SessionDescription d) {
        return new SdpParseResult(d, null, 0);
    }

    static SdpParseResult error(String reason, int line) {
        return new SdpParseResult(null, reason, line);
    }

    public boolean isOk() {
        return description != null;
    }
}
