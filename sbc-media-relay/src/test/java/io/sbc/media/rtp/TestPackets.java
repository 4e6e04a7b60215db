package io.sbc.media.rtp;

/** Builds RTP and RTCP packets for tests (RFC 3550 layouts). */
public final class TestPackets {

    private TestPackets() {
    }

    /** An RTP packet with a payload of {@code payloadLen} bytes, each byte = (seq + index). */
    public static byte[] rtp(int pt, int seq, long ts, int ssrc, int payloadLen) {
        byte[] b = new byte[12 + payloadLen];
        b[0] = (byte) 0x80;
        b[1] = (byte) pt;
        b[2] = (byte) (seq >> 8);
        b[3] = (byte) seq;
        putU32(b, 4, ts);
        putU32(b, 8, ssrc & 0xFFFF_FFFFL);
        for (int i = 0; i < payloadLen; i++) {
            b[12 + i] = (byte) (seq + i);
        }
        return b;
    }

    /** An RFC 4733 telephone-event packet: event, end bit, volume, duration. */
    public static byte[] telephoneEvent(int pt, int seq, long ts, int ssrc, int event, boolean end, int duration) {
        byte[] b = rtp(pt, seq, ts, ssrc, 4);
        b[12] = (byte) event;
        b[13] = (byte) ((end ? 0x80 : 0) | 10);
        b[14] = (byte) (duration >> 8);
        b[15] = (byte) duration;
        return b;
    }

    /** A sender report with one report block. */
    public static byte[] senderReport(int ssrc, long ntpSec, long ntpFrac, long rtpTs, long packets, long octets,
            int fractionLost, int cumLost, long jitter, long lsr, long dlsr) {
        byte[] b = new byte[28 + 24];
        b[0] = (byte) 0x81;
        b[1] = (byte) 200;
        b[3] = (byte) (b.length / 4 - 1);
        putU32(b, 4, ssrc & 0xFFFF_FFFFL);
        putU32(b, 8, ntpSec);
        putU32(b, 12, ntpFrac);
        putU32(b, 16, rtpTs);
        putU32(b, 20, packets);
        putU32(b, 24, octets);
        block(b, 28, fractionLost, cumLost, jitter, lsr, dlsr);
        return b;
    }

    /** A receiver report with one report block. */
    public static byte[] receiverReport(int ssrc, int fractionLost, int cumLost, long jitter, long lsr, long dlsr) {
        byte[] b = new byte[8 + 24];
        b[0] = (byte) 0x81;
        b[1] = (byte) 201;
        b[3] = (byte) (b.length / 4 - 1);
        putU32(b, 4, ssrc & 0xFFFF_FFFFL);
        block(b, 8, fractionLost, cumLost, jitter, lsr, dlsr);
        return b;
    }

    private static void block(byte[] b, int at, int fractionLost, int cumLost, long jitter, long lsr, long dlsr) {
        putU32(b, at, 0x1234);
        b[at + 4] = (byte) fractionLost;
        b[at + 5] = (byte) (cumLost >> 16);
        b[at + 6] = (byte) (cumLost >> 8);
        b[at + 7] = (byte) cumLost;
        putU32(b, at + 8, 1000);
        putU32(b, at + 12, jitter);
        putU32(b, at + 16, lsr);
        putU32(b, at + 20, dlsr);
    }

    public static void putU32(byte[] b, int at, long v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
    }
}
