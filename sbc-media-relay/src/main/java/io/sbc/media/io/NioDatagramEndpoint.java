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

    /** Largest datagram handled; RTP over Ethernet stays under 1500, jumbo SRTP under 2048. */
    static final int MAX_DATAGRAM_BYTES = 2048;

    private final DatagramChannel channel;
    private final int localPort;
    private final ByteBuffer rx = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(MAX_DATAGRAM_BYTES);
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
        int n = Math.min(rx.position(), maxLen);
        rx.flip();
        rx.get(buf, off, n);
        return n;
    }

    @Override
    public InetSocketAddress lastSource() {
        return lastSource;
    }

    @Override
    public boolean send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException {
        tx.clear();
        tx.put(buf, off, Math.min(len, MAX_DATAGRAM_BYTES));
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
