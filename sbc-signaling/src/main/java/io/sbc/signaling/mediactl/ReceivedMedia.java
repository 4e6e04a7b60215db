package io.sbc.signaling.mediactl;

import java.util.List;
import java.util.Map;

/**
 * What a relay received from one side of a call, read from an ng {@code query} or {@code delete}
 * reply in rtpengine's layout: {@code tags → <tag> → medias → streams}, the RTP streams' {@code stats}
 * and {@code SSRC}, and the top-level {@code SSRC} block ({@code cumulative loss}, {@code average MOS}
 * with {@code MOS} ×10 and {@code jitter} in ms), which a real rtpengine fills from RTCP. The
 * embedded relay adds {@code packets lost} and {@code jitter us} to {@code stats} (RFC 3550 A.3/A.8
 * over everything it received); those win when present.
 *
 * <p>Malformed or missing parts read as absent, never as an exception.
 *
 * @param packets  RTP packets received from the side, summed over its RTP streams
 * @param lost     RTP packets lost on the way from the side to the relay, summed
 * @param jitterMs the highest interarrival jitter among its streams, ms
 * @param mos      the lowest MOS the relay reported among its streams, or -1 when it reported none
 */
public record ReceivedMedia(long packets, long lost, double jitterMs, double mos) {

    /**
     * @return the figures of {@code tag}'s side, or null when the reply holds no RTP stream of that
     *     tag or nothing was received or lost on it
     */
    public static ReceivedMedia of(Map<?, ?> reply, String tag) {
        if (reply == null || tag == null || !(reply.get("tags") instanceof Map<?, ?> tags)
                || !(tags.get(tag) instanceof Map<?, ?> mono) || !(mono.get("medias") instanceof List<?> medias)) {
            return null;
        }
        Map<?, ?> ssrcs = reply.get("SSRC") instanceof Map<?, ?> m ? m : Map.of();
        long packets = 0;
        long lost = 0;
        double jitterMs = 0;
        double mos = -1;
        for (Object media : medias) {
            if (!(media instanceof Map<?, ?> md) || !(md.get("streams") instanceof List<?> streams)) {
                continue;
            }
            for (Object so : streams) {
                if (!(so instanceof Map<?, ?> st) || !(st.get("flags") instanceof List<?> flags)
                        || !flags.contains("RTP") || !(st.get("stats") instanceof Map<?, ?> stats)) {
                    continue;
                }
                packets += num(stats.get("packets"), 0);
                Map<?, ?> block = st.get("SSRC") instanceof Long ssrc && ssrcs.get(Long.toString(ssrc)) instanceof Map<?, ?> b
                        ? b : Map.of();
                Map<?, ?> avg = block.get("average MOS") instanceof Map<?, ?> a ? a : Map.of();
                lost += num(stats.get("packets lost"), num(block.get("cumulative loss"), 0));
                long jitterUs = num(stats.get("jitter us"), -1);
                double j = jitterUs >= 0 ? jitterUs / 1000.0 : Math.max(0, num(avg.get("jitter"), 0));
                jitterMs = Math.max(jitterMs, j);
                long mos10 = num(avg.get("MOS"), -1);
                if (mos10 > 0) {
                    double m = mos10 / 10.0;
                    mos = mos < 0 ? m : Math.min(mos, m);
                }
            }
        }
        if (packets == 0 && lost == 0) {
            return null;
        }
        return new ReceivedMedia(packets, Math.max(0, lost), jitterMs, mos);
    }

    private static long num(Object o, long absent) {
        return o instanceof Long l ? l : o instanceof Integer i ? i : absent;
    }
}
