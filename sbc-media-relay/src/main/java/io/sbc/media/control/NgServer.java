package io.sbc.media.control;

import io.sbc.media.bencode.BencodeEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ng control listener: one UDP socket served by one thread ({@code relay-control}) that owns
 * the dispatcher, the session state and the cookie cache. Requests are handled one at a time in
 * arrival order, so a retransmission queued behind its original is answered from the cache and
 * never executed twice. The embedded relay (inside the SBC's JVM) is driven the same way over
 * loopback: there is one control path.
 *
 * <p>A {@code delete} or {@code query} reply that needs the relay workers' stream figures is not
 * waited for on this thread: the processor holds it, the worker that supplies the figures wakes the
 * selector, and the reply goes out from here (see {@link NgMessageProcessor#completeAwaited}).
 *
 * <p>The socket is a non-blocking channel behind a selector whose timeout paces housekeeping: a
 * command costs one wait, the receive and the reply's send, and the thread drains every queued
 * command before it waits again. (A blocking socket with a receive timeout, as before, made the
 * JDK poll and switch the socket's blocking mode with {@code fcntl} around every receive; perf
 * showed both on this thread at 500 anchored calls/s, issue #5.)
 */
public final class NgServer implements AutoCloseable {
    /** Largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65507;
    private static final Logger LOG = LoggerFactory.getLogger(NgServer.class);

    /** Commands handled before housekeeping gets its turn, so a flood cannot starve it. */
    static final int DRAIN_LIMIT = 256;

    private final DatagramChannel channel;
    private final Selector selector;
    private final NgMessageProcessor processor;
    private final long housekeepingNs;
    private final LongSupplier nanoClock;
    private final Thread thread;
    private volatile boolean running = true;

    private NgServer(DatagramChannel channel, Selector selector, NgMessageProcessor processor, long housekeepingNs,
            LongSupplier nanoClock) {
        this.channel = channel;
        this.selector = selector;
        this.processor = processor;
        this.housekeepingNs = housekeepingNs;
        this.nanoClock = nanoClock;
        this.thread = new Thread(this::run, "relay-control");
        this.thread.setDaemon(true);
    }

    /** Binds and starts serving {@code dispatcher} on a new {@code relay-control} thread. */
    public static NgServer start(NgServerConfig config, NgCommandDispatcher dispatcher) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        Selector selector = null;
        try {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, false);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            channel.bind(config.bind());
            channel.configureBlocking(false);
            selector = Selector.open();
            channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            channel.close();
            if (selector != null) {
                selector.close();
            }
            throw e;
        }
        LongSupplier clock = System::nanoTime;
        NgMessageProcessor processor = new NgMessageProcessor(dispatcher, config.cookieCacheEntries(),
                config.cookieCacheTtl().toNanos(), clock);
        NgServer server = new NgServer(channel, selector, processor, config.housekeepingInterval().toNanos(), clock);
        processor.onFiguresArrived(selector::wakeup);
        server.thread.start();
        LOG.info("ng control listening on udp:{}", server.localAddress());
        return server;
    }

    public InetSocketAddress localAddress() {
        try {
            return (InetSocketAddress) channel.getLocalAddress();
        } catch (IOException e) {
            return null; // closed
        }
    }

    public NgCounters counters() {
        return processor.dispatcher().counters();
    }

    private void run() {
        ByteBuffer in = ByteBuffer.allocate(MAX_DATAGRAM + 1);
        byte[] buf = in.array();
        long lastHousekeeping = nanoClock.getAsLong();
        while (running) {
            try {
                long now0 = nanoClock.getAsLong();
                long waitNs = Math.min(lastHousekeeping + housekeepingNs - now0,
                        processor.nanosToNextAwaitedDeadline(now0));
                selector.select(Math.max(1, (waitNs + 999_999L) / 1_000_000L));
                selector.selectedKeys().clear();
                for (int n = 0; n < DRAIN_LIMIT && running; n++) {
                    in.clear();
                    SocketAddress source = channel.receive(in);
                    if (source == null) {
                        break;
                    }
                    int length = in.position();
                    byte[] reply = processor.process(buf, 0, length, (InetSocketAddress) source);
                    if (reply != null) {
                        if (reply.length > MAX_DATAGRAM) {
                            reply = tooLarge(buf, length);
                        }
                        send(reply, source);
                    }
                }
                processor.completeAwaited(this::send);
                long now = nanoClock.getAsLong();
                if (now - lastHousekeeping >= housekeepingNs) {
                    lastHousekeeping = now;
                    processor.expireCachedReplies();
                    processor.dispatcher().housekeeping();
                    notify(processor.dispatcher().takeNotifications());
                }
            } catch (IOException e) {
                if (running) {
                    LOG.warn("ng control socket error: {}", e.toString());
                }
            } catch (RuntimeException e) {
                // A bug must not stop control of every call; count it and keep serving.
                processor.dispatcher().counters().errors++;
                LOG.error("ng control: unexpected {}", e.getClass().getName());
            }
        }
    }

    /**
     * One reply datagram. A full send buffer (the channel is non-blocking) drops it like a lost
     * datagram: the client retransmits and the cookie cache answers.
     */
    private void send(byte[] datagram, InetSocketAddress target) throws IOException {
        send(datagram, (SocketAddress) target);
    }

    private void send(byte[] datagram, SocketAddress target) throws IOException {
        if (channel.send(ByteBuffer.wrap(datagram), target) == 0) {
            processor.dispatcher().counters().dropped++;
        }
    }

    /** Media-timeout notifications go out from the ng socket, so the controller sees the relay's address. */
    private void notify(List<TimeoutNotification> notifications) {
        for (TimeoutNotification n : notifications) {
            try {
                send(n.datagram(), n.target());
            } catch (IOException e) {
                // UDP, best effort: the controller's query/list polling still sees the timed-out call.
                LOG.warn("media timeout notification to {} failed: {}", n.target(), e.toString());
            }
        }
    }

    private static byte[] tooLarge(byte[] request, int length) {
        int space = 0;
        while (space < length && request[space] != ' ') {
            space++;
        }
        byte[] payload = BencodeEncoder.encode(NgReplies.error("Reply too large for a UDP datagram"));
        byte[] out = new byte[space + 1 + payload.length];
        System.arraycopy(request, 0, out, 0, space);
        out[space] = ' ';
        System.arraycopy(payload, 0, out, space + 1, payload.length);
        return out;
    }

    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
            selector.close();
        } catch (IOException e) {
            LOG.debug("ng control close: {}", e.toString());
        }
    }
}
