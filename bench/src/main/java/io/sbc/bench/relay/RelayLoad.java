package io.sbc.bench.relay;

import io.sbc.media.relay.BoundPorts;
import io.sbc.media.relay.MediaRelay;
import io.sbc.media.relay.RelayConfig;
import io.sbc.media.relay.RelayLegSpec;
import io.sbc.media.relay.RelayStreamSpec;
import io.sbc.media.relay.RelayTotals;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.TimeUnit;

/**
 * Media load generator and latency probe for the relay over loopback. {@code calls} calls, each a
 * caller socket on 127.0.0.10 and a callee socket on 127.0.0.30 exchanging 172-byte RTP (G.711, 20 ms)
 * through a {@link MediaRelay} in both directions at {@code pps} packets per second per direction.
 * Every packet carries its send time; the one generator thread (sender and receiver) records the
 * one-way time into a 1 µs histogram. {@code --direct} sends caller→callee without the relay, the
 * kernel baseline: relay p99 minus direct p99 is the relay's added latency. {@code --pps 0} offers
 * as fast as possible with at most {@code window} packets in flight, to find the relayed capacity.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sbc.bench.relay.RelayLoad --calls 200 --seconds 10 --pps 50 --idle spin</pre>
 */
public final class RelayLoad {

    private static final int PACKET = 172;
    private static final int MAX_US = 100_000;

