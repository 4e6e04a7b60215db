package io.sbc.nativeio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Datagram calls on a socket's file descriptor: kernel receive timestamps ({@code SO_TIMESTAMPNS})
 * and batched {@code recvmmsg}/{@code sendmmsg}. All take direct buffers and return a count or
 * {@code -errno} ({@link Errno}); none throws or allocates. Without the native library every call
 * returns {@code -ENOSYS}, and the caller keeps to its NIO path.
 *
 * <p>Per-datagram metadata is a {@link #META_BYTES}-byte record in a direct buffer (layout in
 * sbcnative.h): length, address family, port, address, and the kernel's arrival time converted to
 * {@link System#nanoTime()}'s clock (CLOCK_MONOTONIC), or -1 when the kernel attached none. The
 * static accessors read it; the buffer must be in {@link ByteOrder#nativeOrder()}.
 */
public final class NativeDatagrams {

    /** Bytes of one metadata record. */
    public static final int META_BYTES = 40;
    /** Most datagrams per batch call. */
    public static final int MAX_BATCH = 64;

    private NativeDatagrams() {
    }

    /** A metadata buffer for {@code count} records, in native byte order. */
    public static ByteBuffer newMetaBuffer(int count) {
        return ByteBuffer.allocateDirect(META_BYTES * count).order(ByteOrder.nativeOrder());
    }

    /** Turns on SO_TIMESTAMPNS: the kernel stamps every datagram when it arrives. */
    public static int enableTimestamps(int fd) {
        return NativeLibrary.isAvailable() ? NativeMethods.enableTimestamps(fd) : -Errno.ENOSYS;
    }

    /**
     * Opens a non-blocking UDP socket bound to {@code address:port} (port 0: the kernel chooses),
     * with SO_RCVBUF and SO_SNDBUF of {@code bufferBytes} and kernel receive stamps on. Why: a JDK
     * {@code DatagramChannel} costs about 1 KB of heap per socket (locks, cached native addresses,
     * cleaners) that a socket driven only through this class never uses; the relay holds four
     * sockets per call.
     *
     * @param address 4 bytes (IPv4) or 16 bytes (IPv6), network order
     * @return the descriptor (close it with {@link #close}), or {@code -errno}
     */
    public static int openUdp(byte[] address, int port, int bufferBytes) {
        if (!NativeLibrary.isAvailable()) {
            return -Errno.ENOSYS;
        }
        if (address == null || (address.length != 4 && address.length != 16)) {
            return -Errno.EINVAL;
        }
        return NativeMethods.udpOpen(address.length == 4 ? 4 : 6, address, port, bufferBytes);
    }

    /** The local port {@code fd} is bound to, or {@code -errno}. */
    public static int localPort(int fd) {
        return NativeLibrary.isAvailable() ? NativeMethods.localPort(fd) : -Errno.ENOSYS;
    }

    /** Closes a descriptor {@link #openUdp} returned; 0 or {@code -errno}. */
    public static int close(int fd) {
        return NativeLibrary.isAvailable() ? NativeMethods.close(fd) : -Errno.ENOSYS;
    }

    /**
     * Receives one datagram without blocking into {@code buf[off..off+cap)} and its metadata into
     * record 0 of {@code meta}.
     *
     * @return the full datagram length (more than {@code cap} means truncated), or {@code -errno}
     *     ({@code -EAGAIN} when nothing is waiting)
     */
    public static int receive(int fd, ByteBuffer buf, int off, int cap, ByteBuffer meta) {
        return NativeLibrary.isAvailable() ? NativeMethods.receive(fd, buf, off, cap, meta) : -Errno.ENOSYS;
    }

    /**
     * {@code recvmmsg}: up to {@code maxMsgs} datagrams into consecutive {@code slotBytes} slots of
     * {@code slots}, metadata into consecutive records of {@code meta}.
     *
     * @return datagrams received, or {@code -errno} ({@code -EAGAIN} when none)
     */
    public static int receiveBatch(int fd, ByteBuffer slots, int slotBytes, int maxMsgs, ByteBuffer meta) {
        return NativeLibrary.isAvailable() ? NativeMethods.receiveBatch(fd, slots, slotBytes, maxMsgs, meta)
                : -Errno.ENOSYS;
    }

    /**
     * {@code sendmmsg}: sends {@code count} datagrams from consecutive slots to the targets in their
     * metadata records (length, family, port, address must be set).
     *
     * @return datagrams the kernel accepted, or {@code -errno}
     */
    public static int sendBatch(int fd, ByteBuffer slots, int slotBytes, int count, ByteBuffer meta) {
        return NativeLibrary.isAvailable() ? NativeMethods.sendBatch(fd, slots, slotBytes, count, meta)
                : -Errno.ENOSYS;
    }

    /**
     * {@code sendto}: sends {@code buf[0..len)} to the target in record 0 of {@code meta} (family,
     * port, address as {@link #setTarget} writes them; the length field is ignored).
     *
     * @return bytes sent, or {@code -errno} ({@code -EAGAIN} when the send buffer is full)
     */
    public static int sendTo(int fd, ByteBuffer buf, int len, ByteBuffer meta) {
        return NativeLibrary.isAvailable() ? NativeMethods.sendTo(fd, buf, len, meta) : -Errno.ENOSYS;
    }

    /**
     * {@code connect}: associates the socket with the target in record 0 of {@code meta} (as
     * {@link #setTarget} writes it), or dissolves the association when the record's family is 0
     * ({@code AF_UNSPEC}). A connected UDP socket sends with {@link #send} without a route lookup per
     * datagram, and the kernel delivers it datagrams from that peer only.
     *
     * @return 0, or {@code -errno}
     */
    public static int connect(int fd, ByteBuffer meta) {
        return NativeLibrary.isAvailable() ? NativeMethods.connect(fd, meta) : -Errno.ENOSYS;
    }

    /**
     * {@code send} on a connected socket: {@code buf[0..len)} to its peer.
     *
     * @return bytes sent, or {@code -errno} ({@code -EAGAIN} when the send buffer is full,
     *     {@code -EDESTADDRREQ} when the socket is not connected)
     */
    public static int send(int fd, ByteBuffer buf, int len) {
        return NativeLibrary.isAvailable() ? NativeMethods.send(fd, buf, len) : -Errno.ENOSYS;
    }

    public static int length(ByteBuffer meta, int i) {
        return meta.getInt(i * META_BYTES);
    }

    /** 4, 6, or 0 when unknown. */
    public static int family(ByteBuffer meta, int i) {
        return meta.getInt(i * META_BYTES + 4);
    }

    public static int port(ByteBuffer meta, int i) {
        return meta.getInt(i * META_BYTES + 8);
    }

    /** Offset in {@code meta} of record {@code i}'s address bytes (4 for IPv4, 16 for IPv6). */
    public static int addressOffset(int i) {
        return i * META_BYTES + 16;
    }

    /** Kernel arrival time in {@link System#nanoTime()} units, or -1 when none was attached. */
    public static long arrivalNanos(ByteBuffer meta, int i) {
        return meta.getLong(i * META_BYTES + 32);
    }

    /** Fills record {@code i} as a send target: {@code length} bytes to {@code address:port}. */
    public static void setTarget(ByteBuffer meta, int i, int length, byte[] address, int port) {
        int base = i * META_BYTES;
        meta.putInt(base, length);
        meta.putInt(base + 4, address.length == 4 ? 4 : 6);
        meta.putInt(base + 8, port);
        meta.putInt(base + 12, 0);
        for (int k = 0; k < 16; k++) {
            meta.put(base + 16 + k, k < address.length ? address[k] : 0);
        }
    }

    /** Sets only the length of record {@code i} (target fields kept: a fixed peer per slot). */
    public static void setLength(ByteBuffer meta, int i, int length) {
        meta.putInt(i * META_BYTES, length);
    }
}
