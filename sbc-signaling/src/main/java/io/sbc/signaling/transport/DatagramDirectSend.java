package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Sends a datagram through a UDP listen socket from a worker loop, which is not the socket's own loop
 * when UDP is received on the edge loop ({@link TransportConfig#udpEdge()}). sendto(2) on one socket
 * is safe from any thread, and UDP has no stream state for the channel to keep, so the worker writes
 * the datagram itself instead of queueing it as a task on the edge loop: that hand-off cost a task, a
 * wake-up of the edge thread and its epoll round per message (about 100 µs of CPU per anchored call,
 * 14 messages, and edge time that delayed the next INVITE's 100 Trying).
 *
 * <p>Only native epoll sockets and direct buffers (what the encoder gets from Netty's pooled allocator)
 * qualify. When the socket's buffer is full (EAGAIN) nothing is sent and the caller writes through
 * the channel instead, which waits for the socket to drain.
 */
final class DatagramDirectSend {
    private DatagramDirectSend() {}

    /** True when {@code ch} is a native socket this class can write to directly. */
    static boolean supported(Channel ch) {
        return ch instanceof UnixChannel u && u.fd() instanceof Socket;
    }

    /**
     * Sends {@code bytes} (readable part, not released) to {@code to}.
     *
     * @return true when the whole datagram left; false when the socket could not take it now (or the
     *         channel is not a native socket): the caller then writes through the channel
     * @throws IOException the kernel refused the datagram (e.g. no route): a failed send
     */
    static boolean send(Channel ch, ByteBuf bytes, InetSocketAddress to) throws IOException {
        // A heap or composite buffer has no address to hand to sendto(2): the channel copies it.
        if (!(ch instanceof UnixChannel u) || !(u.fd() instanceof Socket socket) || !socket.isOpen()
                || to.getAddress() == null || !bytes.hasMemoryAddress()) {
            return false;
        }
        int from = bytes.readerIndex();
        int limit = bytes.writerIndex();
        return socket.sendToAddress(bytes.memoryAddress(), from, limit, to.getAddress(), to.getPort()) == limit - from;
    }
}
