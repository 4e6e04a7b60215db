package io.sbc.nativeio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Kernel timestamps and recvmmsg/sendmmsg on real loopback sockets opened by the JDK. */
@Timeout(30)
class NativeDatagramsIT {

    private DatagramChannel sender;
    private DatagramChannel receiver;
    private int rxFd;
    private InetSocketAddress rxAddress;

    @BeforeEach
    void open() throws Exception {
        assumeTrue(NativeLibrary.isAvailable(), NativeLibrary.describe());
        sender = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        receiver.configureBlocking(false);
        rxAddress = (InetSocketAddress) receiver.getLocalAddress();
        rxFd = SocketDescriptors.fdOf(receiver);
        assertTrue(rxFd >= 0, String.valueOf(SocketDescriptors.unavailableReason()));
    }

    @AfterEach
    void close() throws Exception {
        if (sender != null) {
            sender.close();
            receiver.close();
        }
    }

    private int awaitReceive(ByteBuffer buf, ByteBuffer meta) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int n;
        do {
            n = NativeDatagrams.receive(rxFd, buf, 0, buf.capacity(), meta);
        } while (n == -Errno.EAGAIN && System.nanoTime() < deadline);
        return n;
    }

    @Test
    void kernelTimestampsArePresentMonotonicAndOnTheNanoTimeClock() throws Exception {
        assertEquals(0, NativeDatagrams.enableTimestamps(rxFd));
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
        long previous = Long.MIN_VALUE;
        for (int i = 0; i < 20; i++) {
            long before = System.nanoTime();
            sender.send(ByteBuffer.wrap(new byte[] {(byte) i, 1, 2, 3}), rxAddress);
            assertEquals(4, awaitReceive(buf, meta));
            long after = System.nanoTime();
            long arrival = NativeDatagrams.arrivalNanos(meta, 0);
            assertTrue(arrival >= previous, "monotonic");
            // The realtime→monotonic conversion may be off by the microseconds between two clock reads.
            assertTrue(arrival >= before - 1_000_000 && arrival <= after + 1_000_000,
                    "arrival " + arrival + " outside [" + before + ", " + after + "]");
            assertEquals(i, buf.get(0));
            assertEquals(4, NativeDatagrams.family(meta, 0));
            assertEquals(((InetSocketAddress) sender.getLocalAddress()).getPort(), NativeDatagrams.port(meta, 0));
            previous = arrival;
        }
    }

    @Test
    void withoutTimestampsEnabledArrivalIsMinusOne() throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(2048);
        ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
        sender.send(ByteBuffer.wrap(new byte[] {9}), rxAddress);
        assertEquals(1, awaitReceive(buf, meta));
        assertEquals(-1, NativeDatagrams.arrivalNanos(meta, 0));
    }

    @Test
    void batchedSendAndReceiveCarryEveryDatagramIntact() throws Exception {
        int slot = 256;
        int count = 48;
        ByteBuffer slots = ByteBuffer.allocateDirect(slot * NativeDatagrams.MAX_BATCH);
        ByteBuffer meta = NativeDatagrams.newMetaBuffer(NativeDatagrams.MAX_BATCH);
        byte[] to = rxAddress.getAddress().getAddress();
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < 20 + i; k++) {
                slots.put(i * slot + k, (byte) (i + k));
            }
            NativeDatagrams.setTarget(meta, i, 20 + i, to, rxAddress.getPort());
        }
        int txFd = SocketDescriptors.fdOf(sender);
        assertEquals(count, NativeDatagrams.sendBatch(txFd, slots, slot, count, meta));

        ByteBuffer rx = ByteBuffer.allocateDirect(slot * NativeDatagrams.MAX_BATCH);
        int got = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got < count && System.nanoTime() < deadline) {
            int n = NativeDatagrams.receiveBatch(rxFd, rx, slot, NativeDatagrams.MAX_BATCH, meta);
            if (n == -Errno.EAGAIN) {
                continue;
            }
            assertTrue(n > 0, Errno.describe(n));
            for (int i = 0; i < n; i++, got++) {
                int len = NativeDatagrams.length(meta, i);
                assertEquals(20 + got, len);
                byte[] expected = new byte[len];
                byte[] actual = new byte[len];
                for (int k = 0; k < len; k++) {
                    expected[k] = (byte) (got + k);
                    actual[k] = rx.get(i * slot + k);
                }
                assertArrayEquals(expected, actual, "datagram " + got);
            }
        }
        assertEquals(count, got);
    }

    @Test
    void outOfBoundsBuffersAreRefusedByTheLibrary() {
        ByteBuffer small = ByteBuffer.allocateDirect(64);
        ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
        assertEquals(-Errno.EINVAL, NativeDatagrams.receive(rxFd, small, 32, 64, meta));
        assertEquals(-Errno.EINVAL, NativeDatagrams.receiveBatch(rxFd, small, 64, 2, meta));
        assertEquals(-Errno.EINVAL, NativeDatagrams.receive(rxFd, ByteBuffer.allocate(64), 0, 64, meta),
                "heap buffers are refused");
    }

    @Test
    void epollPollReceivesFromReadySocketsTaggedWithTheirToken() throws Exception {
        int epfd = NativeEpoll.create();
        assertTrue(epfd >= 0, Errno.describe(epfd));
        try {
            assertEquals(0, NativeEpoll.add(epfd, rxFd, 5));
            ByteBuffer slots = ByteBuffer.allocateDirect(256 * 4);
            ByteBuffer meta = NativeDatagrams.newMetaBuffer(4);
            assertEquals(0, NativeEpoll.pollReceive(epfd, slots, 256, 4, 4, meta), "nothing ready");
            ByteBuffer tx = ByteBuffer.allocateDirect(64);
            ByteBuffer target = NativeDatagrams.newMetaBuffer(1);
            NativeDatagrams.setTarget(target, 0, 0, rxAddress.getAddress().getAddress(), rxAddress.getPort());
            int senderFd = SocketDescriptors.fdOf(sender);
            for (int i = 0; i < 3; i++) {
                tx.put(0, (byte) i);
                assertEquals(10 + i, NativeDatagrams.sendTo(senderFd, tx, 10 + i, target));
            }
            int got = 0;
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (got < 3 && System.nanoTime() < deadline) {
                int n = NativeEpoll.pollReceive(epfd, slots, 256, 4, 4, meta);
                assertTrue(n >= 0, Errno.describe(n));
                for (int i = 0; i < n; i++, got++) {
                    assertEquals(5, NativeEpoll.token(meta, i));
                    assertEquals(10 + got, NativeDatagrams.length(meta, i));
                    assertEquals(got, slots.get(i * 256));
                    assertEquals(((InetSocketAddress) sender.getLocalAddress()).getPort(), NativeDatagrams.port(meta, i));
                }
            }
            assertEquals(3, got);
            assertEquals(-Errno.EINVAL, NativeEpoll.pollReceive(epfd, slots, 256, 5, 4, meta), "slots too small");
            assertEquals(-Errno.EINVAL, NativeDatagrams.sendTo(senderFd, tx, 65, target), "length past the buffer");
            assertEquals(0, NativeEpoll.remove(epfd, rxFd));
        } finally {
            assertEquals(0, NativeEpoll.close(epfd));
        }
    }

    @Test
    void openedUdpSocketIsBoundReceivesFromAJdkSenderAndRefusesASecondBindOfItsPort() throws Exception {
        byte[] loopback = InetAddress.getLoopbackAddress().getAddress();
        int fd = NativeDatagrams.openUdp(loopback, 0, 64 * 1024);
        assertTrue(fd >= 0, Errno.describe(fd));
        try {
            int port = NativeDatagrams.localPort(fd);
            assertTrue(port > 0 && port <= 65535, "port " + port);
            assertEquals(-Errno.EADDRINUSE, NativeDatagrams.openUdp(loopback, port, 64 * 1024));
            sender.send(ByteBuffer.wrap(new byte[] {1, 2, 3}), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
            long deadline = System.nanoTime() + 5_000_000_000L;
            int n;
            do {
                n = NativeDatagrams.receive(fd, buf, 0, buf.capacity(), meta);
            } while (n == -Errno.EAGAIN && System.nanoTime() < deadline);
            assertEquals(3, n);
            assertEquals(((InetSocketAddress) sender.getLocalAddress()).getPort(), NativeDatagrams.port(meta, 0));
            assertTrue(NativeDatagrams.arrivalNanos(meta, 0) > 0, "kernel stamp on from the start");
        } finally {
            assertEquals(0, NativeDatagrams.close(fd));
        }
        assertEquals(-Errno.EINVAL, NativeDatagrams.openUdp(new byte[5], 0, 4096));
        assertEquals(-Errno.EINVAL, NativeDatagrams.openUdp(loopback, 70000, 4096));
    }

    @Test
    void connectedSocketSendsWithoutATargetAndAnUnspecifiedConnectDissolvesIt() throws Exception {
        byte[] loopback = InetAddress.getLoopbackAddress().getAddress();
        int fd = NativeDatagrams.openUdp(loopback, 0, 64 * 1024);
        assertTrue(fd >= 0, Errno.describe(fd));
        try {
            ByteBuffer buf = ByteBuffer.allocateDirect(64);
            buf.put(0, new byte[] {7, 8, 9});
            assertEquals(-Errno.EDESTADDRREQ, NativeDatagrams.send(fd, buf, 3), "not connected yet");
            ByteBuffer target = NativeDatagrams.newMetaBuffer(1);
            NativeDatagrams.setTarget(target, 0, 0, loopback, rxAddress.getPort());
            assertEquals(0, NativeDatagrams.connect(fd, target));
            assertEquals(3, NativeDatagrams.send(fd, buf, 3));
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
            assertEquals(3, awaitReceive(in, meta));
            assertEquals(NativeDatagrams.localPort(fd), NativeDatagrams.port(meta, 0));
            int port = NativeDatagrams.localPort(fd);
            target.putInt(4, 0); // family 0: AF_UNSPEC
            assertEquals(0, NativeDatagrams.connect(fd, target));
            assertEquals(-Errno.EDESTADDRREQ, NativeDatagrams.send(fd, buf, 3), "no longer connected");
            // Linux unhashes a kernel-chosen port on disconnect; the library binds it again
            assertEquals(port, NativeDatagrams.localPort(fd), "the port survives the disconnect");
            sender.send(ByteBuffer.wrap(new byte[] {4, 5}), new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            long deadline = System.nanoTime() + 5_000_000_000L;
            int n;
            do {
                n = NativeDatagrams.receive(fd, in, 0, in.capacity(), meta);
            } while (n == -Errno.EAGAIN && System.nanoTime() < deadline);
            assertEquals(2, n, "heard from another source after the disconnect");
            assertEquals(-Errno.EINVAL, NativeDatagrams.send(fd, buf, 65), "longer than the buffer");
        } finally {
            assertEquals(0, NativeDatagrams.close(fd));
        }
    }
}
