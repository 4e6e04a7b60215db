package io.sbc.media.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sbc.nativeio.NativeLibrary;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The native socket layer (epoll + recvmmsg per poll, sendto per datagram) on real loopback
 * sockets, 127.0.0.61-63 and ::1: every datagram reaches its own socket's handler once with its bytes,
 * source and kernel stamp; oversize is reported; sends reach IPv4 and IPv6 peers; deregistered
 * sockets fall silent; and polling plus sending allocate nothing per datagram.
 */
@Timeout(60)
class EpollDatagramTransportIT {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private DatagramTransport transport;

    @BeforeEach
    void nativeLayer() {
        transport = DatagramTransports.select(true, NioDatagramTransport.DEFAULT_SOCKET_BUFFER_BYTES);
        assumeTrue(transport instanceof EpollDatagramTransport, NativeLibrary.describe());
    }

    /** One datagram a handler saw: which socket, its first bytes, its source and stamp. */
    private record Seen(String socket, int length, int marker, InetSocketAddress source, long arrivalNanos) {
    }

    /** Polls until {@code count} datagrams were handled (or 5 s passed), each received in full. */
    private static List<Seen> pollFor(DatagramPoller<DatagramEndpoint> poller, int count, int takePerCall) throws Exception {
        List<Seen> seen = new ArrayList<>();
        byte[] buf = new byte[4096];
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (seen.size() < count && System.nanoTime() < deadline) {
            poller.pollNow(ep -> {
                int n = 0;
                try {
                    int len;
                    while (n < takePerCall && (len = ep.receive(buf, 0, 2048)) >= 0) {
                        seen.add(new Seen(ep.toString(), len, buf[1], ep.lastSource(), ep.lastArrivalNanos()));
                        n++;
                    }
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                return n;
            });
        }
        return seen;
    }

    private static DatagramChannel peer(String ip) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        DatagramChannel ch = DatagramChannel.open(a instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        ch.bind(new InetSocketAddress(a, 0));
        return ch;
    }

    private static void sendFrom(DatagramChannel from, int marker, int length, DatagramEndpoint to, InetAddress toAddr)
            throws Exception {
        byte[] p = new byte[length];
        p[0] = (byte) 0x80;
        p[1] = (byte) marker;
        from.send(ByteBuffer.wrap(p), new InetSocketAddress(toAddr, to.localPort()));
    }

    @Test
    void deliversEachDatagramToItsSocketOnceWithSourceAndKernelStamp() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint a = transport.bind(lo, 0); DatagramEndpoint b = transport.bind(lo, 0);
                DatagramPoller<DatagramEndpoint> poller = transport.newPoller();
                DatagramChannel sender = peer("127.0.0.62")) {
            assertInstanceOf(EpollDatagramEndpoint.class, a);
            poller.register(a, a);
            poller.register(b, b);
            assertEquals(0, poller.pollNow(ep -> 1), "nothing waiting");
            long before = System.nanoTime();
            // 20 to a (more than one poll's share per socket), 3 to b; the handler takes one per call,
            // so the poller must call it again for the rest of a socket's share.
            for (int i = 0; i < 20; i++) {
                sendFrom(sender, i, 100 + i, a, lo);
            }
            for (int i = 0; i < 3; i++) {
                sendFrom(sender, 50 + i, 60, b, lo);
            }
            List<Seen> seen = pollFor(poller, 23, 1);
            long after = System.nanoTime();
            assertEquals(23, seen.size(), "all datagrams handled");
            InetSocketAddress src = (InetSocketAddress) sender.getLocalAddress();
            List<Integer> markersA = new ArrayList<>();
            for (Seen s : seen) {
                assertEquals(src, s.source());
                assertTrue(s.arrivalNanos() >= before - 1_000 && s.arrivalNanos() <= after, "stamp " + s);
                if (s.socket().equals(a.toString())) {
                    markersA.add(s.marker());
                    assertEquals(100 + s.marker(), s.length());
                } else {
                    assertEquals(b.toString(), s.socket());
                    assertEquals(60, s.length());
                }
            }
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add(i);
            }
            // Sorted: loopback may reorder a burst when the sending thread migrates between CPUs.
            markersA.sort(null);
            assertEquals(expected, markersA, "each of one socket's datagrams arrives once");
        }
    }

    @Test
    void reportsOversizeDatagramsAsLongerThanTheMaximum() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint a = transport.bind(lo, 0); DatagramPoller<DatagramEndpoint> poller = transport.newPoller();
                DatagramChannel sender = peer("127.0.0.62")) {
            poller.register(a, a);
            sendFrom(sender, 1, 3000, a, lo);
            List<Seen> seen = pollFor(poller, 1, 8);
            assertEquals(1, seen.size());
            assertTrue(seen.get(0).length() > 2048, "oversize length " + seen.get(0).length());
        }
    }

    @Test
    void awaitReadableTimesOutWhenIdleAndReturnsOnADatagramWithoutTakingIt() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint a = transport.bind(lo, 0); DatagramPoller<DatagramEndpoint> poller = transport.newPoller();
                DatagramChannel sender = peer("127.0.0.62")) {
            poller.register(a, a);
            long t0 = System.nanoTime();
            poller.awaitReadable(2_000_000);
            assertTrue(System.nanoTime() - t0 >= 1_000_000, "an idle wait returned before its timeout");
            sendFrom(sender, 9, 80, a, lo);
            t0 = System.nanoTime();
            poller.awaitReadable(1_000_000_000L);
            assertTrue(System.nanoTime() - t0 < 500_000_000L, "the wait did not end on the waiting datagram");
            List<Seen> seen = pollFor(poller, 1, 8);
            assertEquals(1, seen.size(), "the datagram is still there for the poll");
            assertEquals(9, seen.get(0).marker());
        }
    }

    @Test
    void waitsAreWholeMillisecondsFromOneToOneThousand() {
        assertEquals(1, EpollDatagramPoller.waitMillis(0));
        assertEquals(1, EpollDatagramPoller.waitMillis(1_000_000));
        assertEquals(2, EpollDatagramPoller.waitMillis(1_000_001));
        assertEquals(1_000, EpollDatagramPoller.waitMillis(5_000_000_000L));
    }

    @Test
    void deregisteredSocketIsNoLongerPolledAndItsTokenIsReused() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint a = transport.bind(lo, 0); DatagramEndpoint b = transport.bind(lo, 0);
                DatagramPoller<DatagramEndpoint> poller = transport.newPoller();
                DatagramChannel sender = peer("127.0.0.62")) {
            poller.register(a, a);
            poller.deregister(a);
            poller.register(b, b);
            sendFrom(sender, 7, 80, a, lo);
            sendFrom(sender, 8, 80, b, lo);
            List<Seen> seen = pollFor(poller, 2, 8);
            assertEquals(1, seen.size(), "only b is polled: " + seen);
            assertEquals(b.toString(), seen.get(0).socket());
            assertEquals(8, seen.get(0).marker());
        }
    }

    @Test
    void sendsToIpv4AndIpv6Peers() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint a = transport.bind(lo, 0); DatagramChannel v4 = peer("127.0.0.63")) {
            byte[] msg = {(byte) 0x80, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
            assertTrue(a.send(msg, 0, msg.length, (InetSocketAddress) v4.getLocalAddress()));
            ByteBuffer in = ByteBuffer.allocate(64);
            InetSocketAddress from = (InetSocketAddress) v4.receive(in);
            assertEquals(new InetSocketAddress(lo, a.localPort()), from);
            assertArrayEquals(msg, Arrays.copyOf(in.array(), in.position()));
        }
        InetAddress lo6;
        try {
            lo6 = InetAddress.getByName("::1");
            peer("::1").close();
        } catch (Exception e) {
            assumeTrue(false, "no IPv6 loopback: " + e.getMessage());
            return;
        }
        try (DatagramEndpoint a6 = transport.bind(lo6, 0); DatagramChannel v6 = peer("::1")) {
            byte[] msg = {(byte) 0x80, 9};
            assertTrue(a6.send(msg, 0, msg.length, (InetSocketAddress) v6.getLocalAddress()));
            ByteBuffer in = ByteBuffer.allocate(64);
            InetSocketAddress from = (InetSocketAddress) v6.receive(in);
            assertEquals(a6.localPort(), from.getPort());
            assertEquals(2, in.position());
        }
    }

    @Test
    void connectedSocketReachesItsPeerHearsOnlyItAndHearsAnyoneAfterDisconnect() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint a = transport.bind(lo, 0); DatagramPoller<DatagramEndpoint> poller = transport.newPoller();
                DatagramChannel peer = peer("127.0.0.62"); DatagramChannel other = peer("127.0.0.63")) {
            poller.register(a, a);
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalAddress();
            assertTrue(a.connect(peerAddress));
            byte[] msg = {(byte) 0x80, 1, 2, 3};
            assertTrue(a.send(msg, 0, msg.length, peerAddress));
            ByteBuffer in = ByteBuffer.allocate(64);
            assertEquals(new InetSocketAddress(lo, a.localPort()), peer.receive(in));
            assertArrayEquals(msg, Arrays.copyOf(in.array(), in.position()));
            // another target still works from a connected socket (sendto with an address)
            assertTrue(a.send(msg, 0, msg.length, (InetSocketAddress) other.getLocalAddress()));
            in.clear();
            assertEquals(new InetSocketAddress(lo, a.localPort()), other.receive(in));
            // the kernel keeps the other source out; the peer's datagram, sent after it, arrives
            sendFrom(other, 5, 80, a, lo);
            sendFrom(peer, 6, 80, a, lo);
            List<Seen> seen = pollFor(poller, 1, 8);
            assertEquals(1, seen.size());
            assertEquals(6, seen.get(0).marker());
            assertEquals(0, poller.pollNow(ep -> 1), "the other source's datagram never arrives");
            a.disconnect();
            sendFrom(other, 7, 80, a, lo);
            seen = pollFor(poller, 1, 8);
            assertEquals(1, seen.size(), "heard from anyone again");
            assertEquals(7, seen.get(0).marker());
            assertEquals(other.getLocalAddress(), seen.get(0).source());
        }
    }

    @Test
    void connectedPeerThatHungUpFailsSendsQuietlyAndPollsOn() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint a = transport.bind(lo, 0); DatagramPoller<DatagramEndpoint> poller = transport.newPoller()) {
            poller.register(a, a);
            InetSocketAddress gone;
            try (DatagramChannel peer = peer("127.0.0.62")) {
                gone = (InetSocketAddress) peer.getLocalAddress();
            }
            assertTrue(a.connect(gone));
            byte[] msg = {(byte) 0x80, 1};
            for (int i = 0; i < 20; i++) {
                // ICMP port unreachable comes back as ECONNREFUSED on the next send or receive: a
                // dropped datagram (send returns false) or nothing received, never an exception.
                a.send(msg, 0, msg.length, gone);
                assertEquals(0, poller.pollNow(ep -> {
                    try {
                        return ep.receive(new byte[64], 0, 64) >= 0 ? 1 : 0;
                    } catch (java.io.IOException e) {
                        throw new AssertionError(e);
                    }
                }));
            }
        }
    }

    @Test
    void pollingAndSendingAllocateNothingPerDatagram() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.61");
        try (DatagramEndpoint relay = transport.bind(lo, 0); DatagramEndpoint sender = transport.bind(lo, 0);
                DatagramPoller<DatagramEndpoint> poller = transport.newPoller()) {
            poller.register(relay, relay);
            InetSocketAddress to = new InetSocketAddress(lo, relay.localPort());
            byte[] out = new byte[172];
            out[0] = (byte) 0x80;
            byte[] in = new byte[2048];
            int[] received = {0};
            DatagramPoller.ReadyHandler<DatagramEndpoint> drain = ep -> {
                int n = 0;
                try {
                    while (ep.receive(in, 0, 2048) >= 0) {
                        n++;
                    }
                } catch (java.io.IOException e) {
                    throw new AssertionError(e);
                }
                received[0] += n;
                return n;
            };
            for (int warm = 0; warm < 2; warm++) {
                received[0] = 0;
                long allocated = THREADS.getCurrentThreadAllocatedBytes();
                for (int round = 0; round < 100; round++) {
                    for (int i = 0; i < 50; i++) {
                        assertTrue(sender.send(out, 0, out.length, to));
                    }
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (received[0] < (round + 1) * 50 && System.nanoTime() < deadline) {
                        poller.pollNow(drain);
                    }
                }
                long perDatagram = (THREADS.getCurrentThreadAllocatedBytes() - allocated) / 5_000;
                assertEquals(5_000, received[0]);
                if (warm == 1) {
                    assertEquals(0, perDatagram, "B allocated per datagram");
                    InetSocketAddress src = relay.lastSource();
                    assertSame(src, relay.lastSource());
                }
            }
        }
    }
}
