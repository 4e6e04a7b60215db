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
import io.sbc.nativeio.ThreadScheduling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event loops and channel classes: Netty's native epoll transport when {@link Epoll#isAvailable()},
 * NIO otherwise. One {@link MultiThreadIoEventLoopGroup} serves accepting, connections and datagrams.
 * Threads are named {@code sip-io-N-M}. An epoll loop with nothing to do may spin for a moment before it
 * blocks ({@link SpinThenBlock}, JVM property {@value SpinThenBlock#SPIN_MICROS_PROPERTY}). The UDP edge
 * loop's thread ({@code sip-edge-N-1}) asks for real-time scheduling when it starts
 * ({@link TransportConfig#edgePriority()}).
 */
final class IoRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(IoRuntime.class);
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

    static IoRuntime create(int threads, boolean preferEpoll, boolean udpEdge, int edgePriority) {
        boolean epoll = preferEpoll && Epoll.isAvailable();
        // SpinThenBlock (off unless sbc.ioSpinMicros is set): the epoll loops only; NIO keeps the default.
        long spinNanos = SpinThenBlock.spinNanos(System.getProperty(SpinThenBlock.SPIN_MICROS_PROPERTY));
        IoHandlerFactory factory = epoll
                ? EpollIoHandler.newFactory(0, () -> new SpinThenBlock(spinNanos, System::nanoTime))
                : NioIoHandler.newFactory();
        EventLoopGroup edge = udpEdge && epoll
                ? new MultiThreadIoEventLoopGroup(1, new EdgeThreadFactory(edgePriority), factory)
                : null;
        return new IoRuntime(new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("sip-io"), factory),
                edge, epoll);
    }

    /**
     * Threads of the edge loop: before the loop starts, each asks for its real-time priority
     * ({@link TransportConfig#edgePriority()}) and logs the outcome.
     */
    private static final class EdgeThreadFactory extends DefaultThreadFactory {
        private final int priority;

        EdgeThreadFactory(int priority) {
            super("sip-edge");
            this.priority = priority;
        }

        @Override
        protected Thread newThread(Runnable r, String name) {
            return super.newThread(() -> {
                if (priority > 0) {
                    try {
                        ThreadScheduling.Outcome o = ThreadScheduling.setCurrentThread(priority);
                        if (o.realtime()) {
                            LOG.info("{}: {}", name, o.detail());
                        } else {
                            LOG.warn("{}: {}", name, o.detail());
                        }
                    } catch (LinkageError e) {
                        // A mismatched sbc-native jar on the class path: the loop must run all the same
                        // (a thread that died here would leave every bind waiting for its registration).
                        LOG.warn("{}: normal scheduling: {}", name, e.toString());
                    }
                }
                r.run();
            }, name);
        }
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
