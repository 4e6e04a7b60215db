package io.sbc.media.relay;

/**
 * How a leg learns its peer's real transport address from the media it sends (latching, i.e.
 * symmetric RTP, RFC 4961), named as rtpengine's {@code endpoint-learning} option. Chosen per realm
 * by the control layer and carried in {@link RelayLegSpec}.
 */
public enum EndpointLearning {
    /** Never learn: send to the SDP address only. For trusted, un-NATed peers. */
    OFF,
    /** Latch to the source of the first packet. */
    IMMEDIATE,
    /**
     * Default. Follow the most recent source for a learning window (default 3 s, as rtpengine)
     * and then latch to it; a packet from exactly the SDP address and port latches at once.
     */
    DELAYED,
    /**
     * As rtpengine's {@code heuristic}: during the learning window prefer a source matching the SDP
     * address and port (latches at once), then one matching the SDP address only, then any; latch to
     * the best candidate seen when the window ends.
     */
    HEURISTIC;

    /** Parses {@code off|immediate|delayed|heuristic} (case-insensitive); null for anything else. */
    public static EndpointLearning parse(String s) {
        for (EndpointLearning m : values()) {
            if (m.name().equalsIgnoreCase(s)) {
                return m;
            }
        }
        return null;
    }
}
