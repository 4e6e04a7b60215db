package io.sbc.bench.relay;

import io.sbc.media.io.DatagramTransport;
import io.sbc.media.io.DatagramTransports;
import io.sbc.media.io.NioDatagramTransport;
import io.sbc.media.relay.BoundPorts;
import io.sbc.media.relay.RelayConfig;
import io.sbc.media.relay.RelayLegSpec;
import io.sbc.media.relay.RelayStreamSpec;
import io.sbc.media.relay.RelayWorker;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;

/**
 * The relay worker's own CPU time and allocation per relayed packet over real loopback sockets,
 * for a shared, oversubscribed machine where wall-clock rates mean little. {@code streams} streams
 * (default 200, i.e. 400 relay sockets, as at 200 calls) all latched to one caller and one callee
 * socket. Each round the caller sends {@code burst} 172-byte RTP packets spread over the streams;
 * the loopback send queues them on the relay sockets at once, then the benchmark thread runs
 * {@code doWork()} until they are all relayed, counting only that loop's thread CPU time (which
 * includes the relay's receive and send system calls, loopback delivery to the callee included).
 * The callee is drained outside the timed part. Reports the median of {@code rounds} batches of
 * 20,000 packets, and the median user-mode CPU per packet of whole rounds (the generator's sends and
 * the sink's receives included: their user time is small and the same for every socket layer, so
 * differences between runs are the relay's Java and JNI code, without the kernel's share).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.sbc.bench.relay.RelayWorkerCpuTime [--streams 200]
 *     [--burst 8] [--rounds 30] [--transport preferred|nio] [--connect-peers]</pre>
 *
 * {@code --burst 8} models a worker at moderate load (a few ready sockets per duty cycle),
 * {@code --burst 200} one at saturation (every socket ready). {@code --connect-peers} turns on
 * {@link RelayConfig#connectPeers()} (sends on connected sockets, no route lookup per datagram).
 */
public final class RelayWorkerCpuTime {

    private static final int PACKET = 172;

    private RelayWorkerCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        int streams = 200;
        int burst = 8;
        int rounds = 30;
        String transportName = "preferred";
        boolean connectPeers = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--streams" -> streams = Integer.parseInt(args[++i]);
                case "--burst" -> burst = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--transport" -> transportName = args[++i];
                case "--connect-peers" -> connectPeers = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        DatagramTransport transport = "nio".equals(transportName)
                ? new NioDatagramTransport() : DatagramTransports.preferred();
        var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        InetAddress relayA = InetAddress.getByName("127.0.0.20");
        InetAddress relayB = InetAddress.getByName("127.0.0.21");
        try (DatagramChannel caller = open("127.0.0.10"); DatagramChannel callee = open("127.0.0.30")) {
            RelayWorker worker = new RelayWorker(0, RelayConfig.defaults().withTransport(transport)
                    .withConnectPeers(connectPeers),
                    (id, call, silent) -> { });
            worker.onStart();
            InetSocketAddress[] targets = new InetSocketAddress[streams];
            InetSocketAddress[] bSides = new InetSocketAddress[streams];
            for (int s = 0; s < streams; s++) {
                var f = worker.add(new RelayStreamSpec(s + 1, "bench-" + s,
                        RelayLegSpec.of(relayA, 0, true, (InetSocketAddress) caller.getLocalAddress()),
                        RelayLegSpec.of(relayB, 0, true, (InetSocketAddress) callee.getLocalAddress())));
                worker.doWork();
                BoundPorts p = f.join();
                targets[s] = new InetSocketAddress(relayA, p.aRtp());
                bSides[s] = new InetSocketAddress(relayB, p.bRtp());
            }
            ByteBuffer pkt = ByteBuffer.allocateDirect(PACKET);
            pkt.put(0, (byte) 0x80);
            ByteBuffer sink = ByteBuffer.allocateDirect(2048);
            // The callee speaks once on every stream first, so that the B legs' latches are confirmed
            // (delayed learning) as in a call where both sides talk; only then may they be connected.
            for (int s = 0; s < streams; s++) {
                pkt.putInt(8, 0x10000 + s);
                pkt.clear();
                callee.send(pkt, bSides[s]);
            }
            for (int idle = 0; idle < 1000; ) {
                idle = worker.doWork() == 0 ? idle + 1 : 0;
            }
            sink.clear();
            while (caller.receive(sink) != null) {
                sink.clear();
            }
            int next = 0;
            int seq = 0;
            int perRound = 20_000;
            long[] nsPerPacket = new long[rounds];
            long[] userNsPerPacket = new long[rounds];
            long[] bytesPerRound = new long[rounds];
            long lost = 0;
            for (int r = -10; r < rounds; r++) { // 10 warm-up rounds
                long cpu = 0;
                long alloc = 0;
                long user0 = mx.getCurrentThreadUserTime();
                int relayed = 0;
                while (relayed < perRound) {
                    for (int k = 0; k < burst; k++) {
                        pkt.putShort(2, (short) ++seq);
                        pkt.putInt(4, seq * 160);
                        pkt.putInt(8, next + 1);
                        pkt.clear();
                        caller.send(pkt, targets[next]);
                        next = next + 1 == streams ? 0 : next + 1;
                    }
                    long a0 = mx.getCurrentThreadAllocatedBytes();
                    long t0 = mx.getCurrentThreadCpuTime();
                    int got = 0;
                    int idle = 0;
                    while (got < burst && idle < 1000) {
                        int w = worker.doWork();
                        got += w;
                        idle = w == 0 ? idle + 1 : 0;
                    }
                    cpu += mx.getCurrentThreadCpuTime() - t0;
                    alloc += mx.getCurrentThreadAllocatedBytes() - a0;
                    lost += burst - got;
                    relayed += burst;
                    sink.clear();
                    while (callee.receive(sink) != null) {
                        sink.clear();
                    }
                }
                if (r >= 0) {
                    nsPerPacket[r] = cpu / relayed;
                    // User-mode time of the whole round (tick resolution, so over the whole round;
                    // the untimed sends and drains are user time too, the same for every transport).
                    userNsPerPacket[r] = (mx.getCurrentThreadUserTime() - user0) / relayed;
                    bytesPerRound[r] = alloc;
                }
            }
            worker.onClose();
            java.util.Arrays.sort(nsPerPacket);
            java.util.Arrays.sort(bytesPerRound);
            java.util.Arrays.sort(userNsPerPacket);
            System.out.printf("relay_cpu transport=%s connect_peers=%b streams=%d burst=%d ns_cpu_per_packet_median=%d min=%d"
                    + " round_user_ns_per_packet_median=%d alloc_bytes_per_%d_packets_median=%d not_relayed=%d%n",
                    transport.name(), connectPeers, streams, burst, nsPerPacket[rounds / 2], nsPerPacket[0],
                    userNsPerPacket[rounds / 2], perRound, bytesPerRound[rounds / 2], lost);
        }
    }

    private static DatagramChannel open(String ip) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
        ch.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
        ch.configureBlocking(false);
        return ch;
    }
}
