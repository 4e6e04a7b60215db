package io.sbc.media.rtp;

/**
 * Reads RTP (RFC 3550 §5.1) and RTCP (RFC 3550 §6.4) header fields in place from a byte array, at
 * fixed offsets; nothing is copied or allocated. Callers check {@link #isPlausibleRtpOrRtcp} before
 * reading other fields.
 *
 * <p>Stateless.
 */
public final class RtpHeaderView {

    /** Fixed RTP header length (RFC 3550 §5.1), without CSRCs or extension. */
    public static final int RTP_HEADER_BYTES = 12;
    /** Smallest RTCP packet: header plus sender SSRC (RFC 3550 §6.4.2, an empty RR). */
    public static final int RTCP_MIN_BYTES = 8;

    private RtpHeaderView() {
    }

    /** Version 2 in the two top bits and at least {@link #RTCP_MIN_BYTES} bytes. */
    public static boolean isPlausibleRtpOrRtcp(byte[] b, int off, int len) {
        return len >= RTCP_MIN_BYTES && (b[off] & 0xC0) == 0x80;
    }

    /**
     * RFC 5761 §4: on a multiplexed port, a packet whose second byte (marker bit cleared) is in
     * 64..95 is RTCP (RTCP packet types 192..223); RTP payload types must avoid that range.
     */
    public static boolean isRtcpByPayloadType(byte[] b, int off) {
        int pt = b[off + 1] & 0x7F;
        return pt >= 64 && pt <= 95;
    }

    public static int payloadType(byte[] b, int off) {
        return b[off + 1] & 0x7F;
    }

    public static int sequenceNumber(byte[] b, int off) {
        return ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    /** RTP timestamp as an unsigned 32-bit value in a long. */
    public static long timestamp(byte[] b, int off) {
        return readU32(b, off + 4);
    }

    public static int ssrc(byte[] b, int off) {
        return (int) readU32(b, off + 8);
    }

    /** Unsigned big-endian 32-bit value. */
    public static long readU32(byte[] b, int at) {
        return ((long) (b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
