package io.sbc.media.session;

/**
 * One relayed stream of one side (rtpengine's packet_stream): the local port pair this side sends
 * to, the endpoint its SDP advertised, and how to secure and latch it.
 *
 * <p>Owner: the control thread (created and changed only by {@link CallRegistry}); relay workers get
 * immutable {@link StreamInfo} snapshots through {@link StreamListener}.
 */
public final class Stream {
    private final long id;
    final String localAddress;
    int localRtpPort;
    /** Equal to {@link #localRtpPort} when muxed; ports are always allocated as a pair. */
    int localRtcpPort;
    boolean rtcpMux;
    String remoteAddress;
    int remoteRtpPort;
    int remoteRtcpPort;
    LatchingFlags latching = LatchingFlags.DEFAULT;
    /** Keys this side's peer uses to send to us (from its SDP). */
    SrtpParams srtpIn;
    /** Keys we use to send to this side's peer (written in the SDP we sent it). */
    SrtpParams srtpOut;
    String iceUfrag;
    String icePwd;
    final StreamCounters rtpCounters = new StreamCounters();
    final StreamCounters rtcpCounters = new StreamCounters();

    Stream(long id, String localAddress, int localRtpPort) {
        this.id = id;
        this.localAddress = localAddress;
        this.localRtpPort = localRtpPort;
        this.localRtcpPort = localRtpPort + 1;
    }

    public long id() {
        return id;
    }

    public String localAddress() {
        return localAddress;
    }

    public int localRtpPort() {
        return localRtpPort;
    }

    public int localRtcpPort() {
        return localRtcpPort;
    }

    public boolean rtcpMux() {
        return rtcpMux;
    }

    /** Address from this side's SDP (or its SIP source), null before its SDP was seen. */
    public String remoteAddress() {
        return remoteAddress;
    }

    public int remoteRtpPort() {
        return remoteRtpPort;
    }

    public int remoteRtcpPort() {
        return remoteRtcpPort;
    }

    public LatchingFlags latching() {
        return latching;
    }

    public SrtpParams srtpIn() {
        return srtpIn;
    }

    public SrtpParams srtpOut() {
        return srtpOut;
    }

    public StreamCounters rtpCounters() {
        return rtpCounters;
    }

    public StreamCounters rtcpCounters() {
        return rtcpCounters;
    }
}
