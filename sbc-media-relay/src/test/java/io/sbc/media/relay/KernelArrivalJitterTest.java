package io.sbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.io.MemoryDatagramTransport;
import io.sbc.media.rtp.TestPackets;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/**
 * The relay's jitter (RFC 3550 A.8) from kernel arrival stamps: when the socket layer reports when
 * each datagram arrived, jitter reflects the network's pacing even if the worker drains packets in
 * bursts; without stamps, the worker's per-cycle clock is used.
 */
class KernelArrivalJitterTest {

    private static final long MS = 1_000_000L;

    private final MemoryRelay relay = new MemoryRelay();
    private final MemoryDatagramTransport.Endpoint caller = relay.peer("127.0.0.10", 4000);
    private final MemoryDatagramTransport.Endpoint callee = relay.peer("127.0.0.30", 5000);
    private final InetSocketAddress toA = MemoryRelay.A_RELAY;

    private void setUp() {
        relay.run(relay.worker.add(new RelayStreamSpec(1, "c", MemoryRelay.legA(caller.address()),
                MemoryRelay.legB(callee.address()))));
    }

    private double jitterMs() {
        return relay.run(relay.worker.query(1)).a().jitterMs();
    }

    @Test
    void perfectlyPacedKernelStampsGiveZeroJitterEvenWhenDrainedInOneBurst() {
        setUp();
        long base = relay.clock.nanoTime();
        // Twenty packets, 20 ms apart on the wire, all read in one duty cycle 400 ms later.
        MemoryDatagramTransport.Endpoint rx = relayEndpointA();
        for (int i = 0; i < 20; i++) {
            rx.stampNextArrival = base + i * 20 * MS;
            byte[] p = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            caller.send(p, 0, p.length, toA);
        }
        relay.advance(java.time.Duration.ofMillis(400));
        relay.cycle();
        assertEquals(20, relay.run(relay.worker.query(1)).a().rtpReceived());
        assertEquals(0.0, jitterMs(), "paced on the wire: no jitter, however late the worker read them");
    }

    @Test
    void withoutStampsABurstReadLooksLikeJitterOfThePacketSpacing() {
        setUp();
        for (int i = 0; i < 20; i++) {
            byte[] p = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            caller.send(p, 0, p.length, toA);
        }
        relay.advance(java.time.Duration.ofMillis(400));
        relay.cycle();
        // Every packet gets the same cycle time while timestamps advance by 20 ms: |D| = 20 ms each,
        // and J converges towards 20 ms (J += (|D| - J)/16 over 19 steps: 20 * (1 - (15/16)^19) ≈ 14.1).
        double j = jitterMs();
        assertTrue(j > 13.5 && j < 15.5, "jitter " + j);
    }

    @Test
    void knownStampVariationGivesTheRfc3550JitterValue() {
        setUp();
        long base = relay.clock.nanoTime();
        MemoryDatagramTransport.Endpoint rx = relayEndpointA();
        // Alternating +0 / +10 ms lateness: |D| = 10 ms = 80 timestamp units for every packet after the
        // first, so J_n = 80 * (1 - (15/16)^(n-1)) in units of 1/8000 s; the integer form of A.8 is
        // within one unit of that.
        int n = 40;
        for (int i = 0; i < n; i++) {
            rx.stampNextArrival = base + i * 20 * MS + (i % 2 == 1 ? 10 * MS : 0);
            byte[] p = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            caller.send(p, 0, p.length, toA);
            relay.cycle();
        }
        double expectedUnits = 80 * (1 - Math.pow(15.0 / 16, n - 1));
        double expectedMs = expectedUnits / 8.0;
        double j = jitterMs();
        assertTrue(Math.abs(j - expectedMs) <= 0.25, "jitter " + j + " ms, expected about " + expectedMs);
    }

    private MemoryDatagramTransport.Endpoint relayEndpointA() {
        return relay.net.endpointAt(toA);
    }
}
