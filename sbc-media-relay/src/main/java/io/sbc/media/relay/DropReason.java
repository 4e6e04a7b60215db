package io.sbc.media.relay;

/**
 * Why the relay dropped a packet; every drop is counted per leg and per worker under one of these
 * (metric label {@code reason}).
 */
public enum DropReason {
    /** Shorter than an RTCP header, longer than 2048 bytes, or not RTP version 2 (RFC 3550 §5.1). */
    MALFORMED("malformed"),
    /** From a source other than the latched peer, with strict source on. */
    SOURCE_MISMATCH("source_mismatch"),
    /** The other leg's peer address is not known yet (NAT: waiting for its first packet). */
    NO_PEER("no_peer"),
    /** SRTP/SRTCP authentication, replay or format check failed on the way in. */
    SRTP_UNPROTECT("srtp_unprotect"),
    /** SRTP/SRTCP protect failed on the way out. */
    SRTP_PROTECT("srtp_protect"),
    /** The kernel refused the send (buffer full) or the socket reported an error. */
    SEND_FAILED("send_failed");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The metric label value. */
    public String label() {
        return label;
    }

    static final DropReason[] VALUES = values();
}
