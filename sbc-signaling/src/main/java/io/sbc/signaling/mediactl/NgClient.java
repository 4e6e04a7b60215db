package io.sbc.signaling.mediactl;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client of one media relay's ng control port (rtpengine's protocol, design.md "Media relay
 * control"): {@code COOKIE SPACE BENCODED-DICT} over UDP, the reply echoes the cookie. Requests
 * are retransmitted with the same cookie (the relay answers a repeated cookie from its cache and
 * never runs a command twice) every {@link #RETRANSMIT_MS} ms, and fail after {@link #TIMEOUT_MS}.
 *
 * <p>Threading: {@link #send} may be called from any event loop; it never blocks (one UDP send).
 * Replies are read either by an {@code ng-client} thread ({@link #open(InetSocketAddress)}) or, when
 * opened on an event loop ({@link #open(InetSocketAddress, EventLoop, Class)}, what the SBC does),
 * by that loop itself among its SIP sockets: a reply then completes its future on the loop that
 * sent the command, with no thread hand-off and no wake-up of a second thread per reply (at 500
 * anchored calls/s the reader thread and the loop wake-ups it caused cost ~70 µs per call of three
 * commands, issue #5). Callers hop to their own loop ({@code whenCompleteAsync(..., loop)}) or
 * chain on it. The pending table is the one shared
 * structure (a concurrent map keyed by cookie, bounded by {@link #MAX_PENDING}). Retransmissions
 * and timeouts are swept every {@link #SWEEP_MS} ms by the {@code ng-client-timer} thread, so the
 * reader sits in a plain blocking receive: one {@code recvfrom} per reply. (With a socket timeout on
 * the reader, as before, the JDK polled and switched the socket's blocking mode with {@code fcntl}
 * around every receive; perf showed both on this thread at 500 anchored calls/s, issue #5.)
 */
public final class NgClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NgClient.class);
    /** Retransmission interval: rtpengine's own clients (Kamailio) wait about 1 s; loopback answers in µs. */
    public static final long RETRANSMIT_MS = 300;
    /** A command without a reply after this long fails ("relay timeout"). */
    public static final long TIMEOUT_MS = 2000;
    /** Commands in flight; beyond this a command fails at once ("overloaded") rather than queueing. */
    public static final int MAX_PENDING = 4096;
    /** Period of the retransmission/timeout sweep. */
    static final long SWEEP_MS = 50;

    private record Pending(byte[] datagram, CompletableFuture<NgReply> future, long deadlineNs, long[] nextSendNs) {
    }

    /** The JDK channel of a client with a reader thread; null when the client lives on an event loop. */
    private final DatagramChannel channel;
    /** The Netty channel of a client on an event loop; null for a reader-thread client. */
    private volatile Channel loopChannel;
    private final InetSocketAddress relay;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong cookies = new AtomicLong();
    private final String cookiePrefix;
    private final Thread reader;
    private final Thread timer;
    private volatile boolean running = true;

    private NgClient(DatagramChannel channel, InetSocketAddress relay) {
        this.channel = channel;
        this.relay = relay;
        this.cookiePrefix = Long.toHexString(System.nanoTime() & 0xffffffL) + "_";
        this.reader = channel == null ? null : new Thread(this::readLoop, "ng-client");
        if (reader != null) {
            this.reader.setDaemon(true);
        }
        this.timer = new Thread(this::timerLoop, "ng-client-timer");
        this.timer.setDaemon(true);
    }

    /** A client bound to an ephemeral loopback-or-any port, talking to {@code relay}. */
    public static NgClient open(InetSocketAddress relay) throws IOException {
        DatagramChannel ch = DatagramChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            ch.bind(new InetSocketAddress(relay.getAddress().isLoopbackAddress() ? relay.getAddress() : null, 0));
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        NgClient c = new NgClient(ch, relay);
        c.reader.start();
        c.timer.start();
        return c;
    }

    /**
     * A client whose socket is served by {@code loop} (a channel of {@code type}, the transport's
     * datagram class: epoll or NIO), bound like {@link #open(InetSocketAddress)}. Replies are read and
     * their futures completed on {@code loop}; retransmissions and timeouts still run on the
     * {@code ng-client-timer} thread.
     */
    public static NgClient open(InetSocketAddress relay, EventLoop loop,
            Class<? extends io.netty.channel.socket.DatagramChannel> type) throws IOException {
        NgClient c = new NgClient(null, relay);
        // One scratch array per client, touched by the loop only: replies are copied out of Netty's
        // buffer so the decoder (which reads byte[]) allocates no per-reply array of its own.
        byte[] scratch = new byte[65536];
        Bootstrap b = new Bootstrap().group(loop).channel(type)
                .option(ChannelOption.SO_RCVBUF, 1 << 20)
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        ByteBuf content = packet.content();
                        int len = Math.min(content.readableBytes(), scratch.length);
                        content.getBytes(content.readerIndex(), scratch, 0, len);
                        c.onDatagram(scratch, len);
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        // A failed send or receive is a lost datagram: retransmission or timeout takes over.
                        LOG.debug("ng client channel: {}", cause.toString());
                    }
                });
        ChannelFuture bound = b.bind(new InetSocketAddress(relay.getAddress().isLoopbackAddress() ? relay.getAddress() : null, 0))
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw cause instanceof IOException io ? io : new IOException("ng client bind failed: " + cause, cause);
        }
        c.loopChannel = bound.channel();
        c.timer.start();
        return c;
    }

    public InetSocketAddress relay() {
        return relay;
    }

    /** Sends one command dictionary; the future completes with the reply or a local error reply. */
    public CompletableFuture<NgReply> send(Map<String, Object> command) {
        CompletableFuture<NgReply> f = new CompletableFuture<>();
        if (pending.size() >= MAX_PENDING) {
            f.complete(NgReply.timeout("overloaded"));
            return f;
        }
        String cookie = cookiePrefix + cookies.incrementAndGet();
        byte[] body = Bencode.encode(command);
        byte[] datagram = new byte[cookie.length() + 1 + body.length];
        byte[] c = cookie.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(c, 0, datagram, 0, c.length);
        datagram[c.length] = ' ';
        System.arraycopy(body, 0, datagram, c.length + 1, body.length);
        long now = System.nanoTime();
        pending.put(cookie, new Pending(datagram, f, now + TIMEOUT_MS * 1_000_000L,
                new long[] {now + RETRANSMIT_MS * 1_000_000L}));
        transmit(datagram);
        return f;
    }

    private void transmit(byte[] datagram) {
        Channel ch = loopChannel;
        if (ch != null) {
            // From the channel's own loop this is a direct sendto; from another thread Netty queues it.
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(datagram), relay), ch.voidPromise());
            return;
        }
        try {
            channel.send(ByteBuffer.wrap(datagram), relay);
        } catch (IOException e) {
            // Counted as a lost datagram: the retransmission or the timeout takes over.
            LOG.debug("ng send failed: {}", e.toString());
        }
    }

    private void readLoop() {
        ByteBuffer buf = ByteBuffer.allocate(65536);
        while (running) {
            try {
                buf.clear();
                if (channel.receive(buf) != null) {
                    onDatagram(buf.array(), buf.position());
                }
            } catch (ClosedChannelException e) {
                return; // closed (close() interrupts the blocking receive this way)
            } catch (IOException e) {
                if (!running) {
                    return;
                }
                LOG.debug("ng receive failed: {}", e.toString());
            }
        }
    }

    private void timerLoop() {
        while (running) {
            java.util.concurrent.locks.LockSupport.parkNanos(SWEEP_MS * 1_000_000L);
            sweep(System.nanoTime());
        }
    }

    private void onDatagram(byte[] buf, int len) {
        int space = -1;
        for (int i = 0; i < len && i < 128; i++) {
            if (buf[i] == ' ') {
                space = i;
                break;
            }
        }
        if (space <= 0) {
            return;
        }
        String cookie = new String(buf, 0, space, StandardCharsets.US_ASCII);
        Pending p = pending.remove(cookie);
        if (p == null) {
            return; // a reply to a retransmission we already have, or not ours
        }
        Bencode.Decoded d = Bencode.decode(buf, space + 1, len - space - 1);
        if (d.ok() && d.value() instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> dict = (Map<String, Object>) m;
            p.future.complete(new NgReply(dict));
        } else {
            p.future.complete(NgReply.timeout("malformed reply: " + d.error()));
        }
    }

    private void sweep(long now) {
        for (Iterator<Map.Entry<String, Pending>> it = pending.entrySet().iterator(); it.hasNext(); ) {
            Pending p = it.next().getValue();
            if (now - p.deadlineNs >= 0) {
                it.remove();
                p.future.complete(NgReply.timeout("relay timeout"));
            } else if (now - p.nextSendNs[0] >= 0) {
                p.nextSendNs[0] = now + RETRANSMIT_MS * 1_000_000L;
                transmit(p.datagram);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        Channel ch = loopChannel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2000);
        } else {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("ng client close: {}", e.toString());
            }
        }
        java.util.concurrent.locks.LockSupport.unpark(timer);
        for (Pending p : pending.values()) {
            p.future.complete(NgReply.timeout("client closed"));
        }
        pending.clear();
    }
}
