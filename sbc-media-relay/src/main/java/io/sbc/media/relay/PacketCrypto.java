package io.sbc.media.relay;

/**
 * The SRTP hook of one leg and direction: in-place transforms over a byte array, returning the new
 * length or a negative error code (never throwing for packet content). Its method set is exactly
 * {@code io.sbc.media.srtp.SrtpContext}'s, so a context adapts with four delegating lines (see
 * {@link SrtpPacketCrypto}).
 *
 * <p>A leg carries two: {@link RelayLegSpec#inboundCrypto()} unprotects what arrives from the leg's
 * peer, {@link RelayLegSpec#outboundCrypto()} protects what is sent to it. RTP↔SRTP interworking is
 * a leg with crypto facing a leg without.
 *
 * <p>Owner: the relay worker thread that owns the stream (contexts are handed over with the add or
 * update command). The buffer always has at least {@link #MAX_EXPANSION_BYTES} spare bytes after the
 * packet for the tag that protect appends.
 */
public interface PacketCrypto {

    /** Headroom after the packet the relay guarantees for protect (SRTCP index + MKI + tag). */
    int MAX_EXPANSION_BYTES = 64;

    int protectRtp(byte[] buf, int off, int len);

    int unprotectRtp(byte[] buf, int off, int len);

    int protectRtcp(byte[] buf, int off, int len);

    int unprotectRtcp(byte[] buf, int off, int len);
}
