package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;

/**
 * Cuts a TCP/TLS byte stream into SIP messages (RFC 3261 §18.3): finds the blank line that ends the
 * header section, reads Content-Length (full name or compact {@code l}, case-insensitive) and emits
 * start line + headers + body as one retained slice of the input, with no copy.
 *
 * <p>Output objects, in stream order: a {@link ByteBuf} per message (owned by the next handler); an
 * {@link StreamEvents.Oversize} when a message would exceed {@code maxMessageBytes} (then nothing
 * more); a {@link StreamEvents.FramingFailure} when framing is lost (then nothing more). After either
 * of the last two every further byte is discarded; the next handler closes the connection.
 *
 * <p>Between messages, RFC 5626 §3.5.1 keep-alives: a CRLFCRLF ping is answered with one CRLF pong
 * and not passed up; a lone CRLF (a pong, or the stray CRLF that RFC 3261 §7.5 says to ignore before a
 * start line) is swallowed. Bare LF line ends are accepted (RFC 3261 §7.5 liberal reading).
 *
 * <p>The scan is incremental and linear: bytes already examined are not examined again when more
 * arrive, so a message fed one byte at a time costs O(length). No regex, no allocation per message
 * beyond the emitted slice. Owned by the channel's event loop (Netty decoders are per channel).
 */
