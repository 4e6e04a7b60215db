package io.sbc.media.session;

/**
 * Immutable snapshot of a stream for a relay worker: what to bind, whom to expect, how to latch,
 * which keys to use, and which stream's peer the packets go to.
 *
 * @param streamId       unique per relay lifetime
 * @param peerStreamId   the other side's stream: packets received here leave from its local ports to its remote
 * @param callId         for logs and stats
 * @param tag            SIP tag of the side that sends to this stream
 * @param mediaIndex     0-based m= index
 * @param localAddress   relay address of this side's interface
 * @param localRtpPort   where this side sends RTP
 * @param localRtcpPort  where this side sends RTCP (equal to localRtpPort when rtcpMux)
 * @param rtcpMux        RFC 5761 multiplexing on this side
 * @param remoteAddress  this side's address from its SDP (or SIP source), null until known
 * @param remoteRtpPort  0 until known
 * @param remoteRtcpPort 0 until known
 * @param latching       trust-address/symmetric/strict-source/port-latching settings
 * @param srtpIn         keys to unprotect packets from this side, null for plain RTP
 * @param srtpOut        keys to protect packets sent to this side, null for plain RTP
 * @param iceUfrag       our ICE username fragment on this side (answer STUN checks), or null
 * @param icePwd         our ICE password on this side, or null
 * @param counters       RTP counters the worker increments
 */
public record StreamInfo(long streamId, long peerStreamId, String callId, String tag, int mediaIndex,
                         String localAddress, int localRtpPort, int localRtcpPort, boolean rtcpMux,
                         String remoteAddress, int remoteRtpPort, int remoteRtcpPort, LatchingFlags latching,
                         SrtpParams srtpIn, SrtpParams srtpOut, String iceUfrag, String icePwd,
                         StreamCounters counters) {
}
