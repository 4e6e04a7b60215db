package io.sbc.media.relay;

import static io.sbc.media.relay.UdpPeer.at;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.rtp.TestPackets;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay over real UDP sockets on loopback, with its worker threads running: endpoints on
 * 127.0.0.10 (caller) and 127.0.0.30 (callee), relay legs on 127.0.0.20 / 127.0.0.21 (ephemeral
 * ports, so parallel builds cannot collide).
 */
@Timeout(30)
class MediaRelayIT {

    private static final InetAddress RELAY_A = at("127.0.0.20", 0).getAddress();
    private static final InetAddress RELAY_B = at("127.0.0.21", 0).getAddress();

    private final CountDownLatch timedOut = new CountDownLatch(1);
    private final AtomicReference<String> timeoutCall = new AtomicReference<>();
    private MediaRelay relay;
    private final UdpPeer caller = new UdpPeer("127.0.0.10", 0);
    private final UdpPeer callee = new UdpPeer("127.0.0.30", 0);

    private void start(RelayConfig config) throws Exception {
        relay = MediaRelay.start(config, (id, callId, silent) -> {
            timeoutCall.set(callId + "/" + id);
            timedOut.countDown();
        });
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        caller.close();
        callee.close();
    }

    private BoundPorts add(long id, RelayLegSpec a, RelayLegSpec b) throws Exception {
        return relay.addStream(new RelayStreamSpec(id, "call-" + id, a, b)).get(5, TimeUnit.SECONDS);
    }

    private static RelayLegSpec leg(InetAddress local, InetSocketAddress sdp) {
        return RelayLegSpec.of(local, 0, false, sdp);
    }

    private StreamStats query(long id) throws Exception {
        return relay.queryStream(id).get(5, TimeUnit.SECONDS);
    }

    @Test
    void twoEndpointsExchangeRtpBothWaysWithContentAndCountsIntact() throws Exception {
        start(RelayConfig.defaults().withWorkers(2));
        BoundPorts p = add(1, leg(RELAY_A, caller.address), leg(RELAY_B, callee.address));
        InetSocketAddress toA = new InetSocketAddress(RELAY_A, p.aRtp());
        InetSocketAddress toB = new InetSocketAddress(RELAY_B, p.bRtp());
        for (int i = 0; i < 50; i++) {
            byte[] up = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            caller.send(up, toA);
            assertArrayEquals(up, callee.receive(2000), "caller->callee " + i);
            assertEquals(toB, callee.lastSource, "callee sees the relay's B leg as source");
            byte[] down = TestPackets.rtp(8, 1000 + i, i * 160L, 0xB, 160);
            callee.send(down, toB);
            assertArrayEquals(down, caller.receive(2000), "callee->caller " + i);
            assertEquals(toA, caller.lastSource);
        }
        StreamStats s = query(1);
        assertEquals(50, s.a().rxPackets());
        assertEquals(50, s.b().rxPackets());
        assertEquals(50, s.a().txPackets());
        assertEquals(50, s.b().txPackets());
        assertEquals(0, s.a().rtpLost());
        assertTrue(s.a().latched() && s.b().latched());
        RelayTotals t = relay.totals();
        assertEquals(100, t.txPackets());
        assertEquals(1, t.streamsActive());
    }

    @Test
    void natPeerAdvertisingAPrivateAddressGetsTwoWayAudioInTheDefaultMode() throws Exception {
        start(RelayConfig.defaults());
        try (UdpPeer nat = new UdpPeer("127.0.0.11", 40_000)) {
            RelayLegSpec a = leg(RELAY_A, at("10.0.0.5", 4000)).withSignalingSource(nat.address.getAddress());
            BoundPorts p = add(1, a, leg(RELAY_B, callee.address));
            InetSocketAddress toA = new InetSocketAddress(RELAY_A, p.aRtp());
            InetSocketAddress toB = new InetSocketAddress(RELAY_B, p.bRtp());
            // The callee talks first: the relay must hold it back rather than send to 10.0.0.5.
            for (int i = 0; i < 3; i++) {
                callee.send(TestPackets.rtp(0, i, i * 160L, 0xB, 160), toB);
            }
            awaitDrops(1, 3);
            for (int i = 0; i < 20; i++) {
                byte[] up = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
                nat.send(up, toA);
                assertArrayEquals(up, callee.receive(2000));
                byte[] down = TestPackets.rtp(0, 3 + i, (3 + i) * 160L, 0xB, 160);
                callee.send(down, toB);
                assertArrayEquals(down, nat.receive(2000));
            }
            StreamStats s = query(1);
            assertEquals(nat.address, s.a().peer());
            // Every packet the relay sent towards the NATed PBX arrived at the NAT address: none went
            // to the private SDP address.
            assertEquals(20, s.a().txPackets());
            assertEquals(3, s.b().drops(DropReason.NO_PEER));
            assertEquals(0, nat.drain());
        }
    }

