package io.sbc.media.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * {@link DatagramEndpoint} over a non-blocking {@link DatagramChannel}. Datagrams go through one
 * direct buffer per endpoint and direction (the kernel copies into native memory anyway; one more
 * 200-byte copy into the worker's array is cheaper than a JNI-visible heap buffer and keeps the
 * packet path on plain {@code byte[]}, which the SRTP contexts take).
 *
 * <p>Owner: the worker thread that polls it ({@link #close} excepted).
 */
final class NioDatagramEndpoint implements DatagramEndpoint {

    /** Largest datagram received; RTP over Ethernet stays under 1500. One byte more detects oversize. */
    static final int MAX_DATAGRAM_BYTES = 2048;
    /** Largest datagram sent: a received maximum plus SRTP/SRTCP expansion. */
    static final int MAX_SEND_BYTES = 4096;

    private final DatagramChannel channel;
    private final int localPort;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES + 1);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(MAX_SEND_BYTES);
    private InetSocketAddress lastSource;

    NioDatagramEndpoint(DatagramChannel channel) throws IOException {
        this.channel = channel;
        this.localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    DatagramChannel channel() {
        return channel;
    }

    @Override
    public int localPort() {
        return localPort;
    }

    @Override
    public int receive(byte[] buf, int off, int maxLen) throws IOException {
        rx.clear();
        // JDK 15+ returns the cached InetSocketAddress when the sender is unchanged: no allocation.
        InetSocketAddress src = (InetSocketAddress) channel.receive(rx);
        if (src == null) {
            return -1;
        }
        lastSource = src;
        // The kernel silently truncates to the buffer; a full MAX+1 buffer means "too long".
        int n = rx.position();
        rx.flip();
        rx.get(buf, off, Math.min(n, maxLen));
        return n;
    }

    @Override
    public InetSocketAddress lastSource() {
        return lastSource;
    }

    @Override
    public boolean send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
        if (len > MAX_SEND_BYTES) {
            return false;
        }
        tx.clear();
        tx.put(buf, off, len);
        tx.flip();
        return channel.send(tx, target) > 0;
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
        return "udp:" + localPort;
    }
}