    public static void main(String[] args) throws Exception {
        int calls = 200;
        int seconds = 10;
        int pps = 50;
        int workers = 1;
        int window = 256;
        String idle = "spin";
        boolean direct = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--calls" -> calls = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--pps" -> pps = Integer.parseInt(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--window" -> window = Integer.parseInt(args[++i]);
                case "--idle" -> idle = args[++i];
                case "--direct" -> direct = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        InetAddress callerIp = InetAddress.getByName("127.0.0.10");
        InetAddress calleeIp = InetAddress.getByName("127.0.0.30");
        InetAddress relayA = InetAddress.getByName("127.0.0.20");
        InetAddress relayB = InetAddress.getByName("127.0.0.21");
        DatagramChannel[] callers = new DatagramChannel[calls];
        DatagramChannel[] callees = new DatagramChannel[calls];
        InetSocketAddress[] callerTargets = new InetSocketAddress[calls];
        InetSocketAddress[] calleeTargets = new InetSocketAddress[calls];
        Selector selector = Selector.open();
        for (int c = 0; c < calls; c++) {
            callers[c] = open(callerIp, selector);
            callees[c] = open(calleeIp, selector);
        }
        MediaRelay relay = null;
        if (!direct) {
            relay = MediaRelay.start(RelayConfig.defaults().withWorkers(workers).withIdle(idle), (id, call, s) -> { });
            for (int c = 0; c < calls; c++) {
                RelayLegSpec a = RelayLegSpec.of(relayA, 0, true, (InetSocketAddress) callers[c].getLocalAddress());
                RelayLegSpec b = RelayLegSpec.of(relayB, 0, true, (InetSocketAddress) callees[c].getLocalAddress());
                BoundPorts p = relay.addStream(new RelayStreamSpec(c, "load-" + c, a, b)).get(5, TimeUnit.SECONDS);
                callerTargets[c] = new InetSocketAddress(relayA, p.aRtp());
                calleeTargets[c] = new InetSocketAddress(relayB, p.bRtp());
            }
        } else {
            for (int c = 0; c < calls; c++) {
                callerTargets[c] = (InetSocketAddress) callees[c].getLocalAddress();
                calleeTargets[c] = (InetSocketAddress) callers[c].getLocalAddress();
            }
        }

        long[] histogram = new long[MAX_US + 1];
        ByteBuffer tx = ByteBuffer.allocateDirect(PACKET);
        tx.put(0, (byte) 0x80);
        ByteBuffer rx = ByteBuffer.allocateDirect(2048);
        int[] seq = new int[calls];
        long sent = 0;
        long received = 0;
        long warmupEnd = System.nanoTime() + 2_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        boolean measuring = false;
        long measuredSent = 0;
        long measuredReceived = 0;
        RelayTotals before = null;
        // 2 directions x calls x pps; a packet every intervalNs overall, round-robin over call legs.
        long intervalNs = pps > 0 ? 1_000_000_000L / ((long) pps * calls * 2) : 0;
        long nextSend = System.nanoTime();
        int cursor = 0;
        long[] recvHolder = new long[1];
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= warmupEnd) {
                measuring = true;
                java.util.Arrays.fill(histogram, 0);
                measuredSent = 0;
                measuredReceived = 0;
                before = relay != null ? relay.totals() : null;
            }
            if (now >= end) {
                break;
            }
            boolean due = pps > 0 ? now >= nextSend : sent - received < window;
            if (due) {
                int c = cursor >> 1;
                boolean up = (cursor & 1) == 0;
                cursor = (cursor + 1) % (calls * 2);
                int s = ++seq[c];
                tx.putShort(2, (short) s);
                tx.putInt(4, s * 160);
                tx.putInt(8, up ? c : 0x10000 | c);
                tx.putLong(12, System.nanoTime());
                tx.clear();
                (up ? callers[c] : callees[c]).send(tx, up ? callerTargets[c] : calleeTargets[c]);
                sent++;
                if (measuring) {
                    measuredSent++;
                }
                nextSend += intervalNs;
            }
            recvHolder[0] = 0;
            final boolean m = measuring;
            selector.selectNow(key -> {
                DatagramChannel ch = (DatagramChannel) key.channel();
                try {
                    rx.clear();
                    while (ch.receive(rx) != null) {
                        long lat = (System.nanoTime() - rx.getLong(12)) / 1000;
                        if (m) {
                            histogram[(int) Math.min(Math.max(lat, 0), MAX_US)]++;
                        }
                        recvHolder[0]++;
                        rx.clear();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            received += recvHolder[0];
            if (measuring) {
                measuredReceived += recvHolder[0];
            }
        }
        RelayTotals after = relay != null ? relay.totals() : null;
        System.out.printf("mode=%s calls=%d pps/dir=%d workers=%d idle=%s seconds=%d%n",
                direct ? "direct" : "relay", calls, pps, workers, idle, seconds);
        System.out.printf("sent=%d received=%d loss=%.3f%% rate=%.0f pkt/s%n", measuredSent, measuredReceived,
                measuredSent == 0 ? 0 : 100.0 * (measuredSent - measuredReceived) / measuredSent,
                measuredReceived / (double) seconds);
        System.out.printf("latency us: p50=%d p90=%d p99=%d p99.9=%d max=%d%n", pct(histogram, 0.50),
                pct(histogram, 0.90), pct(histogram, 0.99), pct(histogram, 0.999), pct(histogram, 1.0));
        if (after != null) {
            System.out.printf("relay: tx=%d drops=%s socketErrors=%d%n", after.txPackets() - before.txPackets(),
                    java.util.Arrays.toString(after.drops()), after.socketErrors());
            relay.close();
        }
        for (int c = 0; c < calls; c++) {
            callers[c].close();
            callees[c].close();
        }
        selector.close();
    }

    private static DatagramChannel open(InetAddress ip, Selector selector) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 1 << 20);
        ch.bind(new InetSocketAddress(ip, 0));
        ch.configureBlocking(false);
        ch.register(selector, SelectionKey.OP_READ);
        return ch;
    }

    private static long pct(long[] h, double q) {
        long total = 0;
        for (long v : h) {
            total += v;
        }
        if (total == 0) {
            return -1;
        }
        long want = (long) Math.ceil(q * total);
        long acc = 0;
        for (int i = 0; i < h.length; i++) {
            acc += h[i];
            if (acc >= want && h[i] > 0) {
                return i;
            }
        }
        return h.length - 1;
    }
}
