package io.sbc.signaling.transport;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops and channel classes: Netty's native epoll transport when {@link Epoll#isAvailable()},
 * NIO otherwise. One {@link MultiThreadIoEventLoopGroup} serves accepting, connections and datagrams.
 * Threads are named {@code sip-io-N-M}. An epoll loop with nothing to do may spin for a moment before it
 * blocks ({@link SpinThenBlock}, JVM property {@value SpinThenBlock#SPIN_MICROS_PROPERTY}).
 */
final class IoRuntime {
    final EventLoopGroup group;
    /**
     * The UDP receive loop ("sip-edge"), or null: UDP listen sockets are then served by {@link #group}.
     * See {@link TransportConfig#udpEdge()}.
     */
    final EventLoopGroup edge;
    final boolean epoll;
    final Class<? extends ServerChannel> serverChannel;
    final Class<? extends Channel> socketChannel;
    final Class<? extends DatagramChannel> datagramChannel;

    private IoRuntime(EventLoopGroup group, EventLoopGroup edge, boolean epoll) {
        this.group = group;
        this.edge = edge;
        this.epoll = epoll;
        this.serverChannel = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        this.socketChannel = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        this.datagramChannel = epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    static IoRuntime create(int threads, boolean preferEpoll, boolean udpEdge) {
        boolean epoll = preferEpoll && Epoll.isAvailable();
        // SpinThenBlock (off unless sbc.ioSpinMicros is set): the epoll loops only; NIO keeps the default.
        long spinNanos = SpinThenBlock.spinNanos(System.getProperty(SpinThenBlock.SPIN_MICROS_PROPERTY));
        IoHandlerFactory factory = epoll
                ? EpollIoHandler.newFactory(0, () -> new SpinThenBlock(spinNanos, System::nanoTime))
                : NioIoHandler.newFactory();
        EventLoopGroup edge = udpEdge && epoll
                ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("sip-edge"), factory)
                : null;
        return new IoRuntime(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("sip-io"), factory),
                edge, epoll);
    }

    /** "epoll" or "nio", plus why NIO when epoll was wanted. */
    String describe(boolean preferEpoll) {
        if (epoll) {
            return "epoll";
        }
        if (!preferEpoll) {
            return "nio (epoll disabled by configuration)";
        }
        Throwable cause = Epoll.unavailabilityCause();
        return "nio (epoll unavailable: " + (cause == null ? "unknown" : cause.getClass().getSimpleName()) + ")";
    }
}
