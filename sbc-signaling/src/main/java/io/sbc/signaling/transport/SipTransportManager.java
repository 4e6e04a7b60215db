package io.sbc.signaling.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Inet4Address;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The SIP transport layer: binds the listen points (UDP, TCP, TLS, WS, WSS; IPv4 and IPv6), hands
 * every complete inbound message to one {@link FrameListener}, and sends messages over existing
 * flows or new connections.
 *
 * <p>Threading: {@link #start} and {@link #stop} are called once each, from one control thread.
 * {@link #send} methods may be called from any thread (usually an event loop running the listener);
 * they never block and never throw for network problems: failures complete the returned future
 * exceptionally and are counted. Listener callbacks run on the event loop of the channel concerned.
 *
 * <p>Buffer ownership: a {@code send} takes ownership of its {@link ByteBuf} (one reference) in every
 * case, success or failure; the caller must not use or release it afterwards.
 */
public final class SipTransportManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransportManager.class);
    private static final LogThrottle SEND_FAILURE_LOG = new LogThrottle(1000);

    /**
     * A bound listen point: its sockets and, for TLS/WSS, its contexts. {@code directSend}: worker loops may write its UDP datagrams straight to
     * the socket ({@link DatagramDirectSend}); cleared, and the workers passed, before its sockets close.
     */
    private record Bound(ListenPoint point, List<Channel> channels, SslContext serverTls, SslContext clientTls,
            java.util.concurrent.atomic.AtomicBoolean directSend) {}

    private final TransportConfig config;
    private final TransportCounters counters = new TransportCounters();
    private final ConnectionTable table = new ConnectionTable();
    private final PipelineFactory pipelines;
    /** Written by start/stop, read lock-free by senders on any thread. */
    private final Map<ListenPoint, Bound> bound = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<ListenPoint> listening = new ArrayList<>();
    private volatile IoRuntime io;

    public SipTransportManager(TransportConfig config, FrameListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.pipelines = new PipelineFactory(config, counters, table,
                new ListenerInvoker(Objects.requireNonNull(listener, "listener"), counters));
    }

    /**
     * Tells {@code listener} about every stream connection that closes (any reason: peer, idle,
     * framing error, shutdown), with its flow; called on the connection's event loop, so it must
     * only hand the flow over. One listener; null removes it.
     */
    public void onConnectionClosed(java.util.function.Consumer<Flow> listener) {
        table.closeListener(listener);
    }

    /**
     * Who decides on each accepted stream connection (per-source limits, issue #6); call before
     * {@link #start} so no connection escapes it. Null: {@link ConnectionAdmission#ANY}.
     */
    public void admission(ConnectionAdmission admission) {
        pipelines.admission(admission);
    }

    /**
     * Binds every listen point. If any bind fails, everything bound so far is closed, the event loops
     * stop, and the exception names the failing listen point and address.
     *
     * @throws IOException unreadable TLS files or a bind failure
     */
    public synchronized void start(List<ListenPoint> points) throws IOException {
        if (io != null) {
            throw new IllegalStateException("already started");
        }
        Map<ListenPoint, SslContext[]> contexts = new HashMap<>();
        for (ListenPoint point : points) {
            if (point.tls() != null) {
                java.nio.file.Path trust = point.tls().trustedCaPem() != null ? point.tls().trustedCaPem()
                        : config.outboundTrustPem();
                contexts.put(point, new SslContext[] {TlsContexts.forServer(point.tls()),
                        point.transport() == Transport.TLS ? TlsContexts.forClient(point.tls(), trust) : null});
            }
        }
        IoRuntime runtime = IoRuntime.create(config.ioThreads(), config.preferEpoll(), config.udpEdge(),
                config.edgePriority());
        int udpSockets = udpSockets(runtime);
        LOG.info("SIP transport: {}, {} event loop(s), {} UDP socket(s) per listen point{}",
                runtime.describe(config.preferEpoll()), config.ioThreads(), udpSockets,
                runtime.edge != null ? ", UDP received on sip-edge" : "");
        if (!runtime.epoll && config.udpSocketsPerPoint() > 1) {
            LOG.info("SO_REUSEPORT needs epoll; using one UDP socket per listen point");
        }
        io = runtime;
        try {
            for (ListenPoint point : points) {
                SslContext[] tls = contexts.getOrDefault(point, new SslContext[2]);
                Bound b = bind(runtime, point, udpSockets, tls[0], tls[1]);
                bound.put(point, b);
                bound.put(b.point(), b);
                listening.add(b.point());
                LOG.info("listening on {}", b.point());
            }
        } catch (IOException | RuntimeException e) {
            stop();
            throw e;
        }
    }

    /**
     * Binds one more listen point while running (a policy reload added it).
     *
     * @return the listen point as bound (port resolved)
     * @throws IOException unreadable TLS files or a bind failure; nothing else changes then
     */
    public synchronized ListenPoint open(ListenPoint point) throws IOException {
        IoRuntime runtime = io;
        if (runtime == null) {
            throw new IllegalStateException("not started");
        }
        SslContext server = null;
        SslContext client = null;
        if (point.tls() != null) {
            java.nio.file.Path trust = point.tls().trustedCaPem() != null ? point.tls().trustedCaPem()
                    : config.outboundTrustPem();
            server = TlsContexts.forServer(point.tls());
            client = point.transport() == Transport.TLS ? TlsContexts.forClient(point.tls(), trust) : null;
        }
        Bound b = bind(runtime, point, udpSockets(runtime), server, client);
        bound.put(point, b);
        bound.put(b.point(), b);
        listening.add(b.point());
        LOG.info("listening on {}", b.point());
        return b.point();
    }

    /**
     * Stops listening on one listen point while running (a policy reload removed it). Its sockets
     * close; connections already accepted on it stay open until they end or idle out, so calls
     * in progress over them are not cut.
     *
     * @return true when it was listening
     */
    public synchronized boolean close(ListenPoint point) {
        Bound b = bound.get(point);
        if (b == null) {
            return false;
        }
        bound.values().removeIf(x -> x == b);
        listening.remove(b.point());
        quiesce(io, b);
        for (Channel ch : b.channels()) {
            ch.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        LOG.info("stopped listening on {}", b.point());
        return true;
    }

    /** UDP sockets per listen point: one on the edge loop; else per config (SO_REUSEPORT needs epoll). */
    private int udpSockets(IoRuntime runtime) {
        return runtime.edge != null || !runtime.epoll ? 1 : config.udpSocketsPerPoint();
    }

    private Bound bind(IoRuntime runtime, ListenPoint point, int udpSockets, SslContext serverTls,
            SslContext clientTls) throws IOException {
        List<Channel> channels = new ArrayList<>();
        try {
            if (point.transport() == Transport.UDP) {
                InetSocketAddress address = point.address();
                for (int i = 0; i < udpSockets; i++) {
                    Bootstrap b = new Bootstrap().group(runtime.edge != null ? runtime.edge : runtime.group)
                            .channel(runtime.datagramChannel)
                            .option(ChannelOption.SO_REUSEADDR, true)
                            // One byte more than the limit, so an over-limit datagram is seen as such
                            // even where the kernel truncates it to the buffer (65535 covers any UDP).
                            .option(ChannelOption.RECVBUF_ALLOCATOR,
                                    new FixedRecvByteBufAllocator(Math.min(config.maxMessageBytes() + 1, 65_536)));
                    // A deep receive queue rides out event-loop pauses without kernel drops (see the constant).
                    b.option(ChannelOption.SO_RCVBUF, TransportConfig.UDP_RECEIVE_BUFFER_BYTES);
                    if (udpSockets > 1) {
                        b.option(EpollChannelOption.SO_REUSEPORT, true);
                    }
                    b.handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            pipelines.datagram(ch, point);
                        }
                    });
                    Channel ch = b.bind(address).sync().channel();
                    channels.add(ch);
                    if (i == 0) {
                        LOG.info("UDP receive buffer of {}: {} bytes (asked {}; the kernel caps it at net.core.rmem_max)",
                                point, ch.config().getOption(ChannelOption.SO_RCVBUF),
                                TransportConfig.UDP_RECEIVE_BUFFER_BYTES);
                    }
                    // With port 0 the first socket picks the port; the others (SO_REUSEPORT) join it.
                    address = (InetSocketAddress) ch.localAddress();
                }
            } else {
                ServerBootstrap b = new ServerBootstrap().group(runtime.group).channel(runtime.serverChannel)
                        .option(ChannelOption.SO_REUSEADDR, true)
                        .childOption(ChannelOption.TCP_NODELAY, true)
                        .childHandler(new ChannelInitializer<Channel>() {
                            @Override
                            protected void initChannel(Channel ch) {
                                ListenPoint lp = resolvedPoint(point, ch.parent());
                                pipelines.stream(ch, lp, serverTls, true, null);
                            }
                        });
                channels.add(b.bind(point.address()).sync().channel());
            }
        } catch (Exception e) {
            for (Channel ch : channels) {
                ch.close();
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("cannot bind " + point + ": " + e.getMessage(), e);
        }
        ListenPoint actual = point.withAddress(channelAddress(channels.get(0), point));
        boolean direct = runtime.edge != null && point.transport() == Transport.UDP
                && DatagramDirectSend.supported(channels.get(0));
        return new Bound(actual, List.copyOf(channels), serverTls, clientTls,
                new java.util.concurrent.atomic.AtomicBoolean(direct));
    }

    /** The listen point as bound (the port filled in when configured as 0). */
    static ListenPoint resolvedPoint(ListenPoint configured, Channel listening) {
        return configured.withAddress(channelAddress(listening, configured));
    }

    private static InetSocketAddress channelAddress(Channel ch, ListenPoint configured) {
        InetSocketAddress local = (InetSocketAddress) ch.localAddress();
        // Keep the configured IP (a dual-stack socket may report 127.0.0.1 as ::ffff:127.0.0.1).
        return local == null ? configured.address() : new InetSocketAddress(configured.address().getAddress(), local.getPort());
    }

    /** The listen points as bound, in start order (ports resolved). Empty before start and after stop. */
    public synchronized List<ListenPoint> listening() {
        return List.copyOf(listening);
    }

    /** The bound listen point with this transport and address, or null. */
    public synchronized ListenPoint listenPoint(Transport transport, InetSocketAddress address) {
        for (ListenPoint p : listening) {
            if (p.transport() == transport && p.address().equals(address)) {
                return p;
            }
        }
        return null;
    }

    public TransportCounters counters() {
        return counters;
    }

    /** The datagram channel class of the running transport (epoll or NIO); null before {@link #start}. */
    public Class<? extends io.netty.channel.socket.DatagramChannel> datagramChannelClass() {
        IoRuntime runtime = io;
        return runtime == null ? null : runtime.datagramChannel;
    }

    /**
     * The event loops that run every channel and so every {@link FrameListener} callback, in a fixed
     * order. The signaling plane hashes each call onto one of them (its single owner thread). Empty
     * before start and after stop.
     */
    public List<io.netty.channel.EventLoop> eventLoops() {
        IoRuntime runtime = io;
        if (runtime == null) {
            return List.of();
        }
        List<io.netty.channel.EventLoop> loops = new ArrayList<>();
        for (io.netty.util.concurrent.EventExecutor e : runtime.group) {
            loops.add((io.netty.channel.EventLoop) e);
        }
        return List.copyOf(loops);
    }

    /** True when the native epoll transport is in use (false: NIO). Valid after start. */
    public boolean usesEpoll() {
        IoRuntime runtime = io;
        return runtime != null && runtime.epoll;
    }

    /**
     * Sends over {@code flow} (RFC 3261 §18.2.2: responses go back over the connection the request
     * came on). UDP: from the listen point's socket to the flow's remote address. TCP/TLS: over the
     * flow's connection; if it has closed, over another connection to the same remote address or a
     * new one from the same listen point. WS/WSS: over the flow's connection only (the SBC cannot
     * connect to a WebSocket client), as one text frame.
     *
     * @return completes with the flow actually used once the bytes are written; exceptionally if not
     */
    public CompletableFuture<Flow> send(Flow flow, ByteBuf bytes) {
        Objects.requireNonNull(flow, "flow");
        if (flow.transport() == Transport.UDP || flow.connectionId() == 0) {
            return send(flow.listenPoint(), flow.remote(), bytes);
        }
        Channel ch = table.byId(flow.connectionId());
        if (ch != null && ch.isActive()) {
            return write(ch, flow, bytes, new CompletableFuture<>());
        }
        if (flow.transport().isWebSocket()) {
            return fail(bytes, new ClosedChannelException(), flow.toString(), new CompletableFuture<>());
        }
        return send(flow.listenPoint(), flow.remote(), bytes);
    }

    /**
     * Sends a message the SBC originates from listen point {@code from} (its transport and realm) to
     * {@code remote}. Streams: an existing connection to {@code remote} over that transport is reused
     * (inbound or outbound), else a new one is opened from {@code from}'s IP address; concurrent sends
     * share one connect. WS/WSS: only an existing connection can be used.
     *
     * @return completes with the flow used once the bytes are written; exceptionally if not
     */
    public CompletableFuture<Flow> send(ListenPoint from, InetSocketAddress remote, ByteBuf bytes) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(remote, "remote");
        Bound b = bound.get(from);
        if (b == null || io == null) {
            return fail(bytes, new IllegalStateException("not listening on " + from), TransportAddresses.format(remote),
                    new CompletableFuture<>());
        }
        if (from.transport() == Transport.UDP) {
            Channel ch = pickDatagramChannel(b.channels());
            Flow flow = new Flow(Transport.UDP, b.point().address(), remote, 0, b.point());
            if (b.directSend().get() && !ch.eventLoop().inEventLoop() && onWorkerLoop(io)) {
                CompletableFuture<Flow> sent = sendDirect(ch, flow, bytes);
                if (sent != null) {
                    return sent;
                }
            }
            return write(ch, flow, new DatagramPacket(bytes, remote), new CompletableFuture<>());
        }
        CompletableFuture<Channel> connection = table.connection(from.transport(), remote,
                () -> from.transport().isWebSocket() ? CompletableFuture.failedFuture(new ClosedChannelException())
                        : connect(b, remote));
        CompletableFuture<Flow> result = new CompletableFuture<>();
        Runnable deliver = () -> deliver(connection, remote, bytes, result);
        if (!(connection instanceof ConnectFuture pending) || !pending.offer(deliver)) {
            deliver.run();
        }
        return result;
    }

    /** Writes {@code bytes} over a settled connection, or fails {@code result} with the connect failure. */
    private void deliver(CompletableFuture<Channel> connection, InetSocketAddress remote, ByteBuf bytes,
            CompletableFuture<Flow> result) {
        Channel ch = connection.isCompletedExceptionally() ? null : connection.getNow(null);
        Flow flow = ch == null ? null : ch.attr(ConnectionTable.FLOW).get();
        if (flow == null) {
            Throwable cause = connection.isCompletedExceptionally()
                    ? connection.handle((c, e) -> e).join() : new ClosedChannelException();
            fail(bytes, cause, TransportAddresses.format(remote), result);
        } else {
            write(ch, flow, bytes, result);
        }
    }

    private CompletableFuture<Channel> connect(Bound from, InetSocketAddress remote) {
        ConnectFuture connected = new ConnectFuture();
        IoRuntime runtime = io;
        Bootstrap b = new Bootstrap().group(runtime.group).channel(runtime.socketChannel)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        pipelines.stream(ch, from.point(), from.clientTls(), false, remote);
                    }
                });
        InetSocketAddress local = from.point().address();
        ChannelFuture future;
        // Leave from the realm's own address (not whatever the routing table picks), when one is set
        // and of the same family as the destination.
        if (!local.getAddress().isAnyLocalAddress() && remote.getAddress() != null
                && (local.getAddress() instanceof Inet4Address) == (remote.getAddress() instanceof Inet4Address)) {
            future = b.connect(remote, new InetSocketAddress(local.getAddress(), 0));
        } else {
            future = b.connect(remote);
        }
        future.addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                // Netty completes the connect promise before it fires channelActive, where the
                // ConnectionTracker gives the channel its flow; complete after that has run.
                f.channel().eventLoop().execute(() -> connected.settle(f.channel(), null));
            } else {
                counters.connectFailures.increment();
                connected.settle(null, f.cause());
            }
        });
        return connected;
    }

    /** True on one of the worker loops (the only threads that send directly; see {@link #quiesce}). */
    private static boolean onWorkerLoop(IoRuntime runtime) {
        if (runtime == null) {
            return false;
        }
        for (io.netty.util.concurrent.EventExecutor e : runtime.group) {
            if (e.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Writes a datagram from a worker loop straight to the edge loop's socket; null when the socket
     * could not take it now (the caller writes through the channel). Releases {@code bytes} otherwise.
     */
    private CompletableFuture<Flow> sendDirect(Channel ch, Flow flow, ByteBuf bytes) {
        try {
            if (!DatagramDirectSend.send(ch, bytes, flow.remote())) {
                return null;
            }
        } catch (IOException | RuntimeException e) {
            return fail(bytes, e, flow.toString(), new CompletableFuture<>());
        }
        bytes.release();
        counters.sent.increment();
        counters.sentDirect.increment();
        return CompletableFuture.completedFuture(flow);
    }

    /**
     * Stops direct sends to {@code b}'s sockets and waits until every worker loop has passed a point
     * after that, so none is inside a send when the sockets close (a closed descriptor number can be
     * reused by the next socket the process opens). At most 1 s per loop.
     */
    private static void quiesce(IoRuntime runtime, Bound b) {
        if (!b.directSend().getAndSet(false)) {
            return;
        }
        for (io.netty.util.concurrent.EventExecutor e : runtime.group) {
            if (!e.inEventLoop() && !e.isShuttingDown()) {
                e.submit(() -> { }).awaitUninterruptibly(1, TimeUnit.SECONDS);
            }
        }
    }

    private Channel pickDatagramChannel(List<Channel> channels) {
        for (Channel ch : channels) {
            if (ch.eventLoop().inEventLoop()) {
                return ch; // already on this socket's loop: no hand-over
            }
        }
        return channels.get(0);
    }

    /** Writes {@code message} (WS/WSS: as a text frame, RFC 7118 §5) and completes {@code result}. */
    private CompletableFuture<Flow> write(Channel ch, Flow flow, Object message, CompletableFuture<Flow> result) {
        Object wire = flow.transport().isWebSocket() && message instanceof ByteBuf buf ? new TextWebSocketFrame(buf) : message;
        ch.writeAndFlush(wire).addListener(f -> {
            if (f.isSuccess()) {
                counters.sent.increment();
                result.complete(flow);
            } else {
                countFailure(f.cause(), flow.toString());
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }

    /** Releases the unsent bytes, counts, and fails {@code result}. */
    private CompletableFuture<Flow> fail(ByteBuf bytes, Throwable cause, String where, CompletableFuture<Flow> result) {
        bytes.release();
        countFailure(cause, where);
        result.completeExceptionally(cause);
        return result;
    }

    private void countFailure(Throwable cause, String where) {
        counters.sendFailures.increment();
        if (SEND_FAILURE_LOG.allow()) {
            LOG.info("send to {} failed: {}", where, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    /**
     * Closes the listening sockets and every connection, then stops the event loops (quiet period
     * 0, at most 5 s). Idempotent.
     */
    public synchronized void stop() {
        IoRuntime runtime = io;
        if (runtime == null) {
            return;
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (Bound b : bound.values()) {
            quiesce(runtime, b);
        }
        for (Bound b : bound.values()) {
            for (Channel ch : b.channels()) {
                closing.add(ch.close());
            }
        }
        for (Channel ch : table.channels()) {
            closing.add(ch.close());
        }
        for (ChannelFuture f : closing) {
            f.awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
        runtime.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
        if (runtime.edge != null) {
            runtime.edge.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly(6, TimeUnit.SECONDS);
        }
        bound.clear();
        listening.clear();
        io = null;
        LOG.info("SIP transport stopped ({})", counters);
    }

    @Override
    public void close() {
        stop();
    }
}
