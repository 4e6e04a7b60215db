package io.sbc.media.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.BindException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The pure-Java socket layer on loopback: bind, poll, receive with source, send. */
@Timeout(20)
class NioDatagramTransportIT {

    private final NioDatagramTransport transport = new NioDatagramTransport();

    @Test
    void pollReportsReadableEndpointsAndReceiveReturnsDataAndSource() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.20");
        try (DatagramEndpoint a = transport.bind(lo, 0);
                DatagramEndpoint b = transport.bind(InetAddress.getByName("127.0.0.30"), 0);
                DatagramPoller<String> poller = transport.newPoller()) {
            poller.register(a, "a");
            List<String> ready = new ArrayList<>();
            assertEquals(0, poller.pollNow(att -> {
                ready.add(att);
                return 1;
            }));
            byte[] msg = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9};
            java.net.InetSocketAddress aAddr = new java.net.InetSocketAddress(lo, a.localPort());
            assertTrue(b.send(msg, 0, msg.length, aAddr));
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (ready.isEmpty() && System.nanoTime() < deadline) {
                poller.pollNow(att -> {
                    ready.add(att);
                    return 1;
                });
            }
            assertEquals(List.of("a"), ready);
            byte[] buf = new byte[64];
            int n = a.receive(buf, 4, 60);
            assertEquals(msg.length, n);
            assertArrayEquals(msg, java.util.Arrays.copyOfRange(buf, 4, 4 + n));
            assertEquals(b.localPort(), a.lastSource().getPort());
            assertEquals(-1, a.receive(buf, 0, 64));

            b.send(msg, 0, msg.length, aAddr);
            java.net.InetSocketAddress first = a.lastSource();
            while (a.receive(buf, 0, 64) < 0) {
                Thread.onSpinWait();
            }
            assertSame(first, a.lastSource(), "the JDK reuses the sender address object: no allocation");
            poller.deregister(a);
        }
    }

    @Test
    void awaitReadableReturnsOnADatagramAndLeavesItForThePoll() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.20");
        try (DatagramEndpoint a = transport.bind(lo, 0);
                DatagramEndpoint b = transport.bind(InetAddress.getByName("127.0.0.30"), 0);
                DatagramPoller<String> poller = transport.newPoller()) {
            poller.register(a, "a");
            long t0 = System.nanoTime();
            poller.awaitReadable(2_000_000);
            assertTrue(System.nanoTime() - t0 >= 1_000_000, "an idle wait returned before its timeout");
            byte[] msg = {(byte) 0x80, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9};
            assertTrue(b.send(msg, 0, msg.length, new java.net.InetSocketAddress(lo, a.localPort())));
            t0 = System.nanoTime();
            poller.awaitReadable(1_000_000_000L);
            assertTrue(System.nanoTime() - t0 < 500_000_000L, "the wait did not end on the waiting datagram");
            List<String> ready = new ArrayList<>();
            assertEquals(1, poller.pollNow(att -> {
                ready.add(att);
                return 1;
            }));
            assertEquals(List.of("a"), ready);
        }
    }

    @Test
    void bindingATakenPortFails() throws Exception {
        InetAddress lo = InetAddress.getByName("127.0.0.20");
        try (DatagramEndpoint a = transport.bind(lo, 0)) {
            assertThrows(BindException.class, () -> transport.bind(lo, a.localPort()));
        }
    }
}
