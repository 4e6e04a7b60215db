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

    /**
     * The last sender as its record holds it: the 16 address bytes as two longs (the record zeroes
     * the unused 12 bytes of an IPv4 address), not a byte[16]: one array fewer per socket, and four
     * sockets per held call.
     */
    private long addressHigh;
    private long addressLow;
    private int family;
    private int port = -1;
    private InetSocketAddress address;

    /** The source of record {@code i} of {@code meta}. */
    InetSocketAddress update(ByteBuffer meta, int i) throws IOException {
        int f = NativeDatagrams.family(meta, i);
        int p = NativeDatagrams.port(meta, i);
        int at = NativeDatagrams.addressOffset(i);
        long high = meta.getLong(at);
        long low = meta.getLong(at + 8);
        if (f == family && p == port && high == addressHigh && low == addressLow && address != null) {
            return address;
        }
        byte[] addr = new byte[f == 4 ? 4 : 16];
        meta.get(at, addr);
        family = f;
        port = p;
        addressHigh = high;
        addressLow = low;
        // getByAddress turns an IPv4-mapped IPv6 address into an Inet4Address, as the JDK's receive does.
        address = new InetSocketAddress(InetAddress.getByAddress(addr), p);
        return address;
    }

    /** The address last returned by {@link #update}, or null before the first datagram. */
    InetSocketAddress last() {
        return address;
    }
}
