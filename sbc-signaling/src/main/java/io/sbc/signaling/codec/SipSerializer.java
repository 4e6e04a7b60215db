package io.sbc.signaling.codec;

import io.netty.buffer.ByteBuf;
import io.sbc.signaling.message.SipMessage;

/**
 * Writes a message to bytes. An unmodified parsed message is copied as the exact bytes it was
 * parsed from (minus any octets beyond Content-Length, RFC 3261 §18.3); a modified one is written
 * from its original line slices plus the re-encoded parts (folded lines included, byte-for-byte).
 * Stateless; any thread.
 */
public final class SipSerializer {
    private SipSerializer() {}

    /** The wire form in a new array. */
    public static byte[] encode(SipMessage m) {
        byte[] out = new byte[m.encodedLength()];
        m.encode(out, 0);
        return out;
    }

    /** Appends the wire form to {@code out}; returns the number of bytes written. */
    public static int encodeTo(SipMessage m, ByteBuf out) {
        int len = m.encodedLength();
        out.ensureWritable(len);
        if (out.hasArray()) {
            int w = out.writerIndex();
            m.encode(out.array(), out.arrayOffset() + w);
            out.writerIndex(w + len);
        } else {
            byte[] tmp = new byte[len];
            m.encode(tmp, 0);
            out.writeBytes(tmp);
        }
        return len;
    }
}
