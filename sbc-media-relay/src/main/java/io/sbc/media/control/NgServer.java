package io.sbc.media.control;

import io.sbc.media.bencode.BencodeEncoder;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
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
 */
public final class NgServer implements AutoCloseable {
    /** Largest UDP payload over IPv4. */
    static final int MAX_DATAGRAM = 65507;
    private static final Logger LOG = LoggerFactory.getLogger(NgServer.class);

    private final DatagramSocket socket;
    private final NgMessageProcessor processor;
    private final long housekeepingNs;
    private final LongSupplier nanoClock;
    private final Thread thread;
    private volatile boolean running = true;

    private NgServer(DatagramSocket socket, NgMessageProcessor processor, long housekeepingNs, LongSupplier nanoClock) {
        this.socket = socket;
        this.processor = processor;
        this.housekeepingNs = housekeepingNs;
        this.nanoClock = nanoClock;
        this.thread = new Thread(this::run, "relay-control");
        this.thread.setDaemon(true);
    }

    /** Binds and starts serving {@code dispatcher} on a new {@code relay-control} thread. */
    public static NgServer start(NgServerConfig config, NgCommandDispatcher dispatcher) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReuseAddress(false);
            socket.bind(config.bind());
            socket.setSoTimeout((int) Math.max(1, config.housekeepingInterval().toMillis()));
            socket.setReceiveBufferSize(1 << 20);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        LongSupplier clock = System::nanoTime;
        NgMessageProcessor processor = new NgMessageProcessor(dispatcher, config.cookieCacheEntries(),
                config.cookieCacheTtl().toNanos(), clock);
        NgServer server = new NgServer(socket, processor, config.housekeepingInterval().toNanos(), clock);
        server.thread.start();
        LOG.info("ng control listening on udp:{}", server.localAddress());
        return server;
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    public NgCounters counters() {
        return processor.dispatcher().counters();
    }

    private void run() {
        byte[] buf = new byte[MAX_DATAGRAM + 1];
        DatagramPacket in = new DatagramPacket(buf, buf.length);
        long lastHousekeeping = nanoClock.getAsLong();
        while (running) {
            try {
                in.setData(buf, 0, buf.length);
                try {
                    socket.receive(in);
                    byte[] reply = processor.process(buf, 0, in.getLength(), (InetSocketAddress) in.getSocketAddress());
                    if (reply != null) {
                        if (reply.length > MAX_DATAGRAM) {
                            reply = tooLarge(buf, in.getLength());
                        }
                        socket.send(new DatagramPacket(reply, reply.length, in.getSocketAddress()));
                    }
                } catch (SocketTimeoutException idle) {
                    // fall through to housekeeping
                }
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

    /** Media-timeout notifications go out from the ng socket, so the controller sees the relay's address. */
    private void notify(List<TimeoutNotification> notifications) {
        for (TimeoutNotification n : notifications) {
            try {
                socket.send(new DatagramPacket(n.datagram(), n.datagram().length, n.target()));
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
        socket.close();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
