package io.sbc.bench.nativeio;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import io.sbc.nativeio.SocketDescriptors;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.LockSupport;

/**
 * Are kernel receive stamps (SO_TIMESTAMPNS) more accurate arrival times than a clock read after the
 * receive? A sender paces 20 ms packets on loopback, each carrying its send instant as its media
 * timestamp (8 kHz units), so the true jitter is the loopback's own, about 0; the
 * receiver is a worker that gets to its socket late at times ({@code --stall-ms} every
 * {@code --stall-every} packets, as a busy worker or a descheduled thread does). For each packet it
 * records both the kernel stamp and {@code System.nanoTime()} right after the receive, and computes
 * RFC 3550 A.8 jitter from each. The true network jitter on loopback is about 0, so the closer to 0,
 * the more accurate.
 *
 * <p>Run: {@code java --add-exports=java.base/sun.nio.ch=ALL-UNNAMED -cp bench/target/benchmarks.jar
 * io.sbc.bench.nativeio.ArrivalClockComparison [packets] [stallMs] [stallEvery]}
 */
public final class ArrivalClockComparison {

    private ArrivalClockComparison() {
    }

    public static void main(String[] args) throws Exception {
        int packets = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int stallMs = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int stallEvery = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        try (DatagramChannel rx = DatagramChannel.open(StandardProtocolFamily.INET);
             DatagramChannel tx = DatagramChannel.open(StandardProtocolFamily.INET)) {
            rx.bind(new InetSocketAddress(lo, 0));
            tx.bind(new InetSocketAddress(lo, 0));
            int fd = SocketDescriptors.fdOf(rx);
            if (fd < 0 || NativeDatagrams.enableTimestamps(fd) != 0) {
                System.out.println("kernel timestamps unavailable: " + SocketDescriptors.unavailableReason());
                return;
            }
            InetSocketAddress to = (InetSocketAddress) rx.getLocalAddress();
            Thread sender = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocate(172);
                long next = System.nanoTime();
                try {
                    for (int i = 0; i < packets; i++) {
                        b.clear();
                        // The RTP timestamp stands for the real send instant, so the sender's own
                        // pacing errors on the loaded machine are not counted as network jitter.
                        b.putLong(0, System.nanoTime());
                        tx.send(b, to);
                        next += 20_000_000L;
                        LockSupport.parkNanos(next - System.nanoTime());
                    }
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "paced-sender");
            sender.start();
            ByteBuffer buf = ByteBuffer.allocateDirect(2048);
            ByteBuffer meta = NativeDatagrams.newMetaBuffer(1);
            Jitter kernel = new Jitter();
            long startOrigin = System.nanoTime();
            Jitter afterReceive = new Jitter();
            long origin = startOrigin;
            int got = 0;
            while (got < packets) {
                int n = NativeDatagrams.receive(fd, buf, 0, 2048, meta);
                if (n == -Errno.EAGAIN) {
                    Thread.onSpinWait();
                    continue;
                }
                long readNanos = System.nanoTime();
                double rtpTs = (buf.getLong(0) - origin) * 8000.0 / 1e9;
                kernel.onPacket(rtpTs, NativeDatagrams.arrivalNanos(meta, 0) - origin);
                afterReceive.onPacket(rtpTs, readNanos - origin);
                got++;
                if (stallMs > 0 && got % stallEvery == 0) {
                    LockSupport.parkNanos(stallMs * 1_000_000L);
                }
            }
            sender.join();
            System.out.printf("packets=%d stall=%dms every %d: jitter from kernel stamps %.3f ms, "
                    + "from clock after receive %.3f ms%n", packets, stallMs, stallEvery, kernel.ms(), afterReceive.ms());
        }
    }

    /** RFC 3550 A.8 in floating point, 8 kHz clock. */
    private static final class Jitter {
        private double j;
        private double lastTransit;
        private boolean have;

        void onPacket(double rtpTs, long arrivalNanos) {
            double transit = arrivalNanos * 8000.0 / 1e9 - rtpTs;
            if (have) {
                j += (Math.abs(transit - lastTransit) - j) / 16;
            }
            lastTransit = transit;
            have = true;
        }

        double ms() {
            return j / 8.0;
        }
    }
}
