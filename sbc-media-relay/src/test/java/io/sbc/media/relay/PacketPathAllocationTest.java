package io.sbc.media.relay;

import static io.sbc.media.relay.MemoryRelay.A_RELAY;
import static io.sbc.media.relay.MemoryRelay.B_RELAY;
import static io.sbc.media.relay.MemoryRelay.legA;
import static io.sbc.media.relay.MemoryRelay.legB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.io.MemoryDatagramTransport.Endpoint;
import io.sbc.media.rtp.TestPackets;
import io.sbc.media.srtp.SrtpContext;
import io.sbc.media.srtp.SrtpCryptoSuite;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The worker's duty cycle and packet path allocate nothing per packet (style rule: checked with the
 * thread's allocated bytes over 10k packets). Runs on the in-memory network, whose delivery is
 * itself allocation-free, so every byte counted is the relay's. The real-socket check is
 * {@code RelayAllocationIT}.
 */
class PacketPathAllocationTest {

    private static final int PACKETS = 10_000;

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long bytesPerRun(MemoryRelay r, Endpoint a, Endpoint b, byte[][] up, byte[][] down) {
        byte[] sink = new byte[2048];
        long before = allocatedBytes();
        for (int i = 0; i < PACKETS; i++) {
            byte[] p = up[i & 63];
            a.send(p, 0, p.length, A_RELAY);
            byte[] q = down[i & 63];
            b.send(q, 0, q.length, B_RELAY);
            r.clock.advance(10_000_000L);
            r.cycle();
            a.receive(sink, 0, sink.length);
            b.receive(sink, 0, sink.length);
        }
        return allocatedBytes() - before;
    }

    private static byte[][] packets(int ssrc, boolean withRtcp) {
        byte[][] p = new byte[64][];
        for (int i = 0; i < 64; i++) {
            p[i] = withRtcp && i == 63 ? TestPackets.senderReport(ssrc, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0)
                    : TestPackets.rtp(i % 8 == 0 ? 101 : 0, i, i * 160L, ssrc, 160);
        }
        return p;
    }

    @Test
    void plainRtpRelayAllocatesNothingPerPacket() {
        MemoryRelay r = new MemoryRelay(RelayConfig.defaults().withMediaTimeout(Duration.ofSeconds(60), Duration.ofMillis(100)));
        Endpoint a = r.peer("127.0.0.10", 5000);
        Endpoint b = r.peer("127.0.0.30", 6000);
        RelayLegSpec muxA = RelayLegSpec.of(A_RELAY.getAddress(), A_RELAY.getPort(), true, a.address());
        RelayLegSpec muxB = RelayLegSpec.of(B_RELAY.getAddress(), B_RELAY.getPort(), true, b.address());
        r.run(r.worker.add(new RelayStreamSpec(1, "c", muxA, muxB)));
        r.net.recordTargets(false);
        byte[][] up = packets(0xA, true);
        byte[][] down = packets(0xB, true);
        bytesPerRun(r, a, b, up, down); // warm-up: JIT, lazily created JDK state
        long bytes = bytesPerRun(r, a, b, up, down);
        System.out.printf("plain RTP relay: %d B allocated over %d packets%n", bytes, 2 * PACKETS);
        assertEquals(2L * PACKETS * 2, r.worker.totals().txPackets());
        // A few hundred bytes in total (measured 816 B: the MXBean probe itself), i.e. 0 B/packet.
        assertTrue(bytes < 4096, "allocated " + bytes + " B over " + 2 * PACKETS + " packets");
    }

    @Test
    void rtpToSrtpRelayAllocatesNothingPerPacket() {
        MemoryRelay r = new MemoryRelay();
        Endpoint a = r.peer("127.0.0.10", 5000);
        Endpoint b = r.peer("127.0.0.30", 6000);
        byte[] key = new byte[16];
        byte[] salt = new byte[14];
        Arrays.fill(key, (byte) 7);
        SrtpCryptoSuite suite = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        // leg B sends SRTP to its peer; the peer's answers are plain here, so inbound stays null
        RelayLegSpec srtpB = legB(b.address()).withCrypto(null, new SrtpPacketCrypto(new SrtpContext(suite, key, salt)));
        r.run(r.worker.add(new RelayStreamSpec(1, "c", legA(a.address()), srtpB)));
        r.net.recordTargets(false);
        byte[][] up = packets(0xA, false);
        byte[][] down = packets(0xB, false);
        bytesPerRun(r, a, b, up, down);
        long bytes = bytesPerRun(r, a, b, up, down);
        System.out.printf("RTP->SRTP relay: %d B allocated over %d packets (%d protected)%n", bytes, 2 * PACKETS, PACKETS);
        // The srtp package's AES-CM/HMAC and AES-GCM contexts are allocation-free too (SrtpAllocationTest).
        assertTrue(bytes < 4096, "allocated " + bytes + " B over " + PACKETS + " protected packets");
    }
}
