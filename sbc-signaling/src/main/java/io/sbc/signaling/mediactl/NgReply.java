package io.sbc.signaling.mediactl;

import java.util.Map;

/**
 * One ng reply dictionary. {@code result} is {@code ok}, {@code error} (with {@code error-reason}),
 * or a local failure this client made up when no reply came ({@link #timeout}).
 */
public record NgReply(Map<String, Object> dict) {

    static NgReply timeout(String reason) {
        return new NgReply(Map.of("result", "error", "error-reason", reason));
    }

    public String result() {
        return dict.get("result") instanceof String s ? s : "error";
    }

    public boolean ok() {
        return "ok".equals(result());
    }

    public String errorReason() {
        Object r = dict.get("error-reason");
        return r instanceof String s ? s : result();
    }

    /** The rewritten SDP, or null. ISO-8859-1 text of the bytes the relay sent. */
    public String sdp() {
        return dict.get("sdp") instanceof String s ? s : null;
    }
}
