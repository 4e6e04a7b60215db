package io.sbc.bench.nativeio;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import io.sbc.nativeio.NativeLibrary;
import io.sbc.nativeio.SocketDescriptors;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Does recvmmsg/sendmmsg (libsbcnative.so) forward datagrams measurably faster than the relay's
 * pure-Java path (one {@code DatagramChannel.receive} and one {@code send} per datagram)? Issue #8
 * wires batching into the relay only for a gain of at least 20%.
 *
 * <p>One op is one 172-byte RTP-sized datagram through a forwarder socket pair on loopback, all on
 * the benchmark thread so the comparison does not depend on how the shared machine schedules a
 * second thread. Per invocation: a generator sends {@link #BURST} datagrams (sendmmsg in both modes)
 * in bursts of {@code burst}; for each burst the forwarder under test moves what its socket holds to
 * a sink (copying each datagram through a {@code byte[]}, as the relay's packet path works on
 * arrays); the sink drains them (recvmmsg in both modes). Only the forwarder differs: {@code nio} =
 * 2 syscalls per datagram, {@code mmsg} = 2 per burst. {@code burst} is how many datagrams wait on
 * one socket when the worker gets to it: 1 is the relay's usual case (many calls at 50 pps each,
 * each socket polled every few µs), 32 a backlog (overload, or one high-rate stream).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BatchForwardBenchmark {

    static final int BURST = 32;
    static final int SLOT = 2048;
    static final int PACKET = 172;

    @Param({"nio", "mmsg"})
    public String mode;

    @Param({"1", "4", "32"})
    public int burst;

    private DatagramChannel gen;
    private DatagramChannel fwdIn;
    private DatagramChannel fwdOut;
    private DatagramChannel sink;
    private int genFd;
    private int fwdInFd;
    private int fwdOutFd;
    private int sinkFd;
    private InetSocketAddress sinkAddress;
    private byte[] sinkIp;
    private final ByteBuffer genSlots = ByteBuffer.allocateDirect(SLOT * BURST);
    private final ByteBuffer genMeta = NativeDatagrams.newMetaBuffer(BURST);
    private final ByteBuffer fwdSlots = ByteBuffer.allocateDirect(SLOT * BURST);
    private final ByteBuffer fwdMeta = NativeDatagrams.newMetaBuffer(BURST);
    private final ByteBuffer sinkSlots = ByteBuffer.allocateDirect(SLOT * BURST);
    private final ByteBuffer sinkMeta = NativeDatagrams.newMetaBuffer(BURST);
    private final ByteBuffer rx = ByteBuffer.allocateDirect(SLOT + 1);
    private final ByteBuffer tx = ByteBuffer.allocateDirect(SLOT);
    private final byte[] packet = new byte[SLOT];
    /** Datagrams the kernel dropped or the forwarder lost, so a broken run cannot look fast. */
    public long lost;

    private static DatagramChannel open(InetAddress lo) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
        ch.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
        ch.bind(new InetSocketAddress(lo, 0));
        ch.configureBlocking(false);
        return ch;
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!NativeLibrary.isAvailable()) {
            throw new IllegalStateException(NativeLibrary.describe());
        }
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        gen = open(lo);
        fwdIn = open(lo);
        fwdOut = open(lo);
        sink = open(lo);
        genFd = SocketDescriptors.fdOf(gen);
        fwdInFd = SocketDescriptors.fdOf(fwdIn);
        fwdOutFd = SocketDescriptors.fdOf(fwdOut);
        sinkFd = SocketDescriptors.fdOf(sink);
        if (genFd < 0 || fwdInFd < 0) {
            throw new IllegalStateException(SocketDescriptors.unavailableReason());
        }
        sinkAddress = (InetSocketAddress) sink.getLocalAddress();
        InetSocketAddress fwdAddress = (InetSocketAddress) fwdIn.getLocalAddress();
        byte[] fwdIp = fwdAddress.getAddress().getAddress();
        sinkIp = sinkAddress.getAddress().getAddress();
        for (int i = 0; i < BURST; i++) {
            genSlots.put(i * SLOT, (byte) 0x80);
            NativeDatagrams.setTarget(genMeta, i, PACKET, fwdIp, fwdAddress.getPort());
            // The relay sends every datagram of a leg to the same latched peer.
            NativeDatagrams.setTarget(fwdMeta, i, PACKET, sinkIp, sinkAddress.getPort());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        gen.close();
        fwdIn.close();
        fwdOut.close();
        sink.close();
        if (lost > 0) {
            System.out.println("lost datagrams: " + lost);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public int forward() throws IOException {
        int drained = 0;
        for (int at = 0; at < BURST; at += burst) {
            int sent = NativeDatagrams.sendBatch(genFd, genSlots, SLOT, burst, genMeta);
            int moved = "mmsg".equals(mode) ? forwardBatched(sent) : forwardNio(sent);
            int got = 0;
            while (got < moved) {
                int n = NativeDatagrams.receiveBatch(sinkFd, sinkSlots, SLOT, BURST, sinkMeta);
                if (n <= 0) {
                    if (n != -Errno.EAGAIN) {
                        throw new IOException("sink: " + Errno.describe(n));
                    }
                    // Loopback delivers in the sender's context, so an empty sink means a drop.
                    break;
                }
                got += n;
            }
            drained += got;
        }
        lost += BURST - drained;
        return drained;
    }

    /** The relay's path today: receive one, copy to the packet array, copy back, send one. */
    private int forwardNio(int expected) throws IOException {
        int moved = 0;
        for (int i = 0; i < expected; i++) {
            rx.clear();
            if (fwdIn.receive(rx) == null) {
                break;
            }
            int n = rx.position();
            rx.flip();
            rx.get(packet, 0, n);
            tx.clear();
            tx.put(packet, 0, n).flip();
            if (fwdOut.send(tx, sinkAddress) > 0) {
                moved++;
            }
        }
        return moved;
    }

    /** One recvmmsg and one sendmmsg per burst, with the same per-packet copies through the array. */
    private int forwardBatched(int expected) throws IOException {
        int n = NativeDatagrams.receiveBatch(fwdInFd, fwdSlots, SLOT, Math.max(1, expected), fwdMeta);
        if (n <= 0) {
            return 0;
        }
        for (int i = 0; i < n; i++) {
            int len = Math.min(NativeDatagrams.length(fwdMeta, i), SLOT);
            fwdSlots.get(i * SLOT, packet, 0, len);
            fwdSlots.put(i * SLOT, packet, 0, len);
            // recvmmsg wrote each source into the record; point it at the peer again.
            NativeDatagrams.setTarget(fwdMeta, i, len, sinkIp, sinkAddress.getPort());
        }
        int sent = NativeDatagrams.sendBatch(fwdOutFd, fwdSlots, SLOT, n, fwdMeta);
        return Math.max(sent, 0);
    }
}
