package io.sbc.bench.relay;

import io.sbc.media.relay.BoundPorts;
import io.sbc.media.relay.RelayConfig;
import io.sbc.media.relay.RelayLegSpec;
import io.sbc.media.relay.RelayStreamSpec;
import io.sbc.media.relay.RelayWorker;
import io.sbc.media.relay.SrtpPacketCrypto;
import io.sbc.media.srtp.SrtpContext;
import io.sbc.media.srtp.SrtpCryptoSuite;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One relay worker's duty cycle over real loopback sockets, driven on the benchmark thread: each
 * invocation sends a burst of {@value #BURST} 172-byte RTP packets from a caller socket, runs
 * {@code doWork()} until the callee socket has them all, and reads them. One operation = one packet
 * relayed (receive, latch check, stats, optional SRTP protect, send) plus the generator's send and the
 * sink's receive, so ops/s is a lower bound on the worker's packet rate, and
 * {@code gc.alloc.rate.norm} (with {@code -prof gc}) is the allocation per relayed packet.
 *
 * <p>{@code mode=plain}: RTP to RTP. {@code mode=srtp}: leg B protects with AES_CM_128_HMAC_SHA1_80.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RelayWorkerBenchmark {

    static final int BURST = 32;

    @Param({"plain", "srtp"})
    public String mode;

    private RelayWorker worker;
    private DatagramChannel caller;
    private DatagramChannel callee;
    private final ByteBuffer[] packets = new ByteBuffer[BURST];
    private final ByteBuffer sink = ByteBuffer.allocateDirect(2048);
    private InetSocketAddress toA;
    private long lost;

    @Setup
    public void setUp() throws IOException {
        InetAddress relayA = InetAddress.getByName("127.0.0.20");
        InetAddress relayB = InetAddress.getByName("127.0.0.21");
        caller = open("127.0.0.10");
        callee = open("127.0.0.30");
        worker = new RelayWorker(0, RelayConfig.defaults(), (id, call, silent) -> { });
        worker.onStart();
        RelayLegSpec a = RelayLegSpec.of(relayA, 0, true, (InetSocketAddress) caller.getLocalAddress());
        RelayLegSpec b = RelayLegSpec.of(relayB, 0, true, (InetSocketAddress) callee.getLocalAddress());
        if ("srtp".equals(mode)) {
            byte[] key = new byte[16];
            byte[] salt = new byte[14];
            Arrays.fill(key, (byte) 3);
            b = b.withCrypto(null, new SrtpPacketCrypto(
                    new SrtpContext(SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80, key, salt)));
        }
        var f = worker.add(new RelayStreamSpec(1, "bench", a, b));
        worker.doWork();
        BoundPorts p = f.join();
        toA = new InetSocketAddress(relayA, p.aRtp());
        for (int i = 0; i < BURST; i++) {
            ByteBuffer bb = ByteBuffer.allocateDirect(172);
            bb.put(0, (byte) 0x80);
            bb.put(8, (byte) 0x0A);
            packets[i] = bb;
        }
    }

    private static DatagramChannel open(String ip) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.bind(new InetSocketAddress(InetAddress.getByName(ip), 0));
        ch.configureBlocking(false);
        return ch;
    }

    private int seq;
    private long ts;

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int relayBurst() throws IOException {
        for (int i = 0; i < BURST; i++) {
            ByteBuffer p = packets[i];
            seq++;
            ts += 160;
            p.putShort(2, (short) seq);
            p.putInt(4, (int) ts);
            p.clear();
            caller.send(p, toA);
        }
        int got = 0;
        int idle = 0;
        while (got < BURST && idle < 10_000) {
            int work = worker.doWork();
            sink.clear();
            while (callee.receive(sink) != null) {
                got++;
                sink.clear();
            }
            idle = work == 0 ? idle + 1 : 0;
        }
        lost += BURST - got;
        return got;
    }

    @TearDown
    public void tearDown() throws IOException {
        worker.onClose();
        caller.close();
        callee.close();
        if (lost > 0) {
            System.out.println("packets not delivered (kernel drops on a loaded box): " + lost);
        }
    }
}
