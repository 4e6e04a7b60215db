package io.sbc.media.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;

/** A media endpoint for the ITs: a non-blocking DatagramChannel on a loopback address. */
final class UdpPeer implements AutoCloseable {

    final DatagramChannel channel;
    final InetSocketAddress address;
    private final ByteBuffer tx = ByteBuffer.allocateDirect(2048);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(2048);
    InetSocketAddress lastSource;

    UdpPeer(String ip, int port) {
        try {
            channel = DatagramChannel.open(StandardProtocolFamily.INET);
            channel.bind(new InetSocketAddress(InetAddress.getByName(ip), port));
            channel.configureBlocking(false);
            address = (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void send(byte[] p, InetSocketAddress to) {
        try {
            tx.clear();
            tx.put(p).flip();
            channel.send(tx, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-blocking receive into the reused buffer; returns the length or -1. Allocation-free. */
    int receiveNow() {
        try {
            rx.clear();
            InetSocketAddress src = (InetSocketAddress) channel.receive(rx);
            if (src == null) {
                return -1;
            }
            lastSource = src;
            return rx.position();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits up to {@code timeoutMs} for a datagram (spinning with short sleeps; IT only). */
    byte[] receive(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            int n = receiveNow();
            if (n >= 0) {
                byte[] b = new byte[n];
                rx.flip();
                rx.get(b);
                return b;
            }
            Thread.onSpinWait();
        }
        return null;
    }

    /** Drains whatever is queued, returning how many datagrams there were. */
    int drain() {
        int n = 0;
        while (receiveNow() >= 0) {
            n++;
        }
        return n;
    }

    static InetSocketAddress at(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(byte[] b) {
        return b == null ? "null" : Arrays.toString(b);
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // test cleanup
        }
    }
}
