package io.sbc.signaling.message;

/**
 * Layout of the {@code int[]} frame that describes a parsed message without per-header objects:
 * fixed slots for the start line, header section and body, then one {@link #ENTRY}-int entry per
 * header field (name id, line start, name end, value start, value end, line end). Offsets index
 * the message's {@code byte[]}; an entry whose id carries {@link #EXTRA} points into the message's
 * own arena of bytes written by mutations instead. Written by the codec, read by {@link SipMessage}.
 */
public final class FrameLayout {
    public static final int MSG_START = 0;
    /** End of the message (end of body); bytes beyond it in a datagram are ignored (RFC 3261 §18.3). */
    public static final int MSG_END = 1;
    /** Position after the start line's line terminator. */
    public static final int START_LINE_END = 2;
    /** Request: method; response: SIP-Version. */
    public static final int T1_START = 3;
    public static final int T1_END = 4;
    /** Request: Request-URI; response: Status-Code. */
    public static final int T2_START = 5;
    public static final int T2_END = 6;
    /** Request: SIP-Version; response: Reason-Phrase. */
    public static final int T3_START = 7;
    public static final int T3_END = 8;
    /** Start of the empty line ending the header section (== BODY_START when the input ended first). */
    public static final int HEADERS_END = 9;
    public static final int BODY_START = 10;
    public static final int HEADER_COUNT = 11;
    /** Request: {@link SipMethod} ordinal; response: status code. */
    public static final int KIND = 12;
    /** Bit set: {@link #VALIDATED}. */
    public static final int FLAGS = 13;
    public static final int HEADER_BASE = 14;
    /**
     * Flag: the codec accepted the message, so every core header of the original bytes passed its
     * grammar; objects can then be built without validating again.
     */
    public static final int VALIDATED = 1;

    public static final int E_ID = 0;
    public static final int E_LINE_START = 1;
    public static final int E_NAME_END = 2;
    public static final int E_VALUE_START = 3;
    public static final int E_VALUE_END = 4;
    public static final int E_LINE_END = 5;
    public static final int ENTRY = 6;
    /** Flag on E_ID: the entry's offsets index the mutation arena, not the original bytes. */
    public static final int EXTRA = 1 << 16;
    public static final int ID_MASK = 0xFFFF;

    private FrameLayout() {}

    /** A frame array with room for {@code headers} entries. */
    public static int[] newFrame(int headers) {
        return new int[HEADER_BASE + headers * ENTRY];
    }
}
