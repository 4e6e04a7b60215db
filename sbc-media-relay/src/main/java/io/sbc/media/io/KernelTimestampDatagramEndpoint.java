package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A {@link NioDatagramEndpoint} whose receive goes through {@code recvmsg} in {@code libsbcnative.so}
 * on the channel's descriptor, with {@code SO_TIMESTAMPNS} on, so every datagram comes with the time
 * the kernel queued it ({@link #lastArrivalNanos()}). Registration with the selector, sending and
 * closing stay the JDK's.
 *
 * <p>Allocation-free per datagram: the source {@link InetSocketAddress} is rebuilt only when the
 * sender's family, port or address bytes differ from the last datagram's (the relay's steady state is
 * one sender per socket, as with the JDK's own cache).
 *
 * <p>Owner: the worker thread that polls it ({@link #close} excepted).
 */
final class KernelTimestampDatagramEndpoint extends NioDatagramEndpoint {

    private final int fd;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES + 1);
    private final ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
    private final byte[] sourceBytes = new byte[16];
    private int sourceFamily;
    private int sourcePort = -1;
    private InetSocketAddress source;
    private long arrivalNanos = -1;

    KernelTimestampDatagramEndpoint(DatagramChannel channel, int fd) throws IOException {
        super(channel);
        this.fd = fd;
    }

    @Override
    public int receive(byte[] buf, int off, int maxLen) throws IOException {
        int n = NativeDatagrams.receive(fd, rx, 0, MAX_DATAGRAM_BYTES + 1, meta);
        if (n < 0) {
            if (n == -Errno.EAGAIN) {
                return -1;
            }
            throw new IOException("recvmsg: " + Errno.describe(n));
        }
        updateSource();
        arrivalNanos = NativeDatagrams.arrivalNanos(meta, 0);
        rx.get(0, buf, off, Math.min(Math.min(n, MAX_DATAGRAM_BYTES + 1), maxLen));
        return n;
    }

    private void updateSource() throws IOException {
        int family = NativeDatagrams.family(meta, 0);
        int port = NativeDatagrams.port(meta, 0);
        int addrLen = family == 4 ? 4 : 16;
        int at = NativeDatagrams.addressOffset(0);
        boolean same = family == sourceFamily && port == sourcePort;
        for (int i = 0; same && i < addrLen; i++) {
            same = meta.get(at + i) == sourceBytes[i];
        }
        if (same) {
            return;
        }
        byte[] addr = new byte[addrLen];
        meta.get(at, addr);
        System.arraycopy(addr, 0, sourceBytes, 0, addrLen);
        sourceFamily = family;
        sourcePort = port;
        // getByAddress turns an IPv4-mapped IPv6 address into an Inet4Address, as the JDK's receive does.
        source = new InetSocketAddress(InetAddress.getByAddress(addr), port);
    }

    @Override
    public InetSocketAddress lastSource() {
        return source;
    }

    @Override
    public long lastArrivalNanos() {
        return arrivalNanos;
    }

    @Override
    public String toString() {
        return "udp+ts:" + localPort();
    }
}
