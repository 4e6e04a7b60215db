package io.sbc.media.srtp;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * One SRTP/SRTCP crypto context (RFC 3711 §3.2) for one direction of one media stream: built from a
 * master key and salt, it protects (send side) or unprotects (receive side) RTP and RTCP packets in
 * place. A relay leg uses one context per direction: e.g. SRTP→SRTP re-keying is
 * {@code inbound.unprotectRtp} with leg A's keys then {@code outbound.protectRtp} with leg B's.
 *
 * <p>Per-SSRC state (ROC and highest sequence number via RFC 3711 Appendix A index estimation, the
 * 64-entry replay bitmap of §3.3.2, and the SRTCP index) is kept for at most {@code maxSsrcs} SSRCs
 * (default {@value #DEFAULT_MAX_SSRCS}); packets of further SSRCs are dropped with
 * {@link SrtpError#SSRC_LIMIT} and counted. A receive-side SSRC is only learnt from a packet that
 * authenticated. The context holds no timers, so it survives hold/resume and re-offers unchanged;
 * {@link #usesKeys} tells a re-offer whether the keys really changed.
 *
 * <p>Results: protect/unprotect return the new length, or a negative {@link SrtpError} code for a
 * bad packet; they never throw for packet content. no suite allocates per packet (AES-CM and
 * AES-GCM run on a once-initialised AES/ECB cipher, {@link AesCounterMode}, {@link AesGcm}).
 *
 * <p>Owner: one relay worker thread. The context may be built on another thread and handed over
 * through the worker's command queue; the first packet call binds the owner (checked with
 * {@code assert}); call {@link #releaseOwner()} before handing it to another worker. Counter getters
 * may be read from any thread (opaque reads; values may lag).
 */
public final class SrtpContext {
    /** Default bound on SSRCs per context: a media stream rarely has more than a few (RTX, FEC, SSRC change on resume). */
    public static final int DEFAULT_MAX_SSRCS = 16;
    /** Upper bound for {@code maxSsrcs}. */
    public static final int MAX_SSRCS_LIMIT = 1024;
    /** Largest packet the direct-{@link ByteBuffer} methods accept (they copy through a scratch array). */
    public static final int MAX_BUFFER_PACKET_BYTES = 4096;

    private static final int RTP_MIN_HEADER = 12;
    private static final int RTCP_HEADER = 8;
    private static final int MAX_SRTCP_INDEX = 0x7FFF_FFFF;

    private final SrtpCryptoSuite suite;
    private final byte[] masterKey;
    private final byte[] masterSalt;
    private final SrtpTransform rtp;
    private final SrtpTransform rtcp;
    private final SrtpStreamTable rtpStreams;
    private final SrtpStreamTable rtcpStreams;
    private final byte[] mki;
    /** Octets after the RTP payload: MKI plus tag. */
    private final int rtpTrailer;
    private final int rtcpOverhead;
    private byte[] scratch;
    private Thread owner;

    private long packetsProtected;
    private long packetsUnprotected;
    private long authFailures;
    private long replays;
    private long ssrcLimitDrops;
    private long malformed;
    private long otherErrors;

    private static final VarHandle PROTECTED;
    private static final VarHandle UNPROTECTED;
    private static final VarHandle AUTH_FAILURES;
    private static final VarHandle REPLAYS;
    private static final VarHandle SSRC_LIMIT_DROPS;
    private static final VarHandle MALFORMED;
    private static final VarHandle OTHER_ERRORS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PROTECTED = l.findVarHandle(SrtpContext.class, "packetsProtected", long.class);
            UNPROTECTED = l.findVarHandle(SrtpContext.class, "packetsUnprotected", long.class);
            AUTH_FAILURES = l.findVarHandle(SrtpContext.class, "authFailures", long.class);
            REPLAYS = l.findVarHandle(SrtpContext.class, "replays", long.class);
            SSRC_LIMIT_DROPS = l.findVarHandle(SrtpContext.class, "ssrcLimitDrops", long.class);
            MALFORMED = l.findVarHandle(SrtpContext.class, "malformed", long.class);
            OTHER_ERRORS = l.findVarHandle(SrtpContext.class, "otherErrors", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Context with the default SSRC bound. */
    public SrtpContext(SrtpCryptoSuite suite, byte[] masterKey, byte[] masterSalt) {
        this(suite, masterKey, masterSalt, DEFAULT_MAX_SSRCS);
    }

    /**
     * Derives the session keys (RFC 3711 §4.3, KDR 0) and creates the ciphers. Set-up cost only.
     *
     * @throws IllegalArgumentException if key/salt lengths do not match the suite or maxSsrcs is out of range
     */
    public SrtpContext(SrtpCryptoSuite suite, byte[] masterKey, byte[] masterSalt, int maxSsrcs) {
        this(suite, masterKey, masterSalt, new byte[0], maxSsrcs);
    }

    /**
     * As above, with a master key identifier carried in every packet (RFC 3711 §3.1; empty for none).
     * Packets carrying another MKI are rejected with {@link SrtpError#UNKNOWN_MKI}: one context holds
     * one master key.
     */
    public SrtpContext(SrtpCryptoSuite suite, byte[] masterKey, byte[] masterSalt, byte[] mki, int maxSsrcs) {
        this(suite, masterKey, masterSalt, SrtpKeyDerivation.deriveAll(suite, masterKey, masterSalt), mki, maxSsrcs);
    }

    /** Context from SDES key material (one key of an {@code a=crypto} line, with its MKI if any). */
    public static SrtpContext fromSdes(SdesKeyParams params) {
        return new SrtpContext(params.suite(), params.masterKey(), params.masterSalt(), params.mkiBytes(),
                DEFAULT_MAX_SSRCS);
    }

    /** Context with session keys given directly (RFC 7714 §16/17 vectors give session keys). */
    static SrtpContext withSessionKeys(SrtpCryptoSuite suite, SrtpKeyDerivation.SessionKeys keys) {
        return new SrtpContext(suite, new byte[suite.masterKeyLength()], new byte[suite.masterSaltLength()],
                keys, new byte[0], DEFAULT_MAX_SSRCS);
    }

    private SrtpContext(SrtpCryptoSuite suite, byte[] masterKey, byte[] masterSalt,
                        SrtpKeyDerivation.SessionKeys keys, byte[] mki, int maxSsrcs) {
        if (maxSsrcs < 1 || maxSsrcs > MAX_SSRCS_LIMIT) {
            throw new IllegalArgumentException("maxSsrcs must be 1.." + MAX_SSRCS_LIMIT + ", was " + maxSsrcs);
        }
        if (mki.length > SdesKeyParams.MAX_MKI_LENGTH) {
            throw new IllegalArgumentException("MKI longer than " + SdesKeyParams.MAX_MKI_LENGTH + " octets");
        }
        this.mki = mki.clone();
        this.suite = suite;
        this.masterKey = masterKey.clone();
        this.masterSalt = masterSalt.clone();
        switch (suite.cipher()) {
            case AES_GCM:
                rtp = new AesGcmTransform(keys.rtpKey, keys.rtpSalt, mki);
                rtcp = new AesGcmTransform(keys.rtcpKey, keys.rtcpSalt, mki);
                break;
            case AES_CM:
                rtp = new AesCmHmacTransform(keys.rtpKey, keys.rtpSalt, keys.rtpAuthKey, suite.srtpTagLength(), mki);
                rtcp = new AesCmHmacTransform(keys.rtcpKey, keys.rtcpSalt, keys.rtcpAuthKey, suite.srtcpTagLength(), mki);
                break;
            default:
                rtp = new AesCmHmacTransform(null, keys.rtpSalt, keys.rtpAuthKey, suite.srtpTagLength(), mki);
                rtcp = new AesCmHmacTransform(null, keys.rtcpSalt, keys.rtcpAuthKey, suite.srtcpTagLength(), mki);
                break;
        }
        rtpStreams = new SrtpStreamTable(maxSsrcs);
        rtcpStreams = new SrtpStreamTable(maxSsrcs);
        rtpTrailer = suite.srtpOverhead() + mki.length;
        rtcpOverhead = suite.srtcpOverhead() + mki.length;
    }

    public SrtpCryptoSuite suite() {
        return suite;
    }

    /** Octets {@link #protectRtp} adds: tag plus MKI. Receive buffers need this much spare room. */
    public int srtpOverhead() {
        return rtpTrailer;
    }

    /** Octets {@link #protectRtcp} adds: E||index word, MKI and tag. */
    public int srtcpOverhead() {
        return rtcpOverhead;
    }

    /**
     * True if this context was built from exactly these SDES key params (suite, key, salt and MKI):
     * a re-offer carrying them keeps this context and its ROC/replay state.
     */
    public boolean usesKeys(SdesKeyParams params) {
        return usesKeys(params.suite(), params.masterKey(), params.masterSalt())
                && MessageDigest.isEqual(mki, params.mkiBytes());
    }

    /**
     * True if this context was built from exactly this suite, key and salt: a re-offer whose
     * {@code a=crypto} still carries them keeps this context (and its ROC/replay state).
     */
    public boolean usesKeys(SrtpCryptoSuite otherSuite, byte[] otherKey, byte[] otherSalt) {
        return suite == otherSuite && MessageDigest.isEqual(masterKey, otherKey)
                && MessageDigest.isEqual(masterSalt, otherSalt);
    }

    // ---------------------------------------------------------------- RTP

    /**
     * Protects the RTP packet {@code buf[off, off+len)} in place and appends the tag.
     *
     * @return the SRTP length ({@code len + srtpOverhead()}), or a negative {@link SrtpError}:
     *         TOO_SHORT/MALFORMED header, BUFFER_TOO_SMALL (no room for the tag), REPLAY (this index
     *         was already sent: re-sending it would reuse keystream), SSRC_LIMIT, KEY_EXHAUSTED
     */
    public int protectRtp(byte[] buf, int off, int len) {
        assert checkOwner();
        int hdr = rtpHeaderLength(buf, off, len, len);
        if (hdr < 0) {
            return countMalformed(hdr);
        }
        if (len + rtpTrailer > buf.length - off) {
            return countOther(SrtpError.BUFFER_TOO_SMALL);
        }
        int ssrc = SrtpTransform.getInt(buf, off + 8);
        int seq = (buf[off + 2] & 0xFF) << 8 | (buf[off + 3] & 0xFF);
        int slot = rtpStreams.find(ssrc);
        long index;
        if (slot < 0) {
            if (rtpStreams.isFull()) {
                return countSsrcLimit();
            }
            index = seq;
        } else {
            index = rtpStreams.estimateRtpIndex(slot, seq);
            if (index == -2) {
                return countOther(SrtpError.KEY_EXHAUSTED);
            }
            if (index < 0 || !rtpStreams.isFresh(slot, index)) {
                return countReplay();
            }
        }
        int n = rtp.protectRtp(buf, off, len, hdr, ssrc, index);
        if (n < 0) {
            return countOther(n);
        }
        if (slot < 0) {
            rtpStreams.add(ssrc, index);
        } else {
            rtpStreams.record(slot, index);
        }
        PROTECTED.setOpaque(this, packetsProtected + 1);
        return n;
    }

    /**
     * Verifies and decrypts the SRTP packet {@code buf[off, off+len)} in place. On failure the
     * buffer content is unspecified and the packet must be dropped.
     *
     * @return the RTP length, or a negative {@link SrtpError}: TOO_SHORT, MALFORMED, AUTH_FAILED,
     *         REPLAY, SSRC_LIMIT
     */
    public int unprotectRtp(byte[] buf, int off, int len) {
        assert checkOwner();
        if (len < RTP_MIN_HEADER + rtpTrailer) {
            return countMalformed(SrtpError.TOO_SHORT);
        }
        int hdr = rtpHeaderLength(buf, off, len, len - rtpTrailer);
        if (hdr < 0) {
            return countMalformed(hdr);
        }
        int ssrc = SrtpTransform.getInt(buf, off + 8);
        int seq = (buf[off + 2] & 0xFF) << 8 | (buf[off + 3] & 0xFF);
        int slot = rtpStreams.find(ssrc);
        long index;
        if (slot < 0) {
            // RFC 3711 §3.3.1: a new stream starts with ROC 0 and s_l = SEQ.
            if (rtpStreams.isFull()) {
                return countSsrcLimit();
            }
            index = seq;
        } else {
            index = rtpStreams.estimateRtpIndex(slot, seq);
            if (index < 0 || !rtpStreams.isFresh(slot, index)) {
                return countReplay();
            }
        }
        int n = rtp.unprotectRtp(buf, off, len, hdr, ssrc, index);
        if (n < 0) {
            return countUnprotectFailure(n);
        }
        if (slot < 0) {
            rtpStreams.add(ssrc, index);
        } else {
            rtpStreams.record(slot, index);
        }
        UNPROTECTED.setOpaque(this, packetsUnprotected + 1);
        return n;
    }

    /**
     * RTP header length: 12 + 4·CC, plus 4 + 4·length if the X bit is set (RFC 3550 §5.1, §5.3.1).
     *
     * @param limit octets available for header plus payload (excludes the tag when unprotecting)
     */
    private static int rtpHeaderLength(byte[] buf, int off, int len, int limit) {
        if (len < RTP_MIN_HEADER || off < 0 || off > buf.length - len) {
            return SrtpError.TOO_SHORT;
        }
        int b0 = buf[off] & 0xFF;
        if ((b0 & 0xC0) != 0x80) {
            return SrtpError.MALFORMED;
        }
        int hdr = RTP_MIN_HEADER + 4 * (b0 & 0x0F);
        if ((b0 & 0x10) != 0) {
            if (hdr + 4 > limit) {
                return SrtpError.MALFORMED;
            }
            int words = (buf[off + hdr + 2] & 0xFF) << 8 | (buf[off + hdr + 3] & 0xFF);
            hdr += 4 + 4 * words;
        }
        return hdr > limit ? SrtpError.MALFORMED : hdr;
    }

    // ---------------------------------------------------------------- RTCP

    /**
     * Protects the (compound) RTCP packet {@code buf[off, off+len)} in place: encrypts after the first
     * 8 octets, appends E=1||SRTCP index and the tag (RFC 3711 §3.4, RFC 7714 §9). The SRTCP index
     * counts per sender SSRC from 1, as libsrtp does.
     *
     * @return the SRTCP length ({@code len + srtcpOverhead()}) or a negative {@link SrtpError}
     */
    public int protectRtcp(byte[] buf, int off, int len) {
        assert checkOwner();
        int check = rtcpHeaderCheck(buf, off, len, RTCP_HEADER);
        if (check < 0) {
            return countMalformed(check);
        }
        if (len + rtcpOverhead > buf.length - off) {
            return countOther(SrtpError.BUFFER_TOO_SMALL);
        }
        int ssrc = SrtpTransform.getInt(buf, off + 4);
        int slot = rtcpStreams.find(ssrc);
        long next = slot < 0 ? 1 : rtcpStreams.highest(slot) + 1;
        if (slot < 0 && rtcpStreams.isFull()) {
            return countSsrcLimit();
        }
        if (next > MAX_SRTCP_INDEX) {
            return countOther(SrtpError.KEY_EXHAUSTED);
        }
        return protectRtcpWithIndex(buf, off, len, ssrc, slot, (int) next);
    }

    /** Protects with a given SRTCP index (known-answer tests use the RFC's index). */
    int protectRtcpWithIndex(byte[] buf, int off, int len, int ssrc, int slot, int index) {
        int n = rtcp.protectRtcp(buf, off, len, ssrc, index);
        if (n < 0) {
            return countOther(n);
        }
        if (slot < 0) {
            rtcpStreams.add(ssrc, index);
        } else {
            rtcpStreams.record(slot, index);
        }
        PROTECTED.setOpaque(this, packetsProtected + 1);
        return n;
    }

    /** Test hook: protect RTCP with an explicit SRTCP index. */
    int protectRtcp(byte[] buf, int off, int len, int srtcpIndex) {
        int ssrc = SrtpTransform.getInt(buf, off + 4);
        return protectRtcpWithIndex(buf, off, len, ssrc, rtcpStreams.find(ssrc), srtcpIndex);
    }

    /**
     * Verifies and (if E=1) decrypts the SRTCP packet {@code buf[off, off+len)} in place.
     *
     * @return the RTCP length, or a negative {@link SrtpError}
     */
    public int unprotectRtcp(byte[] buf, int off, int len) {
        assert checkOwner();
        int check = rtcpHeaderCheck(buf, off, len, RTCP_HEADER + rtcpOverhead);
        if (check < 0) {
            return countMalformed(check);
        }
        int word = SrtpTransform.getInt(buf, off + len - rtcp.srtcpIndexFromEnd());
        boolean encrypted = word < 0;
        int index = word & MAX_SRTCP_INDEX;
        int ssrc = SrtpTransform.getInt(buf, off + 4);
        int slot = rtcpStreams.find(ssrc);
        if (slot < 0) {
            if (rtcpStreams.isFull()) {
                return countSsrcLimit();
            }
        } else if (!rtcpStreams.isFresh(slot, index)) {
            return countReplay();
        }
        int n = rtcp.unprotectRtcp(buf, off, len, ssrc, index, encrypted);
        if (n < 0) {
            return countUnprotectFailure(n);
        }
        if (slot < 0) {
            rtcpStreams.add(ssrc, index);
        } else {
            rtcpStreams.record(slot, index);
        }
        UNPROTECTED.setOpaque(this, packetsUnprotected + 1);
        return n;
    }

    private static int rtcpHeaderCheck(byte[] buf, int off, int len, int min) {
        if (len < min || off < 0 || off > buf.length - len) {
            return SrtpError.TOO_SHORT;
        }
        return (buf[off] & 0xC0) == 0x80 ? 0 : SrtpError.MALFORMED;
    }

    // ---------------------------------------------------------------- ByteBuffer variants

    /**
     * {@link #protectRtp(byte[], int, int)} on {@code buf[off, off+len)} (absolute; position and
     * limit untouched). The tag must fit within {@code buf.capacity()}. Heap buffers are processed in
     * their array; direct buffers are copied through a per-context scratch array (at most
     * {@value #MAX_BUFFER_PACKET_BYTES} octets, allocated on first use). A read-only buffer gives
     * BUFFER_TOO_SMALL.
     */
    public int protectRtp(ByteBuffer buf, int off, int len) {
        return viaBuffer(buf, off, len, rtpTrailer, OP_PROTECT_RTP);
    }

    public int unprotectRtp(ByteBuffer buf, int off, int len) {
        return viaBuffer(buf, off, len, 0, OP_UNPROTECT_RTP);
    }

    public int protectRtcp(ByteBuffer buf, int off, int len) {
        return viaBuffer(buf, off, len, rtcpOverhead, OP_PROTECT_RTCP);
    }

    public int unprotectRtcp(ByteBuffer buf, int off, int len) {
        return viaBuffer(buf, off, len, 0, OP_UNPROTECT_RTCP);
    }

    /**
     * {@link #protectRtp(byte[], int, int)} on a Netty buffer at {@code index} (absolute; reader and
     * writer indexes untouched). The tag must fit within {@code buf.capacity()}; allocate receive
     * buffers with at least {@link #srtcpOverhead()} spare octets. Heap buffers are
     * processed in their array, direct buffers through the per-context scratch array; no allocation.
     */
    public int protectRtp(ByteBuf buf, int index, int len) {
        return viaByteBuf(buf, index, len, rtpTrailer, OP_PROTECT_RTP);
    }

    public int unprotectRtp(ByteBuf buf, int index, int len) {
        return viaByteBuf(buf, index, len, 0, OP_UNPROTECT_RTP);
    }

    public int protectRtcp(ByteBuf buf, int index, int len) {
        return viaByteBuf(buf, index, len, rtcpOverhead, OP_PROTECT_RTCP);
    }

    public int unprotectRtcp(ByteBuf buf, int index, int len) {
        return viaByteBuf(buf, index, len, 0, OP_UNPROTECT_RTCP);
    }

    private int viaByteBuf(ByteBuf buf, int index, int len, int grow, int op) {
        if (index < 0 || len < 0 || index > buf.capacity() - len) {
            return countMalformed(SrtpError.TOO_SHORT);
        }
        if (len + grow > buf.capacity() - index) {
            return countOther(SrtpError.BUFFER_TOO_SMALL);
        }
        if (buf.hasArray()) {
            return apply(op, buf.array(), buf.arrayOffset() + index, len);
        }
        if (len + grow > MAX_BUFFER_PACKET_BYTES) {
            return countOther(SrtpError.BUFFER_TOO_SMALL);
        }
        byte[] s = scratch();
        if (buf.nioBufferCount() == 1) {
            // Netty's getBytes(int, byte[], ...) on a non-Unsafe direct buffer (the default on JDK 24+)
            // duplicates its ByteBuffer per call (measured 64 B); the internal NIO view is reused.
            ByteBuffer nio = buf.internalNioBuffer(index, len + grow);
            int at = nio.position();
            nio.get(at, s, 0, len);
            int n = apply(op, s, 0, len);
            if (n > 0) {
                nio.put(at, s, 0, n);
            }
            return n;
        }
        buf.getBytes(index, s, 0, len);
        int n = apply(op, s, 0, len);
        if (n > 0) {
            buf.setBytes(index, s, 0, n);
        }
        return n;
    }

    private byte[] scratch() {
        byte[] s = scratch;
        if (s == null) {
            s = new byte[MAX_BUFFER_PACKET_BYTES];
            scratch = s;
        }
        return s;
    }

    private static final int OP_PROTECT_RTP = 0;
    private static final int OP_UNPROTECT_RTP = 1;
    private static final int OP_PROTECT_RTCP = 2;
    private static final int OP_UNPROTECT_RTCP = 3;

    private int viaBuffer(ByteBuffer buf, int off, int len, int grow, int op) {
        if (off < 0 || len < 0 || off > buf.capacity() - len) {
            return countMalformed(SrtpError.TOO_SHORT);
        }
        if (len + grow > buf.capacity() - off) {
            return countOther(SrtpError.BUFFER_TOO_SMALL);
        }
        if (buf.isReadOnly()) {
            return countOther(SrtpError.BUFFER_TOO_SMALL);
        }
        if (buf.hasArray()) {
            // Bound the array view to the buffer's capacity, so a slice never writes past itself.
            byte[] a = buf.array();
            int base = buf.arrayOffset();
            return apply(op, a, base + off, len);
        }
        if (len + grow > MAX_BUFFER_PACKET_BYTES) {
            return countOther(SrtpError.BUFFER_TOO_SMALL);
        }
        byte[] s = scratch();
        buf.get(off, s, 0, len);
        int n = apply(op, s, 0, len);
        if (n > 0) {
            buf.put(off, s, 0, n);
        }
        return n;
    }

    private int apply(int op, byte[] a, int off, int len) {
        switch (op) {
            case OP_PROTECT_RTP: return protectRtp(a, off, len);
            case OP_UNPROTECT_RTP: return unprotectRtp(a, off, len);
            case OP_PROTECT_RTCP: return protectRtcp(a, off, len);
            default: return unprotectRtcp(a, off, len);
        }
    }

    // ---------------------------------------------------------------- counters and ownership

    /** RTP and RTCP packets protected. */
    public long packetsProtected() {
        return (long) PROTECTED.getOpaque(this);
    }

    /** RTP and RTCP packets that authenticated and were unprotected. */
    public long packetsUnprotected() {
        return (long) UNPROTECTED.getOpaque(this);
    }

    /**
     * Packets whose tag did not verify or whose MKI is unknown (the relay exports the sum as
     * sbc_srtp_auth_failures_total).
     */
    public long authFailures() {
        return (long) AUTH_FAILURES.getOpaque(this);
    }

    /** Packets rejected as replays (duplicate or older than the window). */
    public long replays() {
        return (long) REPLAYS.getOpaque(this);
    }

    /** Packets dropped because their SSRC would exceed the context's SSRC bound. */
    public long ssrcLimitDrops() {
        return (long) SSRC_LIMIT_DROPS.getOpaque(this);
    }

    /** Packets too short or with a malformed header. */
    public long malformed() {
        return (long) MALFORMED.getOpaque(this);
    }

    /** BUFFER_TOO_SMALL, KEY_EXHAUSTED and CRYPTO_ERROR results. */
    public long otherErrors() {
        return (long) OTHER_ERRORS.getOpaque(this);
    }

    /** SSRCs currently tracked for RTP (for diagnostics). */
    public int rtpSsrcCount() {
        return rtpStreams.size();
    }

    /** Unbinds the owner thread before the context is handed to another worker. */
    public void releaseOwner() {
        owner = null;
    }

    private boolean checkOwner() {
        Thread t = Thread.currentThread();
        if (owner == null) {
            owner = t;
        }
        return owner == t;
    }

    private int countMalformed(int code) {
        MALFORMED.setOpaque(this, malformed + 1);
        return code;
    }

    private int countUnprotectFailure(int code) {
        if (code == SrtpError.AUTH_FAILED || code == SrtpError.UNKNOWN_MKI) {
            AUTH_FAILURES.setOpaque(this, authFailures + 1);
            return code;
        }
        return countOther(code);
    }

    private int countReplay() {
        REPLAYS.setOpaque(this, replays + 1);
        return SrtpError.REPLAY;
    }

    private int countSsrcLimit() {
        SSRC_LIMIT_DROPS.setOpaque(this, ssrcLimitDrops + 1);
        return SrtpError.SSRC_LIMIT;
    }

    private int countOther(int code) {
        OTHER_ERRORS.setOpaque(this, otherErrors + 1);
        return code;
    }

    /** RTP transform, for RFC 3711 B.2 keystream tests. */
    SrtpTransform rtpTransform() {
        return rtp;
    }

    @Override
    public String toString() {
        return "SrtpContext[" + suite + ", ssrcs=" + rtpStreams.size() + "]";
    }
}
