package io.sbc.media.io;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * One bound, non-blocking UDP socket as the relay's packet path sees it: receive one datagram into a
 * byte array, learn its source, send one datagram to a target.
 *
 * <p>This is the seam behind which the socket layer lives (pure-Java NIO today, see
 * {@link NioDatagramTransport}; a JNI recvmmsg/sendmmsg implementation may come from the
 * {@code native} module). Implementations must not allocate per datagram in steady state.
 *
 * <p>Owner: the relay worker thread that polls it. Only {@link #close()} may be called from another
 * thread, and only after the worker has deregistered the endpoint.
 */
public interface DatagramEndpoint extends AutoCloseable {

    /** The local UDP port this endpoint is bound to. */
    int localPort();

    /**
     * Receives one datagram into {@code buf[off..off+maxLen)}.
     *
     * @return the datagram length, or {@code -1} when no datagram is waiting; never blocks. A value
     *     above {@code maxLen} means the datagram was too long: only {@code maxLen} bytes were copied
     *     and the caller must drop it
     * @throws IOException on a socket error (the caller counts it and carries on)
     */
    int receive(byte[] buf, int off, int maxLen) throws IOException;

    /**
     * The source of the datagram last returned by {@link #receive}. The returned object may be the
     * same instance across calls (implementations cache it while the source does not change), so
     * callers must compare it with {@code equals} and never keep it as a latched address without
     * knowing it is immutable. {@link InetSocketAddress} is immutable, so keeping it is safe.
     */
    InetSocketAddress lastSource();

    /**
     * When the kernel stamped the datagram last returned by {@link #receive} on arrival
     * ({@code SO_TIMESTAMPNS}), in {@link System#nanoTime()} units; -1 when this endpoint has no
     * kernel timestamps (the caller then uses its own clock). The relay's jitter (RFC 3550 A.8) is
     * computed from arrival times, and a clock read by a busy worker after draining a batch gives
     * every datagram of the batch the same arrival time.
     */
    default long lastArrivalNanos() {
        return -1;
    }

    /**
     * Sends {@code buf[off..off+len)} to {@code target}.
     *
     * @return true if the kernel accepted the datagram, false if its send buffer was full or the
     *     datagram is longer than the endpoint can send (the datagram is dropped, as UDP would)
     * @throws IOException on a socket error
     */
    boolean send(byte[] buf, int off, int len, InetSocketAddress target) throws IOException;

    /**
     * Associates the socket with one peer ({@code connect(2)}), so that a {@link #send} to that peer
     * skips the kernel's route lookup per datagram. The kernel then delivers datagrams from that peer
     * only: every other source is dropped before the relay sees it (not counted as a source mismatch,
     * and answered with ICMP port unreachable), and an ICMP port unreachable from the peer fails the
     * next send. Sends to other targets still work.
     *
     * @return true if connected, false if this socket layer does not connect (nothing changed)
     * @throws IOException if the kernel refused
     */
    default boolean connect(InetSocketAddress peer) throws IOException {
        return false;
    }

    /** Dissolves a {@link #connect} association ({@code AF_UNSPEC}); no-op when not connected. */
    default void disconnect() throws IOException {
    }

    /** Closes the socket; idempotent. */
    @Override
    void close();
}
