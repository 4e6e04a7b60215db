package io.sbc.media.relay;

import static io.sbc.media.relay.UdpPeer.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sbc.media.io.DatagramTransports;
import io.sbc.media.io.NioDatagramTransport;
import io.sbc.media.rtp.TestPackets;
import io.sbc.nativeio.CpuAffinity;
import io.sbc.nativeio.NativeLibrary;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The relay over real loopback sockets with and without libsbcnative.so (kernel receive timestamps
 * and CPU pinning on; then the pure-Java fallbacks), as MediaRelayIT runs it. Addresses 127.0.0.50–53.
 * Failsafe runs this class twice: in the default execution (library loaded: both parameters run)
 * and in {@code relay-without-native} with {@code -Dsbc.native.disable=true} (native=true cases are
 * skipped, native=false checks the fallbacks: start-up line, unpinned workers).
 */
@Timeout(30)
class NativeRelayIT {

    private static final InetAddress RELAY_A = at("127.0.0.51", 0).getAddress();
    private static final InetAddress RELAY_B = at("127.0.0.52", 0).getAddress();

    private MediaRelay relay;
    private final UdpPeer caller = new UdpPeer("127.0.0.50", 0);
    private final UdpPeer callee = new UdpPeer("127.0.0.53", 0);

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        caller.close();
        callee.close();
    }

    private RelayConfig config(boolean useNative) {
        if (useNative) {
            assumeTrue(NativeLibrary.isAvailable(), NativeLibrary.describe());
        }
        return RelayConfig.defaults().withTransport(DatagramTransports.select(useNative,
                NioDatagramTransport.DEFAULT_SOCKET_BUFFER_BYTES));
    }

    private BoundPorts add(long id) throws Exception {
        return relay.addStream(new RelayStreamSpec(id, "call-" + id, RelayLegSpec.of(RELAY_A, 0, false, caller.address),
                RelayLegSpec.of(RELAY_B, 0, false, callee.address))).get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void relaysPacedRtpBothWaysWithSmallJitter(boolean useNative) throws Exception {
        RelayConfig c = config(useNative);
        assertEquals(useNative ? "native-epoll" : "nio", c.transport().name());
        if (!NativeLibrary.isAvailable()) {
            // The run with -Dsbc.native.disable=true (failsafe execution relay-without-native).
            assertTrue(DatagramTransports.describe(c.transport()).startsWith("native library not in use ("),
                    DatagramTransports.describe(c.transport()));
            assertEquals("nio", RelayConfig.defaults().transport().name(), "defaults fall back to pure Java");
        }
        relay = MediaRelay.start(c, (id, callId, silent) -> { });
        BoundPorts p = add(1);
        InetSocketAddress toA = new InetSocketAddress(RELAY_A, p.aRtp());
        InetSocketAddress toB = new InetSocketAddress(RELAY_B, p.bRtp());
        long next = System.nanoTime();
        for (int i = 0; i < 25; i++) {
            byte[] up = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            caller.send(up, toA);
            assertArrayEquals(up, callee.receive(2000), "caller->callee " + i);
            assertEquals(toB, callee.lastSource);
            byte[] down = TestPackets.rtp(0, 500 + i, i * 160L, 0xB, 160);
            callee.send(down, toB);
            assertArrayEquals(down, caller.receive(2000), "callee->caller " + i);
            next += 20_000_000L; // 20 ms G.711 pacing, so jitter has a true value of about 0
            LockSupport.parkNanos(next - System.nanoTime());
        }
        StreamStats s = relay.queryStream(1).get(5, TimeUnit.SECONDS);
        assertEquals(25, s.a().rtpReceived());
        assertEquals(25, s.b().txPackets());
        assertEquals(caller.address, s.a().peer(), "source learned from the native receive path");
        // Bound loose: the machine is shared; a broken arrival clock gives hundreds or thousands of ms.
        assertTrue(s.a().jitterMs() < 30, "jitter " + s.a().jitterMs());
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void relaysOverIpv6Loopback(boolean useNative) throws Exception {
        relay = MediaRelay.start(config(useNative), (id, callId, silent) -> { });
        InetAddress v6 = InetAddress.getByName("::1");
        try (UdpPeer a = UdpPeer.v6(); UdpPeer b = UdpPeer.v6()) {
            BoundPorts p = relay.addStream(new RelayStreamSpec(2, "v6", RelayLegSpec.of(v6, 0, false, a.address),
                    RelayLegSpec.of(v6, 0, false, b.address))).get(5, TimeUnit.SECONDS);
            byte[] up = TestPackets.rtp(0, 1, 160, 0xA, 160);
            a.send(up, new InetSocketAddress(v6, p.aRtp()));
            assertArrayEquals(up, b.receive(2000));
            byte[] down = TestPackets.rtp(0, 1, 160, 0xB, 160);
            b.send(down, new InetSocketAddress(v6, p.bRtp()));
            assertArrayEquals(down, a.receive(2000));
            assertEquals(a.address, relay.queryStream(2).get(5, TimeUnit.SECONDS).a().peer());
        }
    }

    @ParameterizedTest(name = "native={0}")
    @ValueSource(booleans = {true, false})
    void workersArePinnedWhenTheLibraryIsThereAndRunUnpinnedOtherwise(boolean useNative) throws Exception {
        long allowed = CpuAffinity.currentThreadMask();
        int cpu = allowed > 0 ? Long.numberOfTrailingZeros(allowed) : 0;
        RelayConfig c = config(useNative).withWorkers(2).withWorkerCpus(List.of(cpu));
        relay = MediaRelay.start(c, (id, callId, silent) -> { });
        BoundPorts p = add(3);
        byte[] up = TestPackets.rtp(0, 1, 160, 0xA, 160);
        caller.send(up, new InetSocketAddress(RELAY_A, p.aRtp()));
        assertArrayEquals(up, callee.receive(2000), "relays either way");
        int[] pinned = relay.pinnedCpus();
        // The worker threads pin themselves in onStart; both have started once a stream was added
        // to one of them, and the other's start is awaited briefly.
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (useNative && (pinned[0] < 0 || pinned[1] < 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            pinned = relay.pinnedCpus();
        }
        if (useNative) {
            assertArrayEquals(new int[] {cpu, cpu}, pinned);
        } else if (!NativeLibrary.isAvailable()) {
            assertArrayEquals(new int[] {-1, -1}, pinned);
        }
    }
}
