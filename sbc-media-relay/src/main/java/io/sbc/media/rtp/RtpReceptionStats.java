package io.sbc.media.rtp;

/**
 * Reception statistics of one RTP source direction, as RFC 3550 Appendix A.1 (sequence number
 * tracking with 16-bit wrap, probation-free) and A.8 (interarrival jitter) compute them. Fixed size:
 * a call of any length keeps the same handful of fields.
 *
 * <p>An SSRC change (a new source after hold/resume or a re-INVITE) restarts the sequence state but
 * keeps the cumulative expected/received totals, so loss over the whole call stays meaningful.
 *
 * <p>Owner: the relay worker thread that owns the stream; other threads read only snapshots the
 * worker produces.
 */
public final class RtpReceptionStats {

    /** RFC 3550 A.1: a jump larger than this is a restart, not loss. */
    static final int MAX_DROPOUT = 3000;
    /** RFC 3550 A.1: a jump back of less than this is a late/duplicate packet. */
    static final int MAX_MISORDER = 100;
    private static final int RTP_SEQ_MOD = 1 << 16;

    private boolean started;
    private int ssrc;
    private int baseSeq;
    private int maxSeq;
    private long cycles;
    private long receivedThisSource;
    private long expectedBefore;
    private long receivedBefore;
    private long transit;
    private boolean haveTransit;
    /** Jitter in timestamp units, scaled by 16 as in RFC 3550 A.8 (integer form). */
    private long jitterQ4;

    /**
     * Accounts one RTP packet.
     *
     * @param ssrc the packet's SSRC
     * @param seq the packet's 16-bit sequence number
     * @param rtpTimestamp the packet's 32-bit timestamp
     * @param arrivalRtpUnits the arrival time expressed in the payload clock (e.g. 8000 Hz)
     * @param forJitter false for packets whose timestamp does not advance with arrival time
     *     (RFC 4733 events keep one timestamp for the whole event), which would distort jitter
     */
    public void onPacket(int ssrc, int seq, long rtpTimestamp, long arrivalRtpUnits, boolean forJitter) {
        if (!started || ssrc != this.ssrc) {
            restart(ssrc, seq);
        } else {
            int udelta = (seq - maxSeq) & 0xFFFF;
            if (udelta < MAX_DROPOUT) {
                if (seq < maxSeq) {
                    cycles += RTP_SEQ_MOD;
                }
                maxSeq = seq;
            } else if (udelta <= RTP_SEQ_MOD - MAX_MISORDER) {
                // A big jump: the sender restarted its sequence; treat as a new run (A.1 simplified).
                restart(ssrc, seq);
            }
            // else: duplicate or reordered packet, counted as received only.
        }
        receivedThisSource++;
        if (forJitter) {
            long t = (arrivalRtpUnits - rtpTimestamp) & 0xFFFF_FFFFL;
            if (haveTransit) {
                long d = (int) (t - transit);
                if (d < 0) {
                    d = -d;
                }
                jitterQ4 += d - ((jitterQ4 + 8) >> 4);
            }
            transit = t;
            haveTransit = true;
        }
    }

    private void restart(int newSsrc, int seq) {
        if (started) {
            expectedBefore += expectedThisSource();
            receivedBefore += receivedThisSource;
        }
        started = true;
        ssrc = newSsrc;
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        receivedThisSource = 0;
        haveTransit = false;
    }

    private long expectedThisSource() {
        return started ? cycles + maxSeq - baseSeq + 1 : 0;
    }

    /** Packets expected from sequence numbers, over all sources seen. */
    public long expected() {
        return expectedBefore + expectedThisSource();
    }

    /** Packets received (duplicates included, as RFC 3550 counts them). */
    public long received() {
        return receivedBefore + receivedThisSource;
    }

    /** Cumulative packets lost (RFC 3550 A.3), never negative here. */
    public long lost() {
        return Math.max(0, expected() - received());
    }

    /** Interarrival jitter in payload-clock units (RFC 3550 A.8). */
    public long jitterRtpUnits() {
        return jitterQ4 >> 4;
    }

    /** Extended highest sequence number received. */
    public long extendedHighestSeq() {
        return cycles + maxSeq;
    }

    public int ssrc() {
        return ssrc;
    }
}
