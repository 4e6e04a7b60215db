package io.sbc.media.sdp;

import java.util.List;

/**
 * Decisions to apply to one SDP (built by the session layer from ng flags and allocated ports).
 *
 * @param originAddrType    with {@code originAddress}: new o= address (ng {@code replace: origin}), or null to keep
 * @param originAddress     see above
 * @param connectionAddrType with {@code connectionAddress}: new session-level c= address, or null to keep
 * @param connectionAddress see above
 * @param removeSessionIce  drop session-level ICE attributes (a=ice-lite, a=ice-options, a=ice-ufrag/pwd)
 * @param removeSessionDtls drop session-level a=fingerprint/a=setup
 * @param media             one entry per m= section in order; missing entries mean {@link MediaRewrite#UNCHANGED}
 */
public record RewritePlan(String originAddrType, String originAddress, String connectionAddrType,
                          String connectionAddress, boolean removeSessionIce, boolean removeSessionDtls,
                          List<MediaRewrite> media) {
    public RewritePlan {
        media = List.copyOf(media);
    }

    public MediaRewrite media(int index) {
        return index < media.size() ? media.get(index) : MediaRewrite.UNCHANGED;
    }
}
