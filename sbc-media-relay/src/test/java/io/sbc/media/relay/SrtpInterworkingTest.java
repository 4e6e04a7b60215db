package io.sbc.media.relay;

import static io.sbc.media.relay.MemoryRelay.addr;
import static io.sbc.media.relay.MemoryRelay.receive;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sbc.media.io.MemoryDatagramTransport.Endpoint;
import io.sbc.media.rtp.TestPackets;
import io.sbc.media.srtp.SrtpContext;
import io.sbc.media.srtp.SrtpCryptoSuite;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * RTP → SRTP → RTP through two relayed streams: stream 1 takes plain RTP on leg A and protects it
 * on leg B; stream 2 unprotects it on its leg A and sends plain RTP out of leg B. The middle hop
 * carries real SRTP from {@link SrtpContext}.
 */
class SrtpInterworkingTest {

    private static final byte[] KEY_AB = bytes(16, 1);
    private static final byte[] SALT_AB = bytes(14, 2);
    private static final byte[] KEY_BA = bytes(16, 3);
    private static final byte[] SALT_BA = bytes(14, 4);
    private static final SrtpCryptoSuite SUITE = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;

    private final MemoryRelay r = new MemoryRelay();
    private final Endpoint caller = r.peer("127.0.0.10", 5000);
    private final Endpoint callee = r.peer("127.0.0.30", 6000);
    private final InetSocketAddress s1a = addr("127.0.0.20", 30_000);
    private final InetSocketAddress s1b = addr("127.0.0.21", 30_002);
    private final InetSocketAddress s2a = addr("127.0.0.22", 30_004);
    private final InetSocketAddress s2b = addr("127.0.0.23", 30_006);
    private RelayStreamSpec stream1;
    private RelayStreamSpec stream2;

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) seed);
        b[0] = (byte) (seed * 31);
        return b;
    }

    private static PacketCrypto ctx(byte[] key, byte[] salt) {
        return new SrtpPacketCrypto(new SrtpContext(SUITE, key, salt));
    }

    private void setUp() {
        RelayLegSpec s1LegA = RelayLegSpec.of(s1a.getAddress(), s1a.getPort(), true, caller.address());
        RelayLegSpec s1LegB = RelayLegSpec.of(s1b.getAddress(), s1b.getPort(), true, s2a)
                .withCrypto(ctx(KEY_BA, SALT_BA), ctx(KEY_AB, SALT_AB));
        RelayLegSpec s2LegA = RelayLegSpec.of(s2a.getAddress(), s2a.getPort(), true, s1b)
                .withCrypto(ctx(KEY_AB, SALT_AB), ctx(KEY_BA, SALT_BA));
        RelayLegSpec s2LegB = RelayLegSpec.of(s2b.getAddress(), s2b.getPort(), true, callee.address());
        stream1 = new RelayStreamSpec(1, "c1", s1LegA, s1LegB);
        stream2 = new RelayStreamSpec(2, "c2", s2LegA, s2LegB);
        r.run(r.worker.add(stream1));
        r.run(r.worker.add(stream2));
    }

    /** Runs duty cycles until nothing moves. */
    private void settle() {
        while (r.cycle() > 0) {
            // keep relaying
        }
    }

    private void exchange(int seq) {
        byte[] up = TestPackets.rtp(0, seq, seq * 160L, 0xA, 160);
        caller.send(up, 0, up.length, s1a);
        settle();
        assertArrayEquals(up, receive(callee), "caller→callee seq " + seq);
        byte[] down = TestPackets.rtp(0, seq, seq * 160L, 0xB, 160);
        callee.send(down, 0, down.length, s2b);
        settle();
        assertArrayEquals(down, receive(caller), "callee→caller seq " + seq);
    }

    @Test
    void rtpIsProtectedOnTheSrtpHopAndArrivesIntactAtTheFarEnd() {
        setUp();
        r.net.recordTargets(true);
        for (int seq = 0; seq < 20; seq++) {
            exchange(seq);
        }
        StreamStats s1 = r.run(r.worker.query(1));
        assertEquals(20, s1.b().txPackets());
        assertEquals(20 * (172 + 10), s1.b().txBytes(), "SRTP adds the 80-bit tag on the protected hop");
        assertEquals(20 * 172, s1.a().txBytes());
        StreamStats s2 = r.run(r.worker.query(2));
        assertEquals(0, s2.a().drops(DropReason.SRTP_UNPROTECT));
    }

    @Test
    void srtcpIsProtectedAndUnprotectedToo() {
        setUp();
        exchange(0);
        byte[] rr = TestPackets.receiverReport(0xA, 3, 1, 9, 0, 0);
        caller.send(rr, 0, rr.length, s1a);
        settle();
        assertArrayEquals(rr, receive(callee));
        assertEquals(1, r.run(r.worker.query(2)).a().receiverReports());
    }

    @Test
    void srtpKeepsWorkingAcrossHoldAndResumeWithTheSameContexts() {
        setUp();
        for (int seq = 0; seq < 5; seq++) {
            exchange(seq);
        }
        RelayStreamSpec held = new RelayStreamSpec(1, "c1",
                stream1.a().withSdpRtp(addr("0.0.0.0", 5000), null), stream1.b());
        r.run(r.worker.update(held));
        r.run(r.worker.update(stream1));
        for (int seq = 5; seq < 10; seq++) {
            exchange(seq);
        }
        assertEquals(0, r.run(r.worker.query(2)).a().drops(DropReason.SRTP_UNPROTECT));
    }

    @Test
    void plainRtpArrivingWhereSrtpIsExpectedIsDroppedAndCounted() {
        RelayLegSpec a = RelayLegSpec.of(addr("127.0.0.24", 30_008).getAddress(), 30_008, true, null)
                .withCrypto(ctx(KEY_AB, SALT_AB), ctx(KEY_BA, SALT_BA));
        RelayLegSpec b = RelayLegSpec.of(addr("127.0.0.25", 30_010).getAddress(), 30_010, true, callee.address());
        r.run(r.worker.add(new RelayStreamSpec(3, "c3", a, b)));
        byte[] plain = TestPackets.rtp(0, 1, 160, 0xA, 170);
        r.peer("127.0.0.66", 1).send(plain, 0, plain.length, addr("127.0.0.24", 30_008));
        settle();
        assertEquals(1, r.run(r.worker.query(3)).a().drops(DropReason.SRTP_UNPROTECT));
        assertNull(receive(callee));
    }
}
