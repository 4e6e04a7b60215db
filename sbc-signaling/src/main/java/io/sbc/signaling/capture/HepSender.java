package io.sbc.signaling.capture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends captured SIP messages to a Homer server as HEP3 over UDP (policy {@code node.hep}). The
 * event loops only copy the message into a bounded queue; one {@code hep-sender} thread encodes
 * and sends. When Homer or the network falls behind, captures are dropped and counted: capture
 * never slows or blocks SIP.
 */
public final class HepSender implements SipCapture, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HepSender.class);
    static final int QUEUE_CAPACITY = 8_192;

    private record Captured(boolean inbound, String transport, InetSocketAddress source,
            InetSocketAddress destination, byte[] bytes, String callId, long timeMicros) {}

    private final InetSocketAddress homer;
    private final int agentId;
    private final byte[] authKey;
    private final BlockingQueue<Captured> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final DatagramChannel channel;
    private final Thread thread;
    private final LongAdder sent = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean running = true;

    /**
     * @param homer   the HEP collector's address
     * @param agentId capture agent id shown in Homer (e.g. a hash of the node name)
     * @param authKey HEP auth key (password), or null
     */
    public HepSender(InetSocketAddress homer, int agentId, String authKey) throws IOException {
        this.homer = homer;
        this.agentId = agentId;
        this.authKey = authKey == null ? null : authKey.getBytes(StandardCharsets.UTF_8);
        this.channel = DatagramChannel.open();
        this.thread = new Thread(this::run, "hep-sender");
        this.thread.setDaemon(true);
        this.thread.start();
        LOG.info("HEP3 capture to {}:{} (agent id {})", homer.getHostString(), homer.getPort(), agentId);
    }

    @Override
    public void capture(boolean inbound, String transport, InetSocketAddress source, InetSocketAddress destination,
            byte[] bytes, int off, int len, String callId, long timeMicros) {
        byte[] copy = java.util.Arrays.copyOfRange(bytes, off, off + len);
        if (!queue.offer(new Captured(inbound, transport, source, destination, copy, callId, timeMicros))) {
            dropped.increment();
        }
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(HepEncoder.MAX_PACKET);
        while (running || !queue.isEmpty()) {
            Captured c;
            try {
                c = queue.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (c == null) {
                continue;
            }
            if (!HepEncoder.encode(buf, c.transport(), c.source(), c.destination(), c.bytes(), 0, c.bytes().length,
                    c.callId(), c.timeMicros(), agentId, authKey)) {
                dropped.increment();
                continue;
            }
            try {
                channel.send(buf, homer);
                sent.increment();
            } catch (IOException e) {
                dropped.increment();
            }
        }
    }

    public long sent() {
        return sent.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(2_000);
            channel.close();
        } catch (InterruptedException | IOException e) {
            Thread.currentThread().interrupt();
        }
    }
}
