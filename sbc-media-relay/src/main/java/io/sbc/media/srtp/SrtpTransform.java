package io.sbc.media.srtp;

/**
 * One direction-agnostic packet transform of a suite, bound to one set of session keys (RTP or RTCP).
 * All methods work in place on {@code buf[off, off+len)} and may write the trailer after it; header
 * parsing, index estimation and replay checks are done by {@link SrtpContext} before calling.
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}.
 */
abstract class SrtpTransform {
    /** @return protected length, or a negative {@link SrtpError} */
    abstract int protectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index);

    /** @param len length including the tag; @return plaintext length, or a negative {@link SrtpError} */
    abstract int unprotectRtp(byte[] buf, int off, int len, int headerLen, int ssrc, long index);

    /** Encrypts (E=1) and appends E||index and the tag. @return protected length or an error */
    abstract int protectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex);

    /** @param len length including index and tag; @return plaintext length or an error */
    abstract int unprotectRtcp(byte[] buf, int off, int len, int ssrc, int srtcpIndex, boolean encrypted);

    /** Offset of the E||SRTCP-index word, counted back from the end of a protected RTCP packet. */
    abstract int srtcpIndexFromEnd();

    static void putInt(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }

    static int getInt(byte[] b, int off) {
        return (b[off] & 0xFF) << 24 | (b[off + 1] & 0xFF) << 16 | (b[off + 2] & 0xFF) << 8 | (b[off + 3] & 0xFF);
    }
}
