package io.sbc.media.relay;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One side (leg) of a relayed media stream, as the control layer negotiated it: where the relay
 * listens, where the SDP says the peer is, how to learn the peer's real address, and the SRTP hooks.
 *
 * @param localAddress the relay address this leg's sockets bind to (a realm's media address)
 * @param localRtpPort the RTP port (even, from the port allocator)
 * @param rtcpMux true if RTCP shares the RTP port (RFC 5761); then no RTCP socket is bound
 * @param localRtcpPort the RTCP port (normally RTP + 1), ignored with {@code rtcpMux}
 * @param sdpRtp the peer's RTP address from its SDP ({@code c=}/{@code m=}), or null if unknown
 * @param sdpRtcp the peer's RTCP address from SDP ({@code a=rtcp} or RTP port + 1), or null
 * @param signalingSource the address the peer's signaling came from, or null if unknown; used to
 *     decide whether a private SDP address is reachable (see {@link PeerLatch#initialTarget})
 * @param trustAddress rtpengine's {@code trust-address}: use the SDP address even if it is private
 * @param learning the endpoint-learning mode (rtpengine's {@code asymmetric} flag maps to OFF)
 * @param strictSource after latching, drop (and count) packets from any other source
 * @param inboundCrypto unprotects packets from this leg's peer (SRTP side), or null for plain RTP
 * @param outboundCrypto protects packets sent to this leg's peer, or null for plain RTP
 * @param clockRate RTP clock rate of the main payload, Hz, for jitter (8000 for G.711)
 * @param telephoneEventPayloadType RFC 4733 payload type negotiated on this leg, or -1; such packets
 *     are relayed untouched and kept out of the jitter estimate
 * @param packetSink told of every packet accepted from this leg's peer (the control layer's own
 *     counters), or null; called on the worker thread, must be allocation-free and non-blocking
 */
public record RelayLegSpec(
        InetAddress localAddress,
        int localRtpPort,
        boolean rtcpMux,
        int localRtcpPort,
        InetSocketAddress sdpRtp,
        InetSocketAddress sdpRtcp,
        InetAddress signalingSource,
        boolean trustAddress,
        EndpointLearning learning,
        boolean strictSource,
        PacketCrypto inboundCrypto,
        PacketCrypto outboundCrypto,
        int clockRate,
        int telephoneEventPayloadType,
        LegPacketSink packetSink) {

    public RelayLegSpec {
        Objects.requireNonNull(localAddress, "localAddress");
        Objects.requireNonNull(learning, "learning");
        if (localRtpPort < 0 || localRtpPort > 65535) {
            throw new IllegalArgumentException("localRtpPort out of range: " + localRtpPort);
        }
        if (!rtcpMux && (localRtcpPort < 0 || localRtcpPort > 65535)) {
            throw new IllegalArgumentException("localRtcpPort out of range: " + localRtcpPort);
        }
        if (clockRate <= 0 || clockRate > 192_000) {
            throw new IllegalArgumentException("clockRate out of range: " + clockRate);
        }
        if (telephoneEventPayloadType < -1 || telephoneEventPayloadType > 127) {
            throw new IllegalArgumentException("telephoneEventPayloadType out of range: " + telephoneEventPayloadType);
        }
    }

    /**
     * A plain-RTP leg with the defaults: RTCP on {@code rtpPort + 1} (or muxed), delayed learning,
     * strict source, address not trusted, 8 kHz clock, telephone-event on payload type 101.
     */
    public static RelayLegSpec of(InetAddress localAddress, int rtpPort, boolean rtcpMux, InetSocketAddress sdpRtp) {
        InetSocketAddress sdpRtcp = sdpRtp == null || rtcpMux ? null
                : new InetSocketAddress(sdpRtp.getAddress(), sdpRtp.getPort() + 1);
        return new RelayLegSpec(localAddress, rtpPort, rtcpMux, rtcpMux ? 0 : rtpPort == 0 ? 0 : rtpPort + 1,
                sdpRtp, sdpRtcp, null, false, EndpointLearning.DELAYED, true, null, null, 8000, 101, null);
    }

    public RelayLegSpec withLearning(EndpointLearning mode) {
        return new RelayLegSpec(localAddress, localRtpPort, rtcpMux, localRtcpPort, sdpRtp, sdpRtcp, signalingSource,
                trustAddress, mode, strictSource, inboundCrypto, outboundCrypto, clockRate, telephoneEventPayloadType, packetSink);
    }

    public RelayLegSpec withSignalingSource(InetAddress source) {
        return new RelayLegSpec(localAddress, localRtpPort, rtcpMux, localRtcpPort, sdpRtp, sdpRtcp, source,
                trustAddress, learning, strictSource, inboundCrypto, outboundCrypto, clockRate, telephoneEventPayloadType, packetSink);
    }

    public RelayLegSpec withTrustAddress(boolean trust) {
        return new RelayLegSpec(localAddress, localRtpPort, rtcpMux, localRtcpPort, sdpRtp, sdpRtcp, signalingSource,
                trust, learning, strictSource, inboundCrypto, outboundCrypto, clockRate, telephoneEventPayloadType, packetSink);
    }

    public RelayLegSpec withStrictSource(boolean strict) {
        return new RelayLegSpec(localAddress, localRtpPort, rtcpMux, localRtcpPort, sdpRtp, sdpRtcp, signalingSource,
                trustAddress, learning, strict, inboundCrypto, outboundCrypto, clockRate, telephoneEventPayloadType, packetSink);
    }

    public RelayLegSpec withCrypto(PacketCrypto inbound, PacketCrypto outbound) {
        return new RelayLegSpec(localAddress, localRtpPort, rtcpMux, localRtcpPort, sdpRtp, sdpRtcp, signalingSource,
                trustAddress, learning, strictSource, inbound, outbound, clockRate, telephoneEventPayloadType, packetSink);
    }

    public RelayLegSpec withPacketSink(LegPacketSink sink) {
        return new RelayLegSpec(localAddress, localRtpPort, rtcpMux, localRtcpPort, sdpRtp, sdpRtcp, signalingSource,
                trustAddress, learning, strictSource, inboundCrypto, outboundCrypto, clockRate, telephoneEventPayloadType,
                sink);
    }

    public RelayLegSpec withSdpRtp(InetSocketAddress rtp, InetSocketAddress rtcp) {
        return new RelayLegSpec(localAddress, localRtpPort, rtcpMux, localRtcpPort, rtp, rtcp, signalingSource,
                trustAddress, learning, strictSource, inboundCrypto, outboundCrypto, clockRate, telephoneEventPayloadType, packetSink);
    }
}
