package io.sbc.media.relay;

import io.sbc.media.io.DatagramEndpoint;

/**
 * One bound local port of a leg and its peer latch: the attachment the poller hands back, so a ready
 * socket leads straight to its stream without any lookup by port.
 *
 * <p>Owner: the relay worker thread.
 */
final class RelaySocket {

    final DatagramEndpoint endpoint;
    /** True for the RTP port (which also carries RTCP when muxed), false for a separate RTCP port. */
    final boolean rtpPort;
    RelayLeg leg;
    PeerLatch latch;
    /**
     * The latch target a {@code connect} was last tried for (with {@code connectPeers}), else null:
     * tried once per target, whether the socket layer connected, declined or failed.
     */
    java.net.InetSocketAddress connectTried;

    RelaySocket(DatagramEndpoint endpoint, boolean rtpPort) {
        this.endpoint = endpoint;
        this.rtpPort = rtpPort;
    }

    int localPort() {
        return endpoint.localPort();
    }
}
