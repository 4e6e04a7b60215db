package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import java.io.IOException;
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
 * sender changes ({@link SourceAddressCache}).
 *
 * <p>Owner: the worker thread that polls it ({@link #close} excepted).
 */
final class KernelTimestampDatagramEndpoint extends NioDatagramEndpoint {

    private final int fd;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES + 1);
    private final ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
    private final SourceAddressCache source = new SourceAddressCache();
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
        source.update(meta, 0);
        arrivalNanos = NativeDatagrams.arrivalNanos(meta, 0);
        rx.get(0, buf, off, Math.min(Math.min(n, MAX_DATAGRAM_BYTES + 1), maxLen));
        return n;
    }

    @Override
    public InetSocketAddress lastSource() {
        return source.last();
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
