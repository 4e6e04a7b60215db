package io.sbc.media.relay;

import static io.sbc.media.relay.UdpPeer.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.rtp.TestPackets;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Allocation and bounded memory of the relay over real loopback sockets. The worker is driven by
 * {@code doWork()} on the test thread, and the test's own endpoints send and receive with reused
 * direct buffers (allocation-free, as the relay's), so the thread's allocated bytes measure the whole
 * packet path: selector poll, receive, latch, stats, send.
 */
@Timeout(60)
class RelayLoadIT {

    private static final InetAddress RELAY_A = at("127.0.0.20", 0).getAddress();
    private static final InetAddress RELAY_B = at("127.0.0.21", 0).getAddress();
    private static final int BURST = 16;

    private final UdpPeer caller = new UdpPeer("127.0.0.10", 0);
    private final UdpPeer callee = new UdpPeer("127.0.0.30", 0);
    private RelayWorker worker;
    private InetSocketAddress toA;
    private InetSocketAddress toB;
    private byte[][] up;
    private byte[][] down;

    private void setUp(boolean withRtcp) throws Exception {
        worker = new RelayWorker(0, RelayConfig.defaults(), (id, callId, silent) -> { });
        worker.onStart();
        RelayLegSpec a = RelayLegSpec.of(RELAY_A, 0, true, caller.address);
        RelayLegSpec b = RelayLegSpec.of(RELAY_B, 0, true, callee.address);
        var f = worker.add(new RelayStreamSpec(1, "load", a, b));
        worker.doWork();
        BoundPorts p = f.join();
        toA = new InetSocketAddress(RELAY_A, p.aRtp());
        toB = new InetSocketAddress(RELAY_B, p.bRtp());
        up = new byte[256][];
        down = new byte[256][];
        for (int i = 0; i < 256; i++) {
            boolean rtcp = withRtcp && i % 50 == 49;
            up[i] = rtcp ? TestPackets.senderReport(0xA, i, i, i, i, i, 0, 0, 0, 0, 0) : TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            down[i] = rtcp ? TestPackets.receiverReport(0xB, 0, 0, 5, i, 0) : TestPackets.rtp(0, i, i * 160L, 0xB, 160);
        }
    }

    @AfterEach
    void tearDown() {
        if (worker != null) {
            worker.onClose();
        }
        caller.close();
        callee.close();
    }

    /** Relays {@code rounds} bursts each way; returns packets delivered to the endpoints. */
    private long pump(int rounds) {
        long delivered = 0;
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < BURST; i++) {
                int k = (r * BURST + i) & 255;
                caller.send(up[k], toA);
                callee.send(down[k], toB);
            }
            int spins = 0;
            long got = 0;
            while (got < 2 * BURST && spins++ < 1000) {
                worker.doWork();
                int n;
                while ((n = caller.receiveNow()) >= 0) {
                    got++;
                }
                while ((n = callee.receiveNow()) >= 0) {
                    got++;
                }
            }
            delivered += got;
        }
        return delivered;
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void relayingTenThousandPacketsOverRealSocketsAllocatesNothingPerPacket() throws Exception {
        setUp(false);
        pump(1000); // warm-up: JIT and the JDK's cached sender addresses
        long before = allocatedBytes();
        long delivered = pump(10_000 / (2 * BURST) + 1);
        long bytes = allocatedBytes() - before;
        System.out.printf("real sockets: %d B allocated while relaying %d packets%n", bytes, delivered);
        assertTrue(delivered >= 10_000, "delivered " + delivered);
        assertTrue(bytes < 8192, "allocated " + bytes + " B for " + delivered + " packets");
    }

    @Test
    void heapStaysFlatOverALongHighRateCallWithRtcp() throws Exception {
        setUp(true);
        pump(1000);
        long early = usedHeapAfterGc();
        long delivered = pump(200_000 / (2 * BURST));
        long late = usedHeapAfterGc();
        var q = worker.query(1);
        worker.doWork();
        StreamStats s = q.join();
        System.out.printf("heap after GC: %d B early, %d B after %d more packets (%d SRs, %d RRs)%n",
                early, late, delivered, s.a().senderReports(), s.b().receiverReports());
        assertTrue(delivered >= 190_000, "delivered " + delivered);
        assertTrue(s.a().senderReports() > 1000);
        assertTrue(late - early < 1_000_000, "heap grew by " + (late - early) + " B");
        assertEquals(0, s.a().drops(DropReason.SOURCE_MISMATCH));
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
