package io.sbc.media.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sbc.nativeio.NativeLibrary;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The native receive path on real loopback sockets: stamps, sources, oversize, no allocation. */
@Timeout(60)
class KernelTimestampDatagramEndpointIT {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static int awaitReceive(DatagramEndpoint ep, byte[] buf) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        int n;
        do {
            n = ep.receive(buf, 0, 2048);
        } while (n < 0 && System.nanoTime() < deadline);
        return n;
    }

    @Test
    void receivesWithKernelStampsAndSourcesWithoutAllocatingPerDatagram() throws Exception {
        assumeTrue(NativeLibrary.isAvailable() && KernelTimestampDatagramTransport.probe() == null,
                NativeLibrary.describe());
        DatagramTransport t = new KernelTimestampDatagramTransport(NioDatagramTransport.DEFAULT_SOCKET_BUFFER_BYTES);
        InetAddress lo = InetAddress.getByName("127.0.0.60");
        try (DatagramEndpoint rx = t.bind(lo, 0); DatagramEndpoint tx = new NioDatagramTransport().bind(lo, 0)) {
            assertInstanceOf(KernelTimestampDatagramEndpoint.class, rx);
            InetSocketAddress to = new InetSocketAddress(lo, rx.localPort());
            byte[] out = new byte[172];
            byte[] in = new byte[2048];
            out[0] = (byte) 0x80;
            assertEquals(-1, rx.receive(in, 0, 2048), "nothing waiting");
            tx.send(out, 0, out.length, to);
            long before = System.nanoTime();
            assertEquals(172, awaitReceive(rx, in));
            assertEquals(new InetSocketAddress(lo, tx.localPort()), rx.lastSource());
            assertTrue(rx.lastArrivalNanos() > 0 && rx.lastArrivalNanos() <= System.nanoTime() + 1_000_000
                    && rx.lastArrivalNanos() > before - 5_000_000_000L, "stamp " + rx.lastArrivalNanos());
            InetSocketAddress source = rx.lastSource();

            long allocated = THREADS.getCurrentThreadAllocatedBytes();
            int received = 0;
            long outOfRound = 0;
            for (int round = 0; round < 100; round++) {
                long roundStart = System.nanoTime();
                for (int i = 0; i < 100; i++) {
                    out[1] = (byte) i;
                    tx.send(out, 0, out.length, to);
                }
                for (int i = 0; i < 100; i++) {
                    assertEquals(172, awaitReceive(rx, in));
                    // Not asserted monotonic in receive order: when the sending thread migrates
                    // between CPUs mid-burst, loopback can deliver from two per-CPU backlogs out of
                    // order (kernel behaviour). Each stamp must fall inside its round, on nanoTime's
                    // clock (NativeDatagramsIT checks monotonic stamps one datagram at a time).
                    long stamp = rx.lastArrivalNanos();
                    if (stamp < roundStart - 1_000 || stamp > System.nanoTime() + 1_000) {
                        outOfRound++;
                    }
                    received++;
                }
            }
            long perPacket = (THREADS.getCurrentThreadAllocatedBytes() - allocated) / received;
            assertEquals(10_000, received);
            assertEquals(0, outOfRound, "stamps outside the round they were sent in");
            assertSame(source, rx.lastSource(), "the cached source is reused while the sender is unchanged");
            assertTrue(perPacket == 0, "allocated " + perPacket + " B per datagram");

            byte[] big = new byte[3000];
            tx.send(big, 0, big.length, to);
            assertTrue(awaitReceive(rx, in) > 2048, "oversize reported as longer than the maximum");
        }
    }
}
