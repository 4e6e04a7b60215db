package io.sbc.media.relay;

/**
 * The local ports a stream's legs are bound to (RTCP equals RTP when muxed). Mostly an echo of the
 * spec; it matters when a spec asked for port 0 (tests and benchmarks).
 */
public record BoundPorts(long streamId, int aRtp, int aRtcp, int bRtp, int bRtcp) {
}
