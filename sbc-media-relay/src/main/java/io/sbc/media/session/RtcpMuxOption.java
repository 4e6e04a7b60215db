package io.sbc.media.session;

/** ng {@code rtcp-mux} list values (RFC 5761 handling). */
public enum RtcpMuxOption {
    /** Offer rtcp-mux to the recipient even if the sender did not. */
    OFFER,
    /** Do not offer rtcp-mux to the recipient even if the sender did; the relay (de)multiplexes. */
    DEMUX,
    /** In an answer: accept the offerer's rtcp-mux. */
    ACCEPT,
    /** In an answer: refuse the offerer's rtcp-mux. */
    REJECT,
    /** Offer rtcp-mux with RTCP on the RTP port only (RFC 8858 style, as WebRTC requires). */
    REQUIRE
}