public final class SipStreamFramer extends ByteToMessageDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Content-Length saturates here; anything this big is over every allowed limit. */
    private static final int LENGTH_CEILING = Integer.MAX_VALUE / 2;

    private final int maxMessageBytes;
    private final TransportCounters counters;

    // Scan state, offsets relative to the reader index (which moves only when a message is emitted).
    private int lineStart;
    private int searchFrom;
    private boolean firstLine = true;
    private int contentLength = -1;
    private boolean failed;

    /**
     * @param maxMessageBytes largest message accepted (header section + body)
     * @param counters        where keep-alive pings/pongs are counted
     */
    public SipStreamFramer(int maxMessageBytes, TransportCounters counters) {
        if (maxMessageBytes < 16) {
            throw new IllegalArgumentException("maxMessageBytes too small: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
        this.counters = counters;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (firstLine && searchFrom == 0 && !skipKeepAlives(ctx, in)) {
            return;
        }
        final int base = in.readerIndex();
        final int readable = in.readableBytes();
        final int scanLimit = Math.min(readable, maxMessageBytes);
        while (true) {
            int lf = searchFrom < scanLimit ? in.indexOf(base + searchFrom, base + scanLimit, LF) : -1;
            if (lf < 0) {
                searchFrom = scanLimit;
                if (scanLimit == maxMessageBytes) {
                    // No end of headers within the limit: the message cannot fit.
                    fail(out, new StreamEvents.Oversize(in.retainedSlice(base, scanLimit)), in);
                }
                return;
            }
            int lineEnd = lf - base; // relative offset of the LF
            int contentEnd = lineEnd > lineStart && in.getByte(lf - 1) == CR ? lineEnd - 1 : lineEnd;
            int nextLine = lineEnd + 1;
            if (contentEnd == lineStart && !firstLine) {
                int headerEnd = nextLine;
                if (!emitOrWait(in, out, base, headerEnd)) {
                    // Body incomplete: park on the blank line's LF so the next call finds it at once.
                    lineStart = lineEnd;
                    searchFrom = lineEnd;
                }
                return;
            }
            if (!firstLine) {
                FramingError error = readContentLength(in, base + lineStart, base + contentEnd);
                if (error != null) {
                    fail(out, new StreamEvents.FramingFailure(error), in);
                    return;
                }
            }
            firstLine = false;
            lineStart = nextLine;
            searchFrom = nextLine;
        }
    }

    /**
     * The header section ends at {@code headerEnd}; emits the message if all of its body is here.
     * Returns false when more bytes are needed.
     */
    private boolean emitOrWait(ByteBuf in, List<Object> out, int base, int headerEnd) {
        if (contentLength < 0) {
            // RFC 3261 §18.3: Content-Length MUST be used with stream transports.
            fail(out, new StreamEvents.FramingFailure(FramingError.MISSING_CONTENT_LENGTH), in);
            return true;
        }
        long total = (long) headerEnd + contentLength;
        if (total > maxMessageBytes) {
            fail(out, new StreamEvents.Oversize(in.retainedSlice(base, headerEnd)), in);
            return true;
        }
        if (in.readableBytes() < total) {
            return false;
        }
        out.add(in.readRetainedSlice((int) total));
        resetForNextMessage();
        return true;
    }

    /**
     * Consumes keep-alives before a start line. Returns false when the bytes seen so far could still
     * be the start of a ping, so the caller must wait for more.
     */
    private boolean skipKeepAlives(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.isReadable()) {
            int r = in.readerIndex();
            byte b0 = in.getByte(r);
            if (b0 != CR && b0 != LF) {
                return true;
            }
            int readable = in.readableBytes();
            if (b0 == LF) {
                in.skipBytes(1); // bare LF before a start line: ignored (RFC 3261 §7.5)
                continue;
            }
            if (readable < 2) {
                return false;
            }
            if (in.getByte(r + 1) != LF) {
                in.skipBytes(1); // bare CR: ignored like a stray line end
                continue;
            }
            if (readable < 3 || (readable < 4 && in.getByte(r + 2) == CR)) {
                return false; // CRLF, or CRLF CR: may become a CRLFCRLF ping
            }
            if (in.getByte(r + 2) == CR && in.getByte(r + 3) == LF) {
                in.skipBytes(4);
                counters.keepAlivePings.increment();
                // RFC 5626 §3.5.1: answer a double-CRLF ping with a single CRLF pong.
                ctx.writeAndFlush(ctx.alloc().buffer(2).writeByte(CR).writeByte(LF));
                continue;
            }
            in.skipBytes(2);
            counters.keepAlivePongs.increment();
        }
        return false;
    }

    /**
     * If the line {@code [start, end)} is a Content-Length header, records its value. Returns a
     * framing error, or null when the line is fine (or not Content-Length).
     */
    private FramingError readContentLength(ByteBuf in, int start, int end) {
        int nameEnd = start;
        // Header names are short; Content-Length is 14 bytes. Scan at most 15 for the name.
        int nameLimit = Math.min(end, start + CONTENT_LENGTH.length + 1);
        while (nameEnd < nameLimit) {
            byte b = in.getByte(nameEnd);
            if (b == ':' || b == ' ' || b == '\t') {
                break;
            }
            nameEnd++;
        }
        if (nameEnd == nameLimit || !isContentLengthName(in, start, nameEnd)) {
            return null;
        }
        int i = nameEnd;
        while (i < end && isWhitespace(in.getByte(i))) {
            i++;
        }
        if (i >= end || in.getByte(i) != ':') {
            return null; // not a header line at all ("l foo"); the parser will judge it
        }
        i++;
        while (i < end && isWhitespace(in.getByte(i))) {
            i++;
        }
        long value = 0;
        int digits = 0;
        while (i < end) {
            byte b = in.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            value = Math.min(value * 10 + (b - '0'), LENGTH_CEILING);
            digits++;
            i++;
        }
        while (i < end && isWhitespace(in.getByte(i))) {
            i++;
        }
        if (digits == 0 || i != end) {
            return FramingError.BAD_CONTENT_LENGTH;
        }
        if (contentLength >= 0 && contentLength != value) {
            return FramingError.CONFLICTING_CONTENT_LENGTH;
        }
        contentLength = (int) value;
        return null;
    }

    private static boolean isContentLengthName(ByteBuf in, int start, int end) {
        int length = end - start;
        if (length == 1) {
            return (in.getByte(start) | 0x20) == 'l';
        }
        if (length != CONTENT_LENGTH.length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            byte b = in.getByte(start + k);
            // ASCII case folding; '-' (0x2D) is unchanged by | 0x20 and compared exactly.
            if ((b | 0x20) != CONTENT_LENGTH[k]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    private void fail(List<Object> out, Object event, ByteBuf in) {
        failed = true;
        out.add(event);
        in.skipBytes(in.readableBytes());
    }

    private void resetForNextMessage() {
        lineStart = 0;
        searchFrom = 0;
        firstLine = true;
        contentLength = -1;
    }
}
