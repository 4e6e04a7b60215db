package io.sbc.signaling.capture;

import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes one captured SIP message as a HEP version 3 packet (the Homer Encapsulation Protocol:
 * "HEP3", total length, then chunks of vendor id 0, type, length, value; all numbers in network
 * byte order).
 */
public final class HepEncoder {
    static final int FAMILY = 0x0001;
    static final int PROTOCOL = 0x0002;
    static final int IPV4_SRC = 0x0003;
    static final int IPV4_DST = 0x0004;
    static final int IPV6_SRC = 0x0005;
    static final int IPV6_DST = 0x0006;
    static final int SRC_PORT = 0x0007;
    static final int DST_PORT = 0x0008;
    static final int TIME_SEC = 0x0009;
    static final int TIME_USEC = 0x000a;
    static final int PROTO_TYPE = 0x000b;
    static final int AGENT_ID = 0x000c;
    static final int AUTH_KEY = 0x000e;
    static final int PAYLOAD = 0x000f;
    static final int CORRELATION_ID = 0x0011;

    /** HEP protocol type 1: SIP. */
    static final int PROTO_SIP = 1;

    /** The largest HEP packet we build: a UDP datagram's payload. */
    public static final int MAX_PACKET = 65_507;

    private HepEncoder() {}

    /**
     * Encodes into {@code out} (cleared first).
     *
     * @return false when the packet would not fit a datagram (nothing useful is written then)
     */
    public static boolean encode(ByteBuffer out, String transport, InetSocketAddress source,
            InetSocketAddress destination, byte[] payload, int off, int len, String callId, long timeMicros,
            int agentId, byte[] authKey) {
        out.clear();
        byte[] src = source.getAddress().getAddress();
        byte[] dst = destination.getAddress().getAddress();
        boolean v4 = source.getAddress() instanceof Inet4Address && destination.getAddress() instanceof Inet4Address;
        byte[] id = callId == null ? null : callId.getBytes(StandardCharsets.UTF_8);
        int size = 6 + 7 + 7 + (v4 ? 2 * 10 : 2 * 22) + 2 * 8 + 2 * 10 + 7 + 10
                + (authKey == null ? 0 : 6 + authKey.length) + 6 + len + (id == null ? 0 : 6 + id.length);
        if (size > MAX_PACKET || size > out.capacity()) {
            return false;
        }
        out.put((byte) 'H').put((byte) 'E').put((byte) 'P').put((byte) '3').putShort((short) size);
        chunk8(out, FAMILY, v4 ? 2 : 10);
        chunk8(out, PROTOCOL, "UDP".equals(transport) ? 17 : 6);
        if (v4) {
            chunkBytes(out, IPV4_SRC, src, 0, 4);
            chunkBytes(out, IPV4_DST, dst, 0, 4);
        } else {
            chunkBytes(out, IPV6_SRC, v6(src), 0, 16);
            chunkBytes(out, IPV6_DST, v6(dst), 0, 16);
        }
        chunk16(out, SRC_PORT, source.getPort());
        chunk16(out, DST_PORT, destination.getPort());
        chunk32(out, TIME_SEC, (int) (timeMicros / 1_000_000L));
        chunk32(out, TIME_USEC, (int) (timeMicros % 1_000_000L));
        chunk8(out, PROTO_TYPE, PROTO_SIP);
        chunk32(out, AGENT_ID, agentId);
        if (authKey != null) {
            chunkBytes(out, AUTH_KEY, authKey, 0, authKey.length);
        }
        chunkBytes(out, PAYLOAD, payload, off, len);
        if (id != null) {
            chunkBytes(out, CORRELATION_ID, id, 0, id.length);
        }
        out.flip();
        return true;
    }

    /** An IPv4 address as IPv4-mapped IPv6 when the other side of the message is IPv6. */
    private static byte[] v6(byte[] a) {
        if (a.length == 16) {
            return a;
        }
        byte[] m = new byte[16];
        m[10] = (byte) 0xff;
        m[11] = (byte) 0xff;
        System.arraycopy(a, 0, m, 12, 4);
        return m;
    }

    private static void header(ByteBuffer out, int type, int length) {
        out.putShort((short) 0).putShort((short) type).putShort((short) length);
    }

    private static void chunk8(ByteBuffer out, int type, int v) {
        header(out, type, 7);
        out.put((byte) v);
    }

    private static void chunk16(ByteBuffer out, int type, int v) {
        header(out, type, 8);
        out.putShort((short) v);
    }

    private static void chunk32(ByteBuffer out, int type, int v) {
        header(out, type, 10);
        out.putInt(v);
    }

    private static void chunkBytes(ByteBuffer out, int type, byte[] b, int off, int len) {
        header(out, type, 6 + len);
        out.put(b, off, len);
    }
}
