package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * A UDP socket of the {@link EpollDatagramTransport}: a JDK {@link DatagramChannel} that only holds
 * the descriptor (bind, buffer sizes, close stay the JDK's) while datagrams go through
 * {@code libsbcnative.so}. Receiving is done by the worker's {@link EpollDatagramPoller} for all its
 * sockets at once; {@link #receive} hands out the datagrams the current poll staged for this socket
 * and returns -1 outside a poll. {@link #send} is one {@code sendto}: no lock, no
 * {@code begin/end} blocking bookkeeping, no address re-encoding while the target stays the same.
 *
 * <p>Allocation-free per datagram: the source address is cached ({@link SourceAddressCache}) and the
 * target's encoding is redone only when the target changes.
 *
 * <p>Owner: the worker thread that polls it ({@link #close} excepted).
 */
final class EpollDatagramEndpoint implements DatagramEndpoint {

    private final DatagramChannel channel;
    private final int fd;
    private final int localPort;
    private final boolean ipv6Socket;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(NioDatagramEndpoint.MAX_SEND_BYTES);
    private final ByteBuffer txTarget = NativeDatagrams.newMetaBuffer(1);
    private final SourceAddressCache source = new SourceAddressCache();
    private InetSocketAddress encodedTarget;
    private long arrivalNanos = -1;
    /** The poller's token for this socket while registered, else -1. */
    int token = -1;
    /** Set by the poller for the duration of one dispatch: records [cursor, end) are this socket's. */
    private ByteBuffer slots;
    private ByteBuffer meta;
    private int slotBytes;
    private int cursor;
    private int end;

    EpollDatagramEndpoint(DatagramChannel channel, int fd, boolean ipv6Socket) throws IOException {
        this.channel = channel;
        this.fd = fd;
        this.ipv6Socket = ipv6Socket;
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    int fd() {
        return fd;
    }

    void stage(ByteBuffer slotBuffer, int slotSize, ByteBuffer metaBuffer, int from, int to) {
        this.slots = slotBuffer;
        this.slotBytes = slotSize;
        this.meta = metaBuffer;
        this.cursor = from;
        this.end = to;
    }

    boolean hasStaged() {
        return cursor < end;
    }

    void unstage() {
        cursor = 0;
        end = 0;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public int receive(byte[] buf, int off, int maxLen) throws IOException {
        if (cursor >= end) {
            return -1;
        }
        int i = cursor++;
        int len = NativeDatagrams.length(meta, i);
        if (len < 0) {
            throw new IOException("recvmmsg: " + Errno.describe(len));
        }
        source.update(meta, i);
        arrivalNanos = NativeDatagrams.arrivalNanos(meta, i);
        // len is slotBytes + 1 for a truncated datagram: copy what the slot holds, report "too long".
        slots.get(i * slotBytes, buf, off, Math.min(Math.min(len, slotBytes), maxLen));
        return len;
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
    public boolean send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
        if (len > NioDatagramEndpoint.MAX_SEND_BYTES) {
            return false;
        }
        if (target != encodedTarget && !target.equals(encodedTarget)) {
            encodeTarget(target);
        }
        tx.put(0, buf, off, len);
        int rc = NativeDatagrams.sendTo(fd, tx, len, txTarget);
        if (rc >= 0) {
            return true;
        }
        if (rc == -Errno.EAGAIN || rc == -Errno.ENOBUFS) {
            return false;
        }
        throw new IOException("sendto " + target + ": " + Errno.describe(rc));
    }

    private void encodeTarget(InetSocketAddress target) throws IOException {
        if (target.isUnresolved()) {
            throw new IOException("unresolved target " + target);
        }
        byte[] addr = target.getAddress().getAddress();
        if (ipv6Socket && target.getAddress() instanceof Inet4Address) {
            // An IPv6 socket reaches an IPv4 peer through the IPv4-mapped address (RFC 4291 2.5.5.2),
            // as the JDK's DatagramChannel does.
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(addr, 0, mapped, 12, 4);
            addr = mapped;
        }
        NativeDatagrams.setTarget(txTarget, 0, 0, addr, target.getPort());
        encodedTarget = target;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a UDP socket cannot lose data; nothing to report
        }
    }

    @Override
    public String toString() {
        return "udp+epoll:" + localPort;
    }
}
