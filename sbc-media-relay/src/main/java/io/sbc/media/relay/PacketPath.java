package io.sbc.media.relay;

import io.sbc.media.io.DatagramPoller;
import io.sbc.media.rtp.RtpHeaderView;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The per-packet pipeline of a worker, as rtpengine's {@code stream_packet()} but allocation-free:
 * receive → check length and version → RTP/RTCP demux (RFC 5761 §4) → source check and learning
 * against the latched peer → SRTP unprotect (if the inbound leg is SRTP) → statistics → SRTP protect
 * (if the outbound leg is SRTP) → send from the other leg's socket to its peer. RFC 4733
 * telephone-event packets take the same path and leave byte-identical (only SRTP applies).
 *
 * <p>One packet buffer is reused for every packet; the poller hands back the {@link RelaySocket}
 * attached at registration, so there is no lookup by port either.
 *
 * <p>Owner: the relay worker thread. {@link #nowNanos} is the worker's clock, cached once per duty cycle.
 */
final class PacketPath implements DatagramPoller.ReadyHandler<RelaySocket> {

    /** Largest datagram relayed; longer ones are dropped as malformed (RTP over Ethernet stays under 1500). */
    static final int MAX_PACKET_BYTES = 2048;

    private final byte[] buf = new byte[MAX_PACKET_BYTES + PacketCrypto.MAX_EXPANSION_BYTES];
    private final int receiveBatch;
    /** {@link RelayConfig#connectPeers()}: connect a socket to its confirmed strict peer. */
    private final boolean connectPeers;
    long nowNanos;
    /** Wall-clock seconds, cached once per duty cycle, for {@link LegPacketSink}. */
    long epochSeconds;

    long rxPackets;
    long rxBytes;
    long txPackets;
    long txBytes;
    long socketErrors;
    final long[] drops = new long[DropReason.VALUES.length];

    PacketPath(int receiveBatch) {
        this(receiveBatch, false);
    }

    PacketPath(int receiveBatch, boolean connectPeers) {
        this.receiveBatch = receiveBatch;
        this.connectPeers = connectPeers;
    }

    @Override
    public int onReadable(RelaySocket socket) {
        int n = 0;
        try {
            while (n < receiveBatch) {
                int len = socket.endpoint.receive(buf, 0, MAX_PACKET_BYTES);
                if (len < 0) {
                    break;
                }
                n++;
                onPacket(socket, len);
            }
        } catch (IOException e) {
            socketErrors++;
        }
        return n;
    }

    /** Handles one datagram of {@code len} bytes in {@link #buf}. Visible for the packet-path tests. */
    void onPacket(RelaySocket socket, int len) {
        RelayLeg in = socket.leg;
        int rxLen = Math.min(len, MAX_PACKET_BYTES);
        in.rxPackets++;
        in.rxBytes += rxLen;
        rxPackets++;
        rxBytes += rxLen;
        if (len > MAX_PACKET_BYTES || !RtpHeaderView.isPlausibleRtpOrRtcp(buf, 0, len)) {
            drop(in, DropReason.MALFORMED);
            return;
        }
        boolean rtcp = !socket.rtpPort || RtpHeaderView.isRtcpByPayloadType(buf, 0);
        if (!rtcp && len < RtpHeaderView.RTP_HEADER_BYTES) {
            drop(in, DropReason.MALFORMED);
            return;
        }
        // Stray RTCP on a non-muxed RTP port must not move the latch (rtpengine GH #697, Asterisk).
        boolean mayLearn = !rtcp || !socket.rtpPort || in.spec.rtcpMux();
        if (!socket.latch.accept(socket.endpoint.lastSource(), nowNanos, mayLearn)) {
            drop(in, DropReason.SOURCE_MISMATCH);
            return;
        }
        in.lastRxNanos = nowNanos;
        RelayLegSpec inSpec = in.spec;
        LegPacketSink sink = inSpec.packetSink();
        if (sink != null) {
            sink.onPacket(len, epochSeconds);
        }
        PacketCrypto inCrypto = inSpec.inboundCrypto();
        if (inCrypto != null) {
            len = rtcp ? inCrypto.unprotectRtcp(buf, 0, len) : inCrypto.unprotectRtp(buf, 0, len);
            if (len < 0) {
                drop(in, DropReason.SRTP_UNPROTECT);
                return;
            }
        }
        RelayLeg out = in.other;
        if (rtcp) {
            in.rxRtcpPackets++;
            long srNtpMiddle = in.rtcpIn.onReceived(buf, 0, len, nowNanos);
            if (srNtpMiddle >= 0) {
                out.rtcpIn.onSenderReportForwarded(srNtpMiddle, nowNanos);
            }
        } else {
            int pt = RtpHeaderView.payloadType(buf, 0);
            boolean event = pt == inSpec.telephoneEventPayloadType();
            if (event) {
                in.telephoneEvents++;
            }
            // RFC 3550 A.8 wants the arrival time: the kernel's receive stamp when the socket layer has
            // one, else the duty cycle's clock (the same for every packet of a batch, so coarser).
            long arrival = socket.endpoint.lastArrivalNanos();
            if (arrival < 0) {
                arrival = nowNanos;
            }
            long elapsedMicros = (arrival - in.stream.createdNanos) / 1_000;
            long arrivalRtpUnits = elapsedMicros * inSpec.clockRate() / 1_000_000;
            in.rtpIn.onPacket(RtpHeaderView.ssrc(buf, 0), RtpHeaderView.sequenceNumber(buf, 0),
                    RtpHeaderView.timestamp(buf, 0), arrivalRtpUnits, !event);
        }
        RelaySocket outSocket = rtcp ? out.rtcpOut() : out.rtp;
        InetSocketAddress target = outSocket.latch.target();
        if (target == null) {
            drop(in, DropReason.NO_PEER);
            return;
        }
        PacketCrypto outCrypto = out.spec.outboundCrypto();
        if (outCrypto != null) {
            len = rtcp ? outCrypto.protectRtcp(buf, 0, len) : outCrypto.protectRtp(buf, 0, len);
            if (len < 0) {
                drop(in, DropReason.SRTP_PROTECT);
                return;
            }
        }
        if (connectPeers && outSocket.connectTried != target && outSocket.latch.connectable()) {
            connect(outSocket, target); // once per latched target, not per packet
        }
        try {
            if (!outSocket.endpoint.send(buf, 0, len, target)) {
                drop(in, DropReason.SEND_FAILED);
                return;
            }
        } catch (IOException e) {
            socketErrors++;
            drop(in, DropReason.SEND_FAILED);
            return;
        }
        out.txPackets++;
        out.txBytes += len;
        txPackets++;
        txBytes += len;
    }

    /** Connects the socket to its latched peer; a refusal is a socket error and sends stay unconnected. */
    private void connect(RelaySocket socket, InetSocketAddress target) {
        socket.connectTried = target;
        try {
            socket.endpoint.connect(target);
        } catch (IOException e) {
            socketErrors++;
        }
    }

    private void drop(RelayLeg leg, DropReason reason) {
        leg.drops[reason.ordinal()]++;
        drops[reason.ordinal()]++;
    }

    /** The reused packet buffer (tests and the in-memory transport write into it). */
    byte[] buffer() {
        return buf;
    }
}
