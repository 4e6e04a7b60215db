package io.sbc.media.rtp;

/**
 * What one peer reports about a media stream in its RTCP (RFC 3550 §6.4): its sender report
 * figures, the reception figures it reports for the media the relay sends it (fraction lost,
 * cumulative lost, jitter) and the round-trip time between the relay and that peer.
 *
 * <p><b>RTT without trusting clocks.</b> When the relay forwards a sender report towards this peer
 * it remembers the SR's middle 32 NTP bits and its own send time ({@link #onSenderReportForwarded});
 * when the peer's receiver report block echoes it as LSR with a DLSR (RFC 3550 §6.4.1), the round
 * trip relay↔peer is {@code now - sentAt - DLSR}. Only the last {@value #SR_HISTORY} forwarded SRs
 * are kept, in a fixed ring: memory does not grow with call length or report count.
 *
 * <p>Parsing is bounds-checked and never throws; malformed compounds are counted and the figures
 * read so far are kept.
 *
 * <p>Owner: the relay worker thread that owns the stream.
 */
public final class RtcpReportStats {

    static final int PT_SR = 200;
    static final int PT_RR = 201;
    static final int SR_HISTORY = 4;
    private static final int REPORT_BLOCK_BYTES = 24;

    private final long[] srNtpMiddle = new long[SR_HISTORY];
    private final long[] srSentAtNanos = new long[SR_HISTORY];
    private int srNext;

    private long senderReports;
    private long receiverReports;
    private long malformed;
    private long senderPacketCount = -1;
    private long senderOctetCount = -1;
    private int fractionLost = -1;
    private long cumulativeLost = -1;
    private long jitterRtpUnits = -1;
    private long rttNanos = -1;

    public RtcpReportStats() {
        java.util.Arrays.fill(srNtpMiddle, -1L);
    }

    /**
     * Parses a (decrypted) compound RTCP packet received from this peer.
     *
     * @return the middle 32 bits of the NTP timestamp if the compound carried a sender report
     *     (the caller records it on the other leg with {@link #onSenderReportForwarded}), else -1
     */
    public long onReceived(byte[] b, int off, int len, long nowNanos) {
        int end = off + len;
        int p = off;
        long srMiddle = -1;
        while (p + 4 <= end) {
            if ((b[p] & 0xC0) != 0x80) {
                malformed++;
                return srMiddle;
            }
            int count = b[p] & 0x1F;
            int pt = b[p + 1] & 0xFF;
            int bytes = ((((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF)) + 1) * 4;
            if (p + bytes > end) {
                malformed++;
                return srMiddle;
            }
            int blocks;
            if (pt == PT_SR && bytes >= 28) {
                senderReports++;
                srMiddle = ((RtpHeaderView.readU32(b, p + 8) & 0xFFFF) << 16) | (RtpHeaderView.readU32(b, p + 12) >>> 16);
                senderPacketCount = RtpHeaderView.readU32(b, p + 20);
                senderOctetCount = RtpHeaderView.readU32(b, p + 24);
                blocks = p + 28;
            } else if (pt == PT_RR && bytes >= 8) {
                receiverReports++;
                blocks = p + 8;
            } else {
                blocks = -1;
            }
            if (blocks >= 0) {
                for (int i = 0; i < count && blocks + REPORT_BLOCK_BYTES <= p + bytes; i++, blocks += REPORT_BLOCK_BYTES) {
                    onReportBlock(b, blocks, nowNanos);
                }
            }
            p += bytes;
        }
        return srMiddle;
    }

    private void onReportBlock(byte[] b, int at, long nowNanos) {
        fractionLost = b[at + 4] & 0xFF;
        // 24-bit signed cumulative count (RFC 3550 §6.4.1; may go negative with duplicates).
        int cum = ((b[at + 5] & 0xFF) << 16) | ((b[at + 6] & 0xFF) << 8) | (b[at + 7] & 0xFF);
        cumulativeLost = (cum << 8) >> 8;
        jitterRtpUnits = RtpHeaderView.readU32(b, at + 12);
        long lsr = RtpHeaderView.readU32(b, at + 16);
        long dlsr = RtpHeaderView.readU32(b, at + 20);
        if (lsr == 0) {
            return; // no SR received by the peer yet
        }
        for (int i = 0; i < SR_HISTORY; i++) {
            if (srNtpMiddle[i] == lsr) {
                long dlsrNanos = dlsr * 1_000_000_000L / 65536;
                long rtt = nowNanos - srSentAtNanos[i] - dlsrNanos;
                if (rtt >= 0) {
                    rttNanos = rtt;
                }
                return;
            }
        }
    }

    /** Records that a sender report with NTP middle bits {@code ntpMiddle} was sent to this peer now. */
    public void onSenderReportForwarded(long ntpMiddle, long nowNanos) {
        srNtpMiddle[srNext] = ntpMiddle;
        srSentAtNanos[srNext] = nowNanos;
        srNext = (srNext + 1) % SR_HISTORY;
    }

    public long senderReports() {
        return senderReports;
    }

    public long receiverReports() {
        return receiverReports;
    }

    public long malformed() {
        return malformed;
    }

    /** Packets the peer says it sent (last SR), or -1. */
    public long senderPacketCount() {
        return senderPacketCount;
    }

    /** Payload octets the peer says it sent (last SR), or -1. */
    public long senderOctetCount() {
        return senderOctetCount;
    }

    /** Last reported fraction lost, in 1/256 units, or -1. */
    public int fractionLost() {
        return fractionLost;
    }

    /** Last reported cumulative number of packets lost, or -1 if never reported. */
    public long cumulativeLost() {
        return cumulativeLost;
    }

    /** Last reported interarrival jitter, payload-clock units, or -1. */
    public long jitterRtpUnits() {
        return jitterRtpUnits;
    }

    /** Round trip relay↔peer from the last matching LSR/DLSR, nanoseconds, or -1. */
    public long rttNanos() {
        return rttNanos;
    }
}