    private void awaitDrops(long id, long n) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (query(id).b().drops(DropReason.NO_PEER) < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    @Test
    void strictSourceDropsAThirdSourceAndCountsIt() throws Exception {
        start(RelayConfig.defaults());
        BoundPorts p = add(1, leg(RELAY_A, caller.address), leg(RELAY_B, callee.address));
        InetSocketAddress toA = new InetSocketAddress(RELAY_A, p.aRtp());
        caller.send(TestPackets.rtp(0, 1, 160, 0xA, 160), toA);
        assertTrue(callee.receive(2000) != null);
        try (UdpPeer third = new UdpPeer("127.0.0.40", 0)) {
            for (int i = 0; i < 5; i++) {
                third.send(TestPackets.rtp(0, 2 + i, 320, 0xC, 160), toA);
            }
            caller.send(TestPackets.rtp(0, 9, 1440, 0xA, 160), toA);
            byte[] next = callee.receive(2000);
            assertEquals(9, io.sbc.media.rtp.RtpHeaderView.sequenceNumber(next, 0), "only the latched caller gets through");
            assertNull(callee.receive(100));
            assertEquals(5, query(1).a().drops(DropReason.SOURCE_MISMATCH));
        }
    }

    @Test
    void connectedPeersRelayBothWaysKeepAThirdSourceOutAndLearnAMovedPeerAgain() throws Exception {
        RelayConfig config = RelayConfig.defaults().withConnectPeers(true);
        // The native layer connects and the kernel drops the third source uncounted; the pure-Java
        // layer (-Dsbc.native.disable=true) does not connect and the strict check counts it.
        boolean connects = "native-epoll".equals(config.transport().name());
        start(config);
        BoundPorts p = add(1, leg(RELAY_A, caller.address), leg(RELAY_B, callee.address));
        InetSocketAddress toA = new InetSocketAddress(RELAY_A, p.aRtp());
        InetSocketAddress toB = new InetSocketAddress(RELAY_B, p.bRtp());
        for (int i = 0; i < 5; i++) {
            byte[] up = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            caller.send(up, toA);
            assertArrayEquals(up, callee.receive(2000), "caller->callee " + i);
            assertEquals(toB, callee.lastSource);
            byte[] down = TestPackets.rtp(0, 100 + i, i * 160L, 0xB, 160);
            callee.send(down, toB);
            assertArrayEquals(down, caller.receive(2000), "callee->caller " + i);
            assertEquals(toA, caller.lastSource);
        }
        try (UdpPeer third = new UdpPeer("127.0.0.40", 0)) {
            for (int i = 0; i < 5; i++) {
                third.send(TestPackets.rtp(0, 20 + i, 320, 0xC, 160), toA);
            }
            caller.send(TestPackets.rtp(0, 9, 1440, 0xA, 160), toA);
            assertEquals(9, io.sbc.media.rtp.RtpHeaderView.sequenceNumber(callee.receive(2000), 0),
                    "only the latched caller gets through");
            assertNull(callee.receive(100));
            assertEquals(connects ? 0 : 5, query(1).a().drops(DropReason.SOURCE_MISMATCH));
        }
        // A re-offer moves the caller: the relay must hear the new address again (no longer connected
        // to the old one) and send to it.
        try (UdpPeer moved = new UdpPeer("127.0.0.12", 0)) {
            relay.updateStream(new RelayStreamSpec(1, "call-1", leg(RELAY_A, moved.address),
                    leg(RELAY_B, callee.address))).get(5, TimeUnit.SECONDS);
            byte[] up = TestPackets.rtp(0, 30, 4800, 0xA, 160);
            moved.send(up, toA);
            assertArrayEquals(up, callee.receive(2000), "the moved caller is heard");
            byte[] down = TestPackets.rtp(0, 130, 4800, 0xB, 160);
            callee.send(down, toB);
            assertArrayEquals(down, moved.receive(2000), "the moved caller is sent to");
            assertNull(caller.receive(100), "nothing goes to the old address");
        }
    }

    @Test
    void telephoneEventsPassThroughUntouched() throws Exception {
        start(RelayConfig.defaults());
        BoundPorts p = add(1, leg(RELAY_A, caller.address), leg(RELAY_B, callee.address));
        InetSocketAddress toA = new InetSocketAddress(RELAY_A, p.aRtp());
        for (int i = 0; i < 8; i++) {
            byte[] ev = TestPackets.telephoneEvent(101, 500 + i, 16_000, 0xA, 9, i >= 5, 160 * (i + 1));
            caller.send(ev, toA);
            assertArrayEquals(ev, callee.receive(2000));
        }
        assertEquals(8, query(1).a().telephoneEvents());
    }

    @Test
    void mediaTimeoutIsReportedOnceWhenBothPeersGoSilent() throws Exception {
        start(RelayConfig.defaults().withMediaTimeout(Duration.ofMillis(300), Duration.ofMillis(50)));
        BoundPorts p = add(7, leg(RELAY_A, caller.address), leg(RELAY_B, callee.address));
        caller.send(TestPackets.rtp(0, 1, 160, 0xA, 160), new InetSocketAddress(RELAY_A, p.aRtp()));
        assertTrue(timedOut.await(10, TimeUnit.SECONDS));
        assertEquals("call-7/7", timeoutCall.get());
        assertTrue(query(7).mediaTimedOut());
        assertEquals(1, relay.totals().mediaTimeouts());
    }

    @Test
    void relaysOverIpv6Loopback() throws Exception {
        start(RelayConfig.defaults());
        InetAddress v6 = InetAddress.getByName("::1");
        try (UdpPeer a = UdpPeer.v6(); UdpPeer b = UdpPeer.v6()) {
            BoundPorts p = add(1, leg(v6, a.address), leg(v6, b.address));
            byte[] up = TestPackets.rtp(0, 1, 160, 0xA, 160);
            a.send(up, new InetSocketAddress(v6, p.aRtp()));
            assertArrayEquals(up, b.receive(2000));
            byte[] down = TestPackets.rtp(0, 1, 160, 0xB, 160);
            b.send(down, new InetSocketAddress(v6, p.bRtp()));
            assertArrayEquals(down, a.receive(2000));
        }
    }

    @Test
    void spinIdleStrategyRelaysToo() throws Exception {
        start(RelayConfig.defaults().withIdle("spin"));
        BoundPorts p = add(1, leg(RELAY_A, caller.address), leg(RELAY_B, callee.address));
        byte[] up = TestPackets.rtp(0, 1, 160, 0xA, 160);
        caller.send(up, new InetSocketAddress(RELAY_A, p.aRtp()));
        assertArrayEquals(up, callee.receive(2000));
    }

    @Test
    void blockIdleStrategyWakesOnEachPacketAfterIdleSpellsAndStillTakesCommands() throws Exception {
        start(RelayConfig.defaults().withIdle("block"));
        BoundPorts p = add(1, leg(RELAY_A, caller.address), leg(RELAY_B, callee.address));
        InetSocketAddress toA = new InetSocketAddress(RELAY_A, p.aRtp());
        for (int i = 0; i < 5; i++) {
            // Each packet follows an idle spell long enough for the worker to be asleep in its wait.
            Thread.sleep(20);
            byte[] up = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            caller.send(up, toA);
            assertArrayEquals(up, callee.receive(2000));
        }
        assertEquals(5, query(1).b().txPackets(), "a control command reaches a waiting worker");
    }
}
