package io.sbc.media.session;

import io.sbc.media.sdp.CryptoAttribute;
import java.util.List;

/**
 * One m= section of one side (rtpengine's call_media): media type, the transport protocol this
 * side uses, its offered SDES lines and its stream.
 *
 * <p>Owner: the control thread.
 */
public final class MediaLeg {
    final int index;
    final String type;
    String proto;
    boolean offeredRtcpMux;
    boolean hadIce;
    /** The offer asked for {@link RtcpMuxOption#DEMUX}: accept the offerer's rtcp-mux in the answer. */
    boolean demuxRequested;
    /** The offer asked for {@link RtcpMuxOption#REQUIRE} toward the answerer. */
    boolean muxRequired;
    /** The rewritten offer toward this side carried a=rtcp-mux. */
    boolean offerMux;
    /** a=crypto lines this side sent (offer: all candidates; answer: the chosen one). */
    List<CryptoAttribute> peerCrypto = List.of();
    /** a=crypto lines we wrote toward this side, kept so a re-offer reuses the keys. */
    List<CryptoAttribute> ourCrypto = List.of();
    /** Null when the section is disabled (port 0) on this side. */
    Stream stream;

    MediaLeg(int index, String type) {
        this.index = index;
        this.type = type;
    }

    public int index() {
        return index;
    }

    public String type() {
        return type;
    }

    public String proto() {
        return proto;
    }

    public Stream stream() {
        return stream;
    }

    public boolean isSdes() {
        return stream != null && (stream.srtpIn != null || stream.srtpOut != null);
    }
}
