package io.sbc.media.io;

import io.sbc.nativeio.NativeDatagrams;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * The source of a datagram from a native metadata record ({@link NativeDatagrams}) as an
 * {@link InetSocketAddress}, rebuilt only when the sender's family, port or address bytes differ from
 * the last one's: the relay's steady state is one sender per socket, so no allocation per datagram
 * (as with the JDK's own cache in {@code DatagramChannel.receive}).
 *
 * <p>Owner: the worker thread of the endpoint that holds it.
 */
final class SourceAddressCache {

    private final byte[] bytes = new byte[16];
    private int family;
    private int port = -1;
    private InetSocketAddress address;

    /** The source of record {@code i} of {@code meta}. */
    InetSocketAddress update(ByteBuffer meta, int i) throws IOException {
        int f = NativeDatagrams.family(meta, i);
        int p = NativeDatagrams.port(meta, i);
        int addrLen = f == 4 ? 4 : 16;
        int at = NativeDatagrams.addressOffset(i);
        boolean same = f == family && p == port;
        for (int k = 0; same && k < addrLen; k++) {
            same = meta.get(at + k) == bytes[k];
        }
        if (same) {
            return address;
        }
        byte[] addr = new byte[addrLen];
        meta.get(at, addr);
        System.arraycopy(addr, 0, bytes, 0, addrLen);
        family = f;
        port = p;
        // getByAddress turns an IPv4-mapped IPv6 address into an Inet4Address, as the JDK's receive does.
        address = new InetSocketAddress(InetAddress.getByAddress(addr), p);
        return address;
    }

    /** The address last returned by {@link #update}, or null before the first datagram. */
    InetSocketAddress last() {
        return address;
    }
}
