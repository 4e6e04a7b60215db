package io.sbc.media.relay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.rtp.TestPackets;
import io.sbc.media.session.LatchingFlags;
import io.sbc.media.session.SrtpParams;
import io.sbc.media.session.StreamCounters;
import io.sbc.media.session.StreamInfo;
import io.sbc.media.srtp.SdesKeyParams;
import io.sbc.media.srtp.SrtpContext;
import io.sbc.media.srtp.SrtpCryptoSuite;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The session layer's {@code StreamListener} seam driving a running relay over loopback: a stream
 * pair announced side by side relays both ways, feeds the session counters, survives an SRTP
 * re-offer with unchanged keys and is torn down on removal.
 */
@Timeout(30)
class SessionStreamBridgeIT {

    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final UdpPeer caller = new UdpPeer("127.0.0.10", 0);
    private final UdpPeer callee = new UdpPeer("127.0.0.30", 0);
    private MediaRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
        caller.close();
        callee.close();
    }

    /** The bridge's commands are asynchronous: wait until the worker has applied them. */
    private void awaitStreams(long n) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (relay.totals().streamsActive() != n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(n, relay.totals().streamsActive());
    }

    private static int freePort(String ip) {
        try (UdpPeer p = new UdpPeer(ip, 0)) {
            return p.address.getPort();
        }
    }

    private static StreamInfo side(long id, long peer, String local, int port, InetSocketAddress remote,
            SrtpParams in, SrtpParams out, StreamCounters counters) {
        return new StreamInfo(id, peer, "call-x", "tag-" + id, 0, local, port, port, true,
                remote.getAddress().getHostAddress(), remote.getPort(), remote.getPort(), LatchingFlags.DEFAULT,
                in, out, null, null, counters);
    }

    @Test
    void announcedStreamPairRelaysBothWaysCountsAndIsRemoved() throws Exception {
        relay = MediaRelay.start(RelayConfig.defaults(), (id, call, silent) -> { });
        SessionStreamBridge bridge = new SessionStreamBridge(relay, EndpointLearning.DELAYED, errors::add);
        int portA = freePort("127.0.0.20");
        int portB = freePort("127.0.0.21");
        StreamCounters countersA = new StreamCounters();
        StreamInfo a = side(10, 11, "127.0.0.20", portA, caller.address, null, null, countersA);
        StreamInfo b = side(11, 10, "127.0.0.21", portB, callee.address, null, null, new StreamCounters());
        bridge.onStreamAdded(a);
        bridge.onStreamAdded(b);
        awaitStreams(1);
        InetSocketAddress toA = UdpPeer.at("127.0.0.20", portA);
        InetSocketAddress toB = UdpPeer.at("127.0.0.21", portB);
        byte[] up = TestPackets.rtp(0, 1, 160, 0xA, 160);
        caller.send(up, toA);
        assertArrayEquals(up, callee.receive(3000));
        byte[] down = TestPackets.rtp(0, 1, 160, 0xB, 160);
        callee.send(down, toB);
        assertArrayEquals(down, caller.receive(3000));
        assertEquals(1, countersA.packets());
        assertEquals(172, countersA.bytes());

        bridge.onStreamUpdated(a);
        bridge.onStreamUpdated(b);
        caller.send(up, toA);
        assertArrayEquals(up, callee.receive(3000));

        bridge.onStreamRemoved(a);
        bridge.onStreamRemoved(b);
        awaitStreams(0);
        caller.send(up, toA);
        assertNull(callee.receive(200));
        assertTrue(errors.isEmpty(), errors.toString());
    }

    @Test
    void srtpSideKeepsItsContextAcrossAReofferWithTheSameKeys() throws Exception {
        relay = MediaRelay.start(RelayConfig.defaults(), (id, call, silent) -> { });
        SessionStreamBridge bridge = new SessionStreamBridge(relay, EndpointLearning.DELAYED, errors::add);
        SrtpCryptoSuite suite = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        SdesKeyParams toCallee = SdesKeyParams.generate(suite, new SecureRandom());
        SrtpParams out = new SrtpParams(suite.sdesName(), toCallee.format());
        int portA = freePort("127.0.0.20");
        int portB = freePort("127.0.0.21");
        StreamInfo a = side(20, 21, "127.0.0.20", portA, caller.address, null, null, null);
        StreamInfo b = side(21, 20, "127.0.0.21", portB, callee.address, null, out, null);
        bridge.onStreamAdded(a);
        bridge.onStreamAdded(b);
        awaitStreams(1);
        SrtpContext calleeRx = SrtpContext.fromSdes(toCallee);
        InetSocketAddress toA = UdpPeer.at("127.0.0.20", portA);
        for (int i = 0; i < 10; i++) {
            if (i == 5) { // re-offer (e.g. resume from hold) with the same keys
                bridge.onStreamUpdated(a);
                bridge.onStreamUpdated(b);
            }
            byte[] up = TestPackets.rtp(0, 65_530 + i & 0xFFFF, i * 160L, 0xA, 160);
            caller.send(up, toA);
            byte[] got = callee.receive(3000);
            int n = calleeRx.unprotectRtp(got, 0, got.length);
            assertEquals(up.length, n, "packet " + i + " authenticates at the callee");
            assertArrayEquals(up, java.util.Arrays.copyOf(got, n));
        }
        assertTrue(errors.isEmpty(), errors.toString());
    }
}
