package io.sbc.signaling.capture;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An independent HEP3 decoder for the tests (what a Homer collector does): checks the header and
 * the total length and returns every chunk's value by type. Throws on anything malformed.
 */
final class HepDecoder {
    private HepDecoder() {}

    static Map<Integer, byte[]> decode(ByteBuffer in) {
        if (in.remaining() < 6 || in.get() != 'H' || in.get() != 'E' || in.get() != 'P' || in.get() != '3') {
            throw new IllegalArgumentException("not HEP3");
        }
        int total = Short.toUnsignedInt(in.getShort());
        if (total != in.limit()) {
            throw new IllegalArgumentException("total length " + total + " != packet " + in.limit());
        }
        Map<Integer, byte[]> chunks = new LinkedHashMap<>();
        while (in.hasRemaining()) {
            int vendor = Short.toUnsignedInt(in.getShort());
            int type = Short.toUnsignedInt(in.getShort());
            int len = Short.toUnsignedInt(in.getShort());
            if (vendor != 0 || len < 6 || len - 6 > in.remaining()) {
                throw new IllegalArgumentException("bad chunk " + type + " len " + len);
            }
            byte[] v = new byte[len - 6];
            in.get(v);
            chunks.put(type, v);
        }
        return chunks;
    }

    static int u8(byte[] v) {
        return v[0] & 0xff;
    }

    static int u16(byte[] v) {
        return ((v[0] & 0xff) << 8) | (v[1] & 0xff);
    }

    static long u32(byte[] v) {
        return ByteBuffer.wrap(v).getInt() & 0xffffffffL;
    }
}
