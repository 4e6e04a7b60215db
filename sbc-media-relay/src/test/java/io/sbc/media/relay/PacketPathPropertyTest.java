package io.sbc.media.relay;

import static io.sbc.media.relay.MemoryRelay.A_RELAY;
import static io.sbc.media.relay.MemoryRelay.B_RELAY;
import static io.sbc.media.relay.MemoryRelay.addr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.io.MemoryDatagramTransport.Endpoint;
import io.sbc.media.rtp.TestPackets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random traffic (valid RTP and RTCP, garbage, oversize datagrams, several sources, every
 * learning mode, muxed or not) never throws out of the duty cycle, and every packet a leg receives
 * is accounted exactly once: relayed to the other side or dropped with a reason.
 */
class PacketPathPropertyTest {

    @ParameterizedTest
    @ValueSource(longs = {1L, 2L, 3L, 1_234_567L, 20_261_121L})
    void everyReceivedPacketIsEitherRelayedOrDroppedWithAReason(long seed) {
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        MemoryRelay r = new MemoryRelay();
        EndpointLearning[] modes = EndpointLearning.values();
        boolean mux = rnd.nextBoolean();
        Endpoint[] sources = {
            r.peer("127.0.0.10", 5000), r.peer("127.0.0.10", 5001), r.peer("127.0.0.30", 6000),
            r.peer("127.0.0.30", 6001), r.peer("127.0.0.66", 7000), r.peer("10.0.0.5", 4000)};
        InetSocketAddress sdpA = rnd.nextBoolean() ? sources[0].address() : addr("10.0.0.5", 4000);
        RelayLegSpec a = RelayLegSpec.of(A_RELAY.getAddress(), A_RELAY.getPort(), mux, sdpA)
                .withLearning(modes[rnd.nextInt(modes.length)]).withStrictSource(rnd.nextBoolean());
        RelayLegSpec b = RelayLegSpec.of(B_RELAY.getAddress(), B_RELAY.getPort(), mux, sources[2].address())
                .withLearning(modes[rnd.nextInt(modes.length)]).withStrictSource(rnd.nextBoolean());
        r.run(r.worker.add(new RelayStreamSpec(1, "prop", a, b)));
        InetSocketAddress[] relayPorts = mux ? new InetSocketAddress[] {A_RELAY, B_RELAY}
                : new InetSocketAddress[] {A_RELAY, addr("127.0.0.20", 30_001), B_RELAY, addr("127.0.0.21", 30_003)};
        String setup = "seed " + seed + " mux=" + mux + " a=" + a.learning() + "/" + a.strictSource()
                + " b=" + b.learning() + "/" + b.strictSource();
        for (int i = 0; i < 3000; i++) {
            byte[] p = switch (rnd.nextInt(5)) {
                case 0, 1 -> TestPackets.rtp(rnd.nextBoolean() ? 0 : 101, rnd.nextInt(65_536), rnd.nextLong(1L << 32),
                        rnd.nextInt(3), rnd.nextInt(200));
                case 2 -> rnd.nextBoolean() ? TestPackets.receiverReport(1, 0, 0, 0, rnd.nextLong(1L << 32), 0)
                        : TestPackets.senderReport(1, rnd.nextLong(1L << 32), 0, 0, 1, 1, 0, 0, 0, 0, 0);
                case 3 -> {
                    byte[] g = new byte[rnd.nextInt(40)];
                    rnd.nextBytes(g);
                    yield g;
                }
                default -> new byte[2049 + rnd.nextInt(1000)];
            };
            if (p.length > 2048) {
                p[0] = (byte) 0x80;
            }
            Endpoint from = sources[rnd.nextInt(sources.length)];
            from.send(p, 0, p.length, relayPorts[rnd.nextInt(relayPorts.length)]);
            if (rnd.nextInt(10) == 0) {
                r.advance(Duration.ofMillis(rnd.nextInt(2000)));
            }
            try {
                r.cycle();
            } catch (RuntimeException e) {
                throw new AssertionError(setup + " packet " + i, e);
            }
            for (Endpoint e : sources) {
                while (e.receive(new byte[4096], 0, 4096) >= 0) {
                    // sink
                }
            }
        }
        StreamStats s = r.run(r.worker.query(1));
        assertAccounted(s.a(), s.b(), setup + " leg a");
        assertAccounted(s.b(), s.a(), setup + " leg b");
        assertTrue(s.a().rxPackets() + s.b().rxPackets() > 0, setup);
    }

    private static void assertAccounted(LegStats in, LegStats out, String what) {
        long dropped = 0;
        for (long d : in.drops()) {
            dropped += d;
        }
        assertEquals(in.rxPackets(), out.txPackets() + dropped, what + ": rx=" + in.rxPackets()
                + " relayed=" + out.txPackets() + " dropped=" + dropped);
    }
}
