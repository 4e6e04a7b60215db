package io.sbc.signaling.mediactl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ng commands the B2BUA sends, built the same way for the embedded relay and a real rtpengine.
 * Tags are the SBC's own per-leg tags (never a peer's), so the relay's call state carries nothing
 * from either side's topology but the SDP it rewrites.
 */
public final class MediaCommands {
    private MediaCommands() {
    }

    /**
     * {@code offer}: SDP from the side of {@code fromTag} (arriving on interface {@code fromInterface})
     * toward {@code toInterface}. The relay replaces origin and session connection, removes ICE, and
     * does not trust the SDP address: it learns the peer from the signaling source and from media
     * (flags {@code SIP-source-address}, {@code symmetric}).
     */
    public static Map<String, Object> offer(String callId, String fromTag, String toTag, String sdp,
            String fromInterface, String toInterface, String sourceIp) {
        Map<String, Object> d = base("offer", callId, fromTag, toTag);
        d.put("sdp", sdp);
        d.put("direction", List.of(fromInterface, toInterface));
        d.put("replace", List.of("origin", "session-connection"));
        d.put("ICE", "remove");
        d.put("flags", List.of("SIP-source-address", "symmetric"));
        if (sourceIp != null) {
            d.put("received-from", List.of(sourceIp.indexOf(':') >= 0 ? "IP6" : "IP4", sourceIp));
        }
        return d;
    }

    /** {@code answer}: SDP from the answering side ({@code toTag}) of the offer made by {@code fromTag}. */
    public static Map<String, Object> answer(String callId, String fromTag, String toTag, String sdp, String sourceIp) {
        Map<String, Object> d = base("answer", callId, fromTag, toTag);
        d.put("sdp", sdp);
        d.put("replace", List.of("origin", "session-connection"));
        d.put("ICE", "remove");
        d.put("flags", List.of("SIP-source-address", "symmetric"));
        if (sourceIp != null) {
            d.put("received-from", List.of(sourceIp.indexOf(':') >= 0 ? "IP6" : "IP4", sourceIp));
        }
        return d;
    }

    /** {@code delete}: the whole call. */
    public static Map<String, Object> delete(String callId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", "delete");
        d.put("call-id", callId);
        return d;
    }

    /** {@code query}: per-stream statistics of the call. */
    public static Map<String, Object> query(String callId) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", "query");
        d.put("call-id", callId);
        return d;
    }

    private static Map<String, Object> base(String command, String callId, String fromTag, String toTag) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("command", command);
        d.put("call-id", callId);
        d.put("from-tag", fromTag);
        if (toTag != null) {
            d.put("to-tag", toTag);
        }
        return d;
    }
}
