package io.sbc.media.relay;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where one relay socket sends, and which sources it accepts: the peer address learnt by
 * {@link EndpointLearning} (latching), with strict source after the latch is confirmed. Fixed size;
 * learning keeps a reference to the JDK's (immutable) source address object, so it allocates nothing.
 *
 * <p><b>Initial target (NAT rule).</b> Before the peer has sent anything, the relay sends to the SDP
 * address only if it is trusted ({@code trust-address}), public, or private but equal to the address
 * the signaling came from. A private SDP address (RFC 1918, RFC 6598, link-local, IPv6 ULA) with
 * signaling from elsewhere, or from an unknown source, means the peer is behind NAT: the relay then
 * waits for the peer's first packet and never sends to the advertised address. Media towards that peer
 * is dropped (counted as {@link DropReason#NO_PEER}) until then.
 *
 * <p>Owner: the relay worker thread that owns the stream.
 */
final class PeerLatch {

    // The few spec values movedBy compares, not the spec: a latch that survives re-offers (hold,
    // resume) would otherwise keep the first spec, with its addresses and SRTP hooks, for the call's life.
    private final EndpointLearning mode;
    private final boolean strict;
    private final boolean trustAddress;
    private final InetAddress signalingSource;
    private final InetSocketAddress sdpRemote;
    private final long learningWindowNanos;

    private InetSocketAddress target;
    private boolean confirmed;
    private long firstSeenNanos = -1;
    private int candidateRank = 3;

    PeerLatch(RelayLegSpec spec, InetSocketAddress sdpRemote, long learningWindowNanos) {
        this.mode = spec.learning();
        this.strict = spec.strictSource();
        this.trustAddress = spec.trustAddress();
        this.signalingSource = spec.signalingSource();
        this.sdpRemote = sdpRemote;
        this.learningWindowNanos = learningWindowNanos;
        this.target = initialTarget(sdpRemote, spec.signalingSource(), spec.trustAddress());
        this.confirmed = mode == EndpointLearning.OFF;
    }

    /** The NAT rule in the class comment. */
    static InetSocketAddress initialTarget(InetSocketAddress sdp, InetAddress signalingSource, boolean trust) {
        if (sdp == null || sdp.isUnresolved() || sdp.getPort() == 0 || sdp.getAddress().isAnyLocalAddress()) {
            return null; // no address, or a held stream (0.0.0.0 / port 0)
        }
        if (trust || !isPrivate(sdp.getAddress())) {
            return sdp;
        }
        return sdp.getAddress().equals(signalingSource) ? sdp : null;
    }

    /** RFC 1918, RFC 6598 (CGN shared space), link-local, IPv6 unique-local (RFC 4193). */
    static boolean isPrivate(InetAddress a) {
        if (a.isSiteLocalAddress() || a.isLinkLocalAddress()) {
            return true;
        }
        if (a instanceof Inet4Address) {
            byte[] b = a.getAddress();
            return (b[0] & 0xFF) == 100 && (b[1] & 0xC0) == 64; // 100.64.0.0/10
        }
        if (a instanceof Inet6Address) {
            return (a.getAddress()[0] & 0xFE) == 0xFC; // fc00::/7
        }
        return false;
    }

    /**
     * Checks a packet's source, learning from it if the mode allows.
     *
     * @param mayLearn false for packets that must not move the latch (stray RTCP on a non-muxed RTP
     *     port: rtpengine GH #697, Asterisk sends it)
     * @return true to relay the packet, false to drop it as {@link DropReason#SOURCE_MISMATCH}
     */
    boolean accept(InetSocketAddress src, long nowNanos, boolean mayLearn) {
        if (confirmed) {
            if (target == null) {
                return !strict;
            }
            return src.equals(target) || !strict;
        }
        if (!mayLearn) {
            return true;
        }
        switch (mode) {
            case IMMEDIATE -> {
                latch(src);
                return true;
            }
            case DELAYED -> {
                if (src.equals(sdpRemote)) {
                    latch(src);
                    return true;
                }
                target = src;
            }
            case HEURISTIC -> {
                int rank = src.equals(sdpRemote) ? 0
                        : sdpRemote != null && src.getAddress().equals(sdpRemote.getAddress()) ? 1 : 2;
                if (rank == 0) {
                    latch(src);
                    return true;
                }
                if (rank <= candidateRank) {
                    candidateRank = rank;
                    target = src;
                }
            }
            default -> {
                return true; // OFF is always confirmed; unreachable
            }
        }
        if (firstSeenNanos < 0) {
            firstSeenNanos = nowNanos;
        } else if (nowNanos - firstSeenNanos >= learningWindowNanos) {
            confirmed = true;
        }
        return true;
    }

    private void latch(InetSocketAddress src) {
        target = src;
        confirmed = true;
    }

    /**
     * True when a re-offer really moved the peer: a different SDP address than this latch was built
     * for, or different learning flags. A hold (no address, 0.0.0.0 or port 0) is not a move: the
     * latch and its strict source survive hold and resume.
     */
    boolean movedBy(RelayLegSpec next, InetSocketAddress nextSdp) {
        if (nextSdp == null || nextSdp.isUnresolved() || nextSdp.getPort() == 0
                || nextSdp.getAddress().isAnyLocalAddress()) {
            return false;
        }
        return !nextSdp.equals(sdpRemote)
                || mode != next.learning()
                || strict != next.strictSource()
                || trustAddress != next.trustAddress()
                || !java.util.Objects.equals(signalingSource, next.signalingSource());
    }

    /** Where to send, or null if not known yet. */
    InetSocketAddress target() {
        return target;
    }

    /**
     * True when the socket may be connected to {@link #target()}: the peer is fixed and only its
     * datagrams are accepted anyway, so the kernel filtering by source changes nothing relayed.
     */
    boolean connectable() {
        return confirmed && strict && target != null;
    }

    /** True once the peer address is fixed (strict source applies). */
    boolean confirmed() {
        return confirmed;
    }
}
