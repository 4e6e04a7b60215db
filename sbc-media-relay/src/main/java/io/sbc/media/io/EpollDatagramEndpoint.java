package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A UDP socket of the {@link EpollDatagramTransport}: a bare descriptor opened by
 * {@code libsbcnative.so} (no JDK channel), whose datagrams go through the same library. Receiving is
 * done by the worker's {@link EpollDatagramPoller} for all its sockets at once; {@link #receive}
 * hands out the datagrams the current poll staged for this socket and returns -1 outside a poll.
 * {@link #send} is one {@code sendto}: no lock, no {@code begin/end} blocking bookkeeping, no address
 * re-encoding while the target stays the same.
 *
 * <p>Memory per socket is what a held call pays four times over: the send buffer and the target
 * record are the poller's ({@link SendScratch}, one per worker, lent at registration), and the
 * encoded target is kept here as four primitives, so a socket holds no direct buffer, cleaner or
 * lock of its own.
 *
 * <p>Allocation-free per datagram: the source address is cached ({@link SourceAddressCache}) and the
 * target's encoding is redone only when the target changes.
 *
 * <p>Owner: the worker thread that polls it ({@link #close} excepted).
 */
final class EpollDatagramEndpoint implements DatagramEndpoint {

    /**
     * What a send needs besides the datagram: a direct buffer to copy it into and a metadata record
     * holding the target. One per worker (its poller's): sends happen on the worker thread only, so
     * the sockets of a worker share it instead of holding 4 KB of native memory and a cleaner each.
     */
    static final class SendScratch {
        final ByteBuffer tx = ByteBuffer.allocateDirect(NioDatagramEndpoint.MAX_SEND_BYTES);
        final ByteBuffer target = NativeDatagrams.newMetaBuffer(1);
        /** The endpoint whose target the record holds now, or null. */
        EpollDatagramEndpoint targetOwner;
    }

    private static final int FAMILY_AT = 4;
    private static final int PORT_AT = 8;
    private static final int ADDRESS_AT = NativeDatagrams.addressOffset(0);

    private final int fd;
    private final int localPort;
    private final boolean ipv6Socket;
    private final SourceAddressCache source = new SourceAddressCache();
    /** The poller's scratch while registered; a private one if this socket sends unregistered. */
    private SendScratch scratch;
    private InetSocketAddress encodedTarget;
    /** {@link #encodedTarget} as its metadata record holds it (family, port, 16 address bytes). */
    private int targetFamily;
    private int targetPort;
    private long targetAddressHigh;
    private long targetAddressLow;
    private long arrivalNanos = -1;
    /** The peer this socket is connected to ({@link #connect}), else null. */
    private InetSocketAddress connectedPeer;
    private boolean closed;
    /** The poller's token for this socket while registered, else -1. */
    int token = -1;
    /** Set by the poller for the duration of one dispatch: records [cursor, end) are this socket's. */
    private ByteBuffer slots;
    private ByteBuffer meta;
    private int slotBytes;
    private int cursor;
    private int end;

    EpollDatagramEndpoint(int fd, int localPort, boolean ipv6Socket) {
        this.fd = fd;
        this.localPort = localPort;
        this.ipv6Socket = ipv6Socket;
    }

    /** Lends the poller's send scratch (at registration, on the worker thread). */
    void useScratch(SendScratch shared) {
        this.scratch = shared;
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
        while (cursor < end) {
            int i = cursor++;
            int len = NativeDatagrams.length(meta, i);
            if (len == -Errno.ECONNREFUSED && connectedPeer != null) {
                continue; // the connected peer's ICMP port unreachable (it hung up): not a datagram
            }
            if (len < 0) {
                throw new IOException("recvmmsg: " + Errno.describe(len));
            }
            source.update(meta, i);
            arrivalNanos = NativeDatagrams.arrivalNanos(meta, i);
            // len is slotBytes + 1 for a truncated datagram: copy what the slot holds, report "too long".
            slots.get(i * slotBytes, buf, off, Math.min(Math.min(len, slotBytes), maxLen));
            return len;
        }
        return -1;
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
        SendScratch sc = scratch;
        if (sc == null) {
            sc = scratch = new SendScratch();
        }
        if (target == connectedPeer) {
            // Connected: send(2), the route is cached on the socket (no lookup per datagram).
            sc.tx.put(0, buf, off, len);
            return sent(NativeDatagrams.send(fd, sc.tx, len), target);
        }
        if (target != encodedTarget && !target.equals(encodedTarget)) {
            encodeTarget(target, sc);
        } else if (sc.targetOwner != this) {
            ByteBuffer t = sc.target;
            t.putInt(FAMILY_AT, targetFamily);
            t.putInt(PORT_AT, targetPort);
            t.putLong(ADDRESS_AT, targetAddressHigh);
            t.putLong(ADDRESS_AT + 8, targetAddressLow);
            sc.targetOwner = this;
        }
        ByteBuffer tx = sc.tx;
        tx.put(0, buf, off, len);
        return sent(NativeDatagrams.sendTo(fd, tx, len, sc.target), target);
    }

    private boolean sent(int rc, InetSocketAddress target) throws IOException {
        if (rc >= 0) {
            return true;
        }
        // ECONNREFUSED: a connected socket's peer answered an earlier datagram with port unreachable
        // (RFC 1122 4.1.3.3); the datagram is dropped as UDP would, the socket stays usable.
        if (rc == -Errno.EAGAIN || rc == -Errno.ENOBUFS || rc == -Errno.ECONNREFUSED) {
            return false;
        }
        throw new IOException("sendto " + target + ": " + Errno.describe(rc));
    }

    /**
     * {@code connect(2)} to {@code peer}: later sends to this same instance use {@code send(2)}
     * (the route is looked up once, not per datagram). Not per datagram: once per latch.
     */
    @Override
    public boolean connect(InetSocketAddress peer) throws IOException {
        SendScratch sc = scratch;
        if (sc == null) {
            sc = scratch = new SendScratch();
        }
        encodeTarget(peer, sc);
        int rc = NativeDatagrams.connect(fd, sc.target);
        if (rc != 0) {
            connectedPeer = null;
            throw new IOException("connect " + peer + ": " + Errno.describe(rc));
        }
        connectedPeer = peer;
        return true;
    }

    @Override
    public void disconnect() throws IOException {
        if (connectedPeer == null) {
            return;
        }
        connectedPeer = null;
        SendScratch sc = scratch;
        ByteBuffer t = sc.target;
        t.putInt(FAMILY_AT, 0); // family 0: AF_UNSPEC
        sc.targetOwner = null; // the record no longer holds this socket's target
        int rc = NativeDatagrams.connect(fd, t);
        if (rc != 0) {
            throw new IOException("disconnect: " + Errno.describe(rc));
        }
    }

    private void encodeTarget(InetSocketAddress target, SendScratch sc) throws IOException {
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
        ByteBuffer t = sc.target;
        NativeDatagrams.setTarget(t, 0, 0, addr, target.getPort());
        sc.targetOwner = this;
        targetFamily = t.getInt(FAMILY_AT);
        targetPort = t.getInt(PORT_AT);
        targetAddressHigh = t.getLong(ADDRESS_AT);
        targetAddressLow = t.getLong(ADDRESS_AT + 8);
        encodedTarget = target;
    }

    /** Synchronized: a descriptor closed twice could close a socket that reused its number. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            // Closing a UDP socket cannot lose data; an error (EBADF) would only repeat a close.
            NativeDatagrams.close(fd);
        }
    }

    @Override
    public String toString() {
        return "udp+epoll:" + localPort;
    }
}
