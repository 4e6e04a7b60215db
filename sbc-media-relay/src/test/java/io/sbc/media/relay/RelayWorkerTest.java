package io.sbc.media.relay;

import static io.sbc.media.relay.MemoryRelay.A_RELAY;
import static io.sbc.media.relay.MemoryRelay.B_RELAY;
import static io.sbc.media.relay.MemoryRelay.addr;
import static io.sbc.media.relay.MemoryRelay.legA;
import static io.sbc.media.relay.MemoryRelay.legB;
import static io.sbc.media.relay.MemoryRelay.receive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.io.MemoryDatagramTransport.Endpoint;
import io.sbc.media.rtp.TestPackets;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RelayWorkerTest {

    private final MemoryRelay r = new MemoryRelay();
    private final Endpoint peerA = r.peer("127.0.0.10", 5000);
    private final Endpoint peerB = r.peer("127.0.0.30", 6000);

    private BoundPorts addPlain() {
        return r.run(r.worker.add(new RelayStreamSpec(1, "call-1", legA(peerA.address()), legB(peerB.address()))));
    }

    @Test
    void aCycleThatOnlyAppliesControlCommandsReportsNoWorkToTheIdleStrategy() {
        var added = r.worker.add(new RelayStreamSpec(1, "call-1", legA(peerA.address()), legB(peerB.address())));
        assertEquals(0, r.cycle(), "a command says nothing about media: hybrid must not spin after it");
        assertTrue(added.isDone(), "the command was applied in that cycle");
        byte[] rtp = TestPackets.rtp(0, 1, 160L, 0xA, 160);
        peerA.send(rtp, 0, rtp.length, A_RELAY);
        assertEquals(1, r.cycle(), "a relayed datagram is work");
    }

    @Test
    void relaysRtpBothWaysWithContentIntactAndCountsIt() {
        BoundPorts ports = addPlain();
        assertEquals(new BoundPorts(1, 30_000, 30_001, 30_002, 30_003), ports);
        for (int i = 0; i < 10; i++) {
            byte[] a = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            r.send(peerA, a, A_RELAY);
            assertArrayEquals(a, receive(peerB));
            byte[] b = TestPackets.rtp(8, 100 + i, i * 160L, 0xB, 160);
            r.send(peerB, b, B_RELAY);
            assertArrayEquals(b, receive(peerA));
        }
        StreamStats s = r.run(r.worker.query(1));
        assertEquals(10, s.a().rxPackets());
        assertEquals(10 * 172, s.a().rxBytes());
        assertEquals(10, s.b().txPackets());
        assertEquals(10, s.a().txPackets());
        assertEquals(10, s.a().rtpExpected());
        assertEquals(0, s.a().rtpLost());
        assertTrue(s.a().mos() > 4.0);
        assertEquals(peerA.address(), s.a().peer());
    }

    @Test
    void countsSequenceGapsAsLoss() {
        addPlain();
        for (int i = 0; i < 100; i++) {
            if (i % 10 != 3) {
                r.send(peerA, TestPackets.rtp(0, i, i * 160L, 0xA, 160), A_RELAY);
            }
        }
        LegStats a = r.run(r.worker.query(1)).a();
        assertEquals(100, a.rtpExpected());
        assertEquals(10, a.rtpLost());
        assertTrue(a.mos() < MosEstimatorReference.NO_LOSS_MOS);
    }

    @Test
    void totalsPublishTheActiveStreamsLossAtTheNextTimeoutScanAndDropItWithTheStream() {
        addPlain();
        for (int i = 0; i < 100; i++) {
            if (i % 20 != 7) {
                r.send(peerA, TestPackets.rtp(0, i, i * 160L, 0xA, 160), A_RELAY);
            }
        }
        for (int i = 0; i < 100; i++) {
            r.send(peerB, TestPackets.rtp(0, 500 + i, i * 160L, 0xB, 160), B_RELAY);
        }
        r.advance(Duration.ofSeconds(2)); // past the check interval: the scan sums the streams
        r.cycle();
        RelayTotals t = r.worker.totals();
        assertEquals(200, t.activeRtpExpected());
        assertEquals(5, t.activeRtpLost());
        assertEquals(0.025, t.activeLossRatio(), 1e-9);

        r.run(r.worker.remove(1));
        r.advance(Duration.ofSeconds(2));
        r.cycle();
        assertEquals(0, r.worker.totals().activeLossRatio(), "an ended stream leaves the gauge");
    }

    @Test
    void dropsRtpFromUnlatchedSourceAndCountsIt() {
        addPlain();
        r.send(peerA, TestPackets.rtp(0, 1, 160, 0xA, 160), A_RELAY); // exact SDP match latches at once
        Endpoint intruder = r.peer("127.0.0.99", 7000);
        r.send(intruder, TestPackets.rtp(0, 2, 320, 0xC, 160), A_RELAY);
        r.send(intruder, TestPackets.rtp(0, 3, 480, 0xC, 160), A_RELAY);
        assertEquals(1, peerB.pending());
        LegStats a = r.run(r.worker.query(1)).a();
        assertEquals(2, a.drops(DropReason.SOURCE_MISMATCH));
        assertTrue(a.latched());
        assertEquals(peerA.address(), a.peer());
    }

    @Test
    void natPeerWithPrivateSdpAddressGetsTwoWayAudioAndNothingGoesToThePrivateAddress() {
        InetSocketAddress privateSdp = addr("10.0.0.5", 4000);
        Endpoint nat = r.peer("127.0.0.11", 40_000);
        RelayLegSpec a = legA(privateSdp).withSignalingSource(addr("127.0.0.11", 5060).getAddress());
        r.run(r.worker.add(new RelayStreamSpec(1, "call-nat", a, legB(peerB.address()))));

        // B talks first: nowhere to send yet, so it is held back (counted), never sent to 10.0.0.5.
        r.send(peerB, TestPackets.rtp(0, 1, 160, 0xB, 160), B_RELAY);
        assertEquals(1, r.run(r.worker.query(1)).b().drops(DropReason.NO_PEER));

        for (int i = 0; i < 5; i++) {
            byte[] up = TestPackets.rtp(0, i, i * 160L, 0xA, 160);
            r.send(nat, up, A_RELAY);
            assertArrayEquals(up, receive(peerB));
            byte[] down = TestPackets.rtp(0, 2 + i, (2 + i) * 160L, 0xB, 160);
            r.send(peerB, down, B_RELAY);
            assertArrayEquals(down, receive(nat));
        }
        assertFalse(r.net.sendTargets().stream().anyMatch(t -> t.getAddress().equals(privateSdp.getAddress())),
                "sent to the private SDP address: " + r.net.sendTargets());
        assertEquals(nat.address(), r.run(r.worker.query(1)).a().peer());
    }

    @Test
    void privateSdpAddressIsUsedWhenTrustedOrEqualToSignalingSource() {
        InetSocketAddress lan = addr("192.168.1.20", 4000);
        assertNull(PeerLatch.initialTarget(lan, null, false));
        assertNull(PeerLatch.initialTarget(lan, addr("203.0.113.7", 0).getAddress(), false));
        assertEquals(lan, PeerLatch.initialTarget(lan, lan.getAddress(), false));
        assertEquals(lan, PeerLatch.initialTarget(lan, null, true));
        InetSocketAddress pub = addr("198.51.100.7", 4000);
        assertEquals(pub, PeerLatch.initialTarget(pub, null, false));
        assertNull(PeerLatch.initialTarget(addr("0.0.0.0", 4000), null, true)); // hold
        assertTrue(PeerLatch.isPrivate(addr("100.64.1.1", 0).getAddress()));
        assertTrue(PeerLatch.isPrivate(addr("172.31.255.1", 0).getAddress()));
        assertFalse(PeerLatch.isPrivate(addr("172.32.0.1", 0).getAddress()));
        assertTrue(PeerLatch.isPrivate(addr("fd00::1", 0).getAddress()));
    }

    @Test
    void delayedLearningFollowsTheSourceUntilTheWindowEndsThenLatches() {
        addPlain();
        Endpoint first = r.peer("127.0.0.12", 41_000);
        Endpoint second = r.peer("127.0.0.13", 42_000);
        r.send(first, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        r.send(second, TestPackets.rtp(0, 2, 320, 0xA, 20), A_RELAY);
        assertFalse(r.run(r.worker.query(1)).a().latched());
        r.advance(Duration.ofSeconds(3));
        r.send(second, TestPackets.rtp(0, 3, 480, 0xA, 20), A_RELAY);
        LegStats a = r.run(r.worker.query(1)).a();
        assertTrue(a.latched());
        assertEquals(second.address(), a.peer());
        r.send(first, TestPackets.rtp(0, 4, 640, 0xA, 20), A_RELAY);
        assertEquals(1, r.run(r.worker.query(1)).a().drops(DropReason.SOURCE_MISMATCH));
    }

    @Test
    void heuristicPrefersTheSdpAddressOverOtherSources() {
        RelayLegSpec a = legA(addr("127.0.0.10", 5002)).withLearning(EndpointLearning.HEURISTIC);
        r.run(r.worker.add(new RelayStreamSpec(1, "c", a, legB(peerB.address()))));
        Endpoint other = r.peer("127.0.0.14", 43_000);
        r.send(other, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        r.send(peerA, TestPackets.rtp(0, 2, 320, 0xA, 20), A_RELAY); // same address, other port: rank 1
        r.send(other, TestPackets.rtp(0, 3, 480, 0xA, 20), A_RELAY); // rank 2 does not displace rank 1
        r.advance(Duration.ofSeconds(4));
        r.send(other, TestPackets.rtp(0, 4, 640, 0xA, 20), A_RELAY);
        LegStats s = r.run(r.worker.query(1)).a();
        assertTrue(s.latched());
        assertEquals(peerA.address(), s.peer());
    }

    @Test
    void immediateLearningLatchesToTheFirstSource() {
        RelayLegSpec a = legA(addr("198.51.100.1", 9)).withLearning(EndpointLearning.IMMEDIATE);
        r.run(r.worker.add(new RelayStreamSpec(1, "c", a, legB(peerB.address()))));
        Endpoint other = r.peer("127.0.0.14", 43_000);
        r.send(other, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        LegStats s = r.run(r.worker.query(1)).a();
        assertTrue(s.latched());
        assertEquals(other.address(), s.peer());
    }

    @Test
    void learningOffSendsToTheSdpAddressOnlyAndDropsOthersWhenStrict() {
        RelayLegSpec a = legA(peerA.address()).withLearning(EndpointLearning.OFF);
        r.run(r.worker.add(new RelayStreamSpec(1, "c", a, legB(peerB.address()))));
        Endpoint other = r.peer("127.0.0.14", 43_000);
        r.send(other, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        r.send(peerB, TestPackets.rtp(0, 1, 160, 0xB, 20), B_RELAY);
        assertEquals(1, peerA.pending());
        assertEquals(0, other.pending());
        assertEquals(1, r.run(r.worker.query(1)).a().drops(DropReason.SOURCE_MISMATCH));
    }

    @Test
    void demuxesRtcpOnAMuxedPortByPayloadTypeAndComputesRoundTrip() {
        RelayLegSpec a = RelayLegSpec.of(A_RELAY.getAddress(), A_RELAY.getPort(), true, peerA.address());
        RelayLegSpec b = RelayLegSpec.of(B_RELAY.getAddress(), B_RELAY.getPort(), true, peerB.address());
        assertEquals(new BoundPorts(1, 30_000, 30_000, 30_002, 30_002),
                r.run(r.worker.add(new RelayStreamSpec(1, "c", a, b))));
        byte[] sr = TestPackets.senderReport(0xA, 0x1111_2222L, 0x3333_4444L, 0, 50, 8000, 0, 0, 0, 0, 0);
        r.send(peerA, sr, A_RELAY);
        assertArrayEquals(sr, receive(peerB));
        r.advance(Duration.ofMillis(30));
        byte[] rr = TestPackets.receiverReport(0xB, 25, 3, 16, 0x2222_3333L, 0); // DLSR 0
        r.send(peerB, rr, B_RELAY);
        assertArrayEquals(rr, receive(peerA));
        StreamStats s = r.run(r.worker.query(1));
        assertEquals(1, s.a().senderReports());
        assertEquals(1, s.b().receiverReports());
        assertEquals(25, s.b().peerFractionLost());
        assertEquals(30.0, s.b().rttMs(), 0.001);
        assertEquals(2.0, s.b().peerJitterMs(), 0.001);
        assertEquals(0, s.a().rtpExpected(), "RTCP must not be counted as RTP");
    }

    @Test
    void rtcpOnItsOwnPortGoesToThePeersRtcpPort() {
        addPlain();
        Endpoint peerBRtcp = r.peer("127.0.0.30", 6001);
        byte[] rr = TestPackets.receiverReport(0xA, 0, 0, 0, 0, 0);
        r.send(r.peer("127.0.0.10", 5001), rr, addr("127.0.0.20", 30_001));
        assertArrayEquals(rr, receive(peerBRtcp));
    }

    @Test
    void telephoneEventsPassThroughUntouched() {
        addPlain();
        for (int i = 0; i < 6; i++) {
            byte[] ev = TestPackets.telephoneEvent(101, 10 + i, 8000, 0xA, 5, i == 5, 160 * (i + 1));
            r.send(peerA, ev, A_RELAY);
            assertArrayEquals(ev, receive(peerB));
        }
        LegStats a = r.run(r.worker.query(1)).a();
        assertEquals(6, a.telephoneEvents());
        assertEquals(0, a.rtpLost());
        assertEquals(0.0, a.jitterMs());
    }

    @Test
    void dropsMalformedAndOversizePacketsAndCountsThem() {
        addPlain();
        r.send(peerA, new byte[] {0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, A_RELAY); // version 1
        r.send(peerA, new byte[] {(byte) 0x80, 0, 0}, A_RELAY);
        r.send(peerA, new byte[] {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0}, A_RELAY); // 9 bytes, RTP PT 0
        byte[] jumbo = TestPackets.rtp(0, 1, 160, 0xA, 3000); // over the 2048-byte bound
        r.send(peerA, jumbo, A_RELAY);
        assertEquals(0, peerB.pending());
        assertEquals(4, r.run(r.worker.query(1)).a().drops(DropReason.MALFORMED));
    }

    @Test
    void reportsMediaTimeoutOnceAfterSilenceInBothDirections() {
        addPlain();
        r.advance(Duration.ofSeconds(50));
        r.send(peerA, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        r.advance(Duration.ofSeconds(59));
        r.cycle();
        assertTrue(r.timeouts.isEmpty());
        r.advance(Duration.ofSeconds(2));
        r.cycle();
        r.advance(Duration.ofSeconds(2));
        r.cycle();
        assertEquals(java.util.List.of("call-1/1"), r.timeouts);
        assertTrue(r.run(r.worker.query(1)).mediaTimedOut());
        assertEquals(1, r.worker.totals().mediaTimeouts());
    }

    @Test
    void reofferWithSamePortsKeepsLatchAndStatsAndHoldDoesNotUnlatch() {
        RelayStreamSpec spec = new RelayStreamSpec(1, "c", legA(peerA.address()), legB(peerB.address()));
        r.run(r.worker.add(spec));
        r.send(peerA, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        r.run(r.worker.update(spec));
        RelayStreamSpec hold = new RelayStreamSpec(1, "c",
                legA(addr("0.0.0.0", 5000)), legB(peerB.address()));
        r.run(r.worker.update(hold));
        r.run(r.worker.update(spec)); // resume
        LegStats a = r.run(r.worker.query(1)).a();
        assertTrue(a.latched());
        assertEquals(1, a.rxPackets());
        r.send(r.peer("127.0.0.99", 1), TestPackets.rtp(0, 2, 320, 0xA, 20), A_RELAY);
        assertEquals(1, r.run(r.worker.query(1)).a().drops(DropReason.SOURCE_MISMATCH));
    }

    @Test
    void reofferWithANewPeerAddressRelearnsAndNewPortsRebind() {
        RelayStreamSpec spec = new RelayStreamSpec(1, "c", legA(peerA.address()), legB(peerB.address()));
        r.run(r.worker.add(spec));
        r.send(peerA, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        assertTrue(receive(peerB) != null);
        Endpoint moved = r.peer("127.0.0.15", 5000);
        r.run(r.worker.update(new RelayStreamSpec(1, "c", legA(moved.address()), legB(peerB.address()))));
        assertFalse(r.run(r.worker.query(1)).a().latched());
        RelayLegSpec newPorts = RelayLegSpec.of(B_RELAY.getAddress(), 30_010, false, peerB.address());
        BoundPorts p = r.run(r.worker.update(new RelayStreamSpec(1, "c", legA(moved.address()), newPorts)));
        assertEquals(30_010, p.bRtp());
        r.send(moved, TestPackets.rtp(0, 2, 320, 0xA, 20), A_RELAY);
        assertEquals(1, peerB.pending());
        r.send(peerB, TestPackets.rtp(0, 2, 320, 0xB, 20), addr("127.0.0.21", 30_010));
        assertEquals(1, moved.pending());
    }

    @Test
    void connectPeersConnectsEachSocketOnceToItsConfirmedPeerAndAReofferMovingItDisconnects() {
        MemoryRelay c = new MemoryRelay(RelayConfig.defaults().withConnectPeers(true));
        Endpoint a = c.peer("127.0.0.10", 5000);
        Endpoint b = c.peer("127.0.0.30", 6000);
        c.run(c.worker.add(new RelayStreamSpec(1, "c", legA(a.address()), legB(b.address()))));
        Endpoint relayA = c.net.endpointAt(A_RELAY);
        Endpoint relayB = c.net.endpointAt(B_RELAY);
        // B's latch is not confirmed yet (delayed learning, B has not spoken): no connect, still relayed
        c.send(a, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        assertTrue(receive(b) != null);
        assertNull(relayB.connectedTo);
        c.send(b, TestPackets.rtp(0, 1, 160, 0xB, 20), B_RELAY); // confirms B; A was confirmed above
        assertTrue(receive(a) != null);
        assertEquals(a.address(), relayA.connectedTo);
        for (int i = 2; i < 10; i++) {
            c.send(a, TestPackets.rtp(0, i, i * 160L, 0xA, 20), A_RELAY);
            assertTrue(receive(b) != null);
            c.send(b, TestPackets.rtp(0, i, i * 160L, 0xB, 20), B_RELAY);
            assertTrue(receive(a) != null);
        }
        assertEquals(b.address(), relayB.connectedTo);
        assertEquals(1, relayA.connects, "once per latched target, not per packet");
        assertEquals(1, relayB.connects);
        Endpoint moved = c.peer("127.0.0.15", 5000);
        c.run(c.worker.update(new RelayStreamSpec(1, "c", legA(moved.address()), legB(b.address()))));
        assertNull(relayA.connectedTo, "a new latch learns again: disconnected");
        assertEquals(1, relayA.disconnects);
        assertEquals(b.address(), relayB.connectedTo, "the unmoved leg stays connected");
        c.send(moved, TestPackets.rtp(0, 10, 1600, 0xA, 20), A_RELAY);
        assertTrue(receive(b) != null, "the moved peer is heard");
        c.send(b, TestPackets.rtp(0, 10, 1600, 0xB, 20), B_RELAY);
        assertTrue(receive(moved) != null, "and sent to");
        assertEquals(moved.address(), relayA.connectedTo);
        assertEquals(2, relayA.connects);
    }

    @Test
    void connectPeersLeavesNonStrictLegsUnconnected() {
        MemoryRelay c = new MemoryRelay(RelayConfig.defaults().withConnectPeers(true));
        Endpoint a = c.peer("127.0.0.10", 5000);
        Endpoint b = c.peer("127.0.0.30", 6000);
        c.run(c.worker.add(new RelayStreamSpec(1, "c", legA(a.address()).withStrictSource(false),
                legB(b.address()).withStrictSource(false))));
        c.send(a, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        c.send(b, TestPackets.rtp(0, 1, 160, 0xB, 20), B_RELAY);
        c.send(a, TestPackets.rtp(0, 2, 320, 0xA, 20), A_RELAY);
        assertEquals(2, b.pending());
        assertEquals(1, a.pending());
        assertEquals(0, c.net.endpointAt(A_RELAY).connects + c.net.endpointAt(B_RELAY).connects);
    }

    @Test
    void removeClosesSocketsAndReturnsFinalStats() {
        addPlain();
        r.send(peerA, TestPackets.rtp(0, 1, 160, 0xA, 20), A_RELAY);
        StreamStats last = r.run(r.worker.remove(1));
        assertEquals(1, last.a().rxPackets());
        assertEquals(0, r.worker.streamCount());
        CompletionException e = assertThrows(CompletionException.class, () -> r.run(r.worker.query(1)));
        assertTrue(e.getCause() instanceof IllegalArgumentException);
        // ports are free again
        addPlain();
    }

    @Test
    void addFailsCleanlyWhenAPortIsTaken() {
        r.peer("127.0.0.21", 30_003); // B's RTCP port is in use
        CompletionException e = assertThrows(CompletionException.class, this::addPlain);
        assertTrue(e.getCause() instanceof java.net.BindException);
        assertEquals(0, r.worker.streamCount());
        r.peer("127.0.0.20", 30_000); // A's sockets were released
    }

    @Test
    void rejectsCommandsWhenTheQueueIsFull() {
        MemoryRelay small = new MemoryRelay(RelayConfig.defaults().withCommandQueue(2, 1));
        small.worker.query(1);
        small.worker.query(2);
        CompletionException e = assertThrows(CompletionException.class, () -> small.worker.query(3).join());
        assertTrue(e.getCause() instanceof java.util.concurrent.RejectedExecutionException);
        assertEquals(1, small.worker.totals().commandsRejected());
    }

    @Test
    void ownershipIsAssertedWhenAnotherThreadRunsTheDutyCycle() throws Exception {
        boolean assertionsOn = false;
        assert assertionsOn = true;
        if (!assertionsOn) {
            return; // the check exists only with -ea (surefire enables it)
        }
        Throwable[] seen = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                r.worker.doWork();
            } catch (Throwable x) {
                seen[0] = x;
            }
        });
        t.start();
        t.join();
        assertTrue(seen[0] instanceof AssertionError, "expected an ownership assertion, got " + seen[0]);
    }
}
