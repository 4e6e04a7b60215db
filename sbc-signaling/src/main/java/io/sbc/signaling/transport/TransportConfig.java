package io.sbc.signaling.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and knobs of the transport layer. Every field is checked when the record is built.
 *
 * @param maxMessageBytes    largest SIP message accepted (start line + headers + body), in bytes.
 *                           Default 65536. Bigger messages raise {@link FrameListener#onOversize} (the
 *                           caller answers 513) and, on streams, close the connection. Bounds 512..16 MiB
 *                           (a UDP datagram never exceeds 65507 bytes whatever this says).
 * @param idleTimeout        a stream connection (TCP, TLS, WS, WSS) with no bytes read or written for
 *                           this long is closed. Default 300 s; at least 1 ms. CRLF keep-alives
 *                           (RFC 5626 §3.5.1) count as traffic.
 * @param ioThreads          event loops (threads named {@code sip-io-N}) shared by all listen points.
 *                           Default 1 (the build machines have 2 cores); bounds 1..256.
 * @param udpSocketsPerPoint UDP sockets bound per UDP listen point with SO_REUSEPORT, so the kernel
 *                           spreads datagrams over the event loops. Default 1. Values above 1 need
 *                           epoll (with NIO it falls back to 1 and logs it); at most {@code ioThreads}.
 * @param preferEpoll        use the native epoll transport when available (default true); false
 *                           forces NIO (used by tests to cover the fallback).
 * @param connectTimeout     how long an outbound TCP/TLS connect may take. Default 5 s.
 * @param maxConnections     open stream connections (accepted plus outbound) across all listen
 *                           points; an accept beyond it is closed at once and counted. Default 10000.
 * @param outboundTrustPem   CA PEM file used to verify servers on outbound TLS connections from a
 *                           listen point whose {@link TlsSettings#trustedCaPem()} is null; null means the
 *                           JDK default trust store.
 * @param maxPendingWriteBytes bytes the SBC may queue for one stream connection whose peer does not
 *                           read (beyond the kernel's socket buffer); a write past it closes the
 *                           connection. Default 1 MiB (16 of the largest messages); at least 4096. The
 *                           connection turns unwritable at a quarter of it.
 * @param unwritableTimeout  a stream connection that stays unwritable (its peer reads nothing) this
 *                           long is closed. Default 10 s; at least 1 ms.
 * @param tlsHandshakeTimeout a TLS/WSS connection whose handshake has not completed this long after
 *                           it opened is closed and counted ({@code security.tls-handshake-timeout}).
 *                           Default 10 s; at least 1 ms.
 * @param udpEdge            UDP listen sockets are read by a thread of their own ({@code sip-edge}) that
 *                           gates and parses each datagram, answers a new INVITE's 100 Trying at once,
 *                           and hands the message to the worker loop that owns its Call-ID. A new
 *                           INVITE's 100 then never waits behind the calls' work on the worker (issue
 *                           #5). Default true; epoll only (NIO serves UDP on the worker loops); with it
 *                           {@code udpSocketsPerPoint} is 1.
 * @param edgePriority       the {@code sip-edge} thread's real-time priority: 1..98 runs it under
 *                           {@code SCHED_FIFO} at that priority, 0 under normal scheduling. Default 1 on
 *                           a machine with 2 CPUs or more, else 0. Why: on a busy machine a thread woken by
 *                           a datagram waits for the running task's slice, milliseconds, and the edge's
 *                           work (gate, parse, 100 Trying) is short and latency-bound (bench/results/sip.md,
 *                           session 8: INVITE->100 p99 2.3 ms under normal scheduling, 0.26-0.31 ms
 *                           under FIFO, one 20 s step at 970 anchored calls/s). Priority 1 is the lowest real-time level: kernel
 *                           threads and other real-time tasks still come first, and the kernel's
 *                           real-time throttling ({@code sched_rt_runtime_us}) leaves the other tasks of a
 *                           CPU 5 % even under a flood. With one CPU the default stays 0, so a flood read
 *                           by the edge cannot starve the workers that own the calls. Needs
 *                           {@code CAP_SYS_NICE} or {@code RLIMIT_RTPRIO} (systemd {@code LimitRTPRIO=1});
 *                           without it, or without the native library, the edge runs under normal
 *                           scheduling and the log says why.
 */
public record TransportConfig(int maxMessageBytes, Duration idleTimeout, int ioThreads, int udpSocketsPerPoint,
        boolean preferEpoll, Duration connectTimeout, int maxConnections, Path outboundTrustPem,
        int maxPendingWriteBytes, Duration unwritableTimeout, Duration tlsHandshakeTimeout, boolean udpEdge,
        int edgePriority) {

    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65_536;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(300);
    public static final int DEFAULT_MAX_PENDING_WRITE_BYTES = 1 << 20;
    public static final Duration DEFAULT_UNWRITABLE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * SO_RCVBUF asked for every UDP listen socket: 4 MiB, about 3,000 typical SIP datagrams (the
     * kernel charges each its buffer's true size, ~1.3 KiB for a 600-byte message on loopback). The
     * Linux default (net.core.rmem_default, 208 KiB) holds about 150: a 20 ms pause of the event
     * loop (a young GC) at 1,000 calls/s (14 datagrams each) overflows it, the kernel drops, and every
     * drop costs a retransmission 500 ms later (RFC 3261 Timer A/E) and often a failed call. The
     * kernel caps the value at net.core.rmem_max; the effective size is logged at bind.
     */
    public static final int UDP_RECEIVE_BUFFER_BYTES = 4 << 20;

    public TransportConfig {
        if (maxMessageBytes < 512 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be 512..16777216: " + maxMessageBytes);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("idleTimeout must be at least 1 ms: " + idleTimeout);
        }
        if (ioThreads < 1 || ioThreads > 256) {
            throw new IllegalArgumentException("ioThreads must be 1..256: " + ioThreads);
        }
        if (udpSocketsPerPoint < 1 || udpSocketsPerPoint > ioThreads) {
            throw new IllegalArgumentException("udpSocketsPerPoint must be 1..ioThreads (" + ioThreads + "): "
                    + udpSocketsPerPoint);
        }
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.toMillis() < 1 || connectTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("connectTimeout out of range: " + connectTimeout);
        }
        if (edgePriority < 0 || edgePriority > MAX_EDGE_PRIORITY) {
            throw new IllegalArgumentException("edgePriority must be 0.." + MAX_EDGE_PRIORITY + ": " + edgePriority);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive: " + maxConnections);
        }
        if (maxPendingWriteBytes < 4096) {
            throw new IllegalArgumentException("maxPendingWriteBytes must be at least 4096: " + maxPendingWriteBytes);
        }
        Objects.requireNonNull(unwritableTimeout, "unwritableTimeout");
        if (unwritableTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("unwritableTimeout must be at least 1 ms: " + unwritableTimeout);
        }
        Objects.requireNonNull(tlsHandshakeTimeout, "tlsHandshakeTimeout");
        if (tlsHandshakeTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("tlsHandshakeTimeout must be at least 1 ms: " + tlsHandshakeTimeout);
        }
    }

    /** Highest {@link #edgePriority()}: 99 is left to the kernel's own real-time threads (watchdogs). */
    public static final int MAX_EDGE_PRIORITY = 98;

    /** {@link #edgePriority()}'s default on a machine with {@code cpus} CPUs. */
    public static int defaultEdgePriority(int cpus) {
        return cpus >= 2 ? 1 : 0;
    }

    /** The defaults documented on each field. */
    public static TransportConfig defaults() {
        return new TransportConfig(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_IDLE_TIMEOUT, 1, 1, true,
                Duration.ofSeconds(5), 10_000, null, DEFAULT_MAX_PENDING_WRITE_BYTES, DEFAULT_UNWRITABLE_TIMEOUT,
                DEFAULT_TLS_HANDSHAKE_TIMEOUT, true, defaultEdgePriority(Runtime.getRuntime().availableProcessors()));
    }

    public TransportConfig withMaxMessageBytes(int value) {
        return new TransportConfig(value, idleTimeout, ioThreads, udpSocketsPerPoint, preferEpoll, connectTimeout,
                maxConnections, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout, tlsHandshakeTimeout,
                udpEdge, edgePriority);
    }

    public TransportConfig withIdleTimeout(Duration value) {
        return new TransportConfig(maxMessageBytes, value, ioThreads, udpSocketsPerPoint, preferEpoll, connectTimeout,
                maxConnections, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout, tlsHandshakeTimeout,
                udpEdge, edgePriority);
    }

    public TransportConfig withIoThreads(int threads, int udpSockets) {
        return new TransportConfig(maxMessageBytes, idleTimeout, threads, udpSockets, preferEpoll, connectTimeout,
                maxConnections, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout, tlsHandshakeTimeout,
                udpEdge, edgePriority);
    }

    public TransportConfig withPreferEpoll(boolean value) {
        return new TransportConfig(maxMessageBytes, idleTimeout, ioThreads, udpSocketsPerPoint, value, connectTimeout,
                maxConnections, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout, tlsHandshakeTimeout,
                udpEdge, edgePriority);
    }

    public TransportConfig withMaxConnections(int value) {
        return new TransportConfig(maxMessageBytes, idleTimeout, ioThreads, udpSocketsPerPoint, preferEpoll,
                connectTimeout, value, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout, tlsHandshakeTimeout,
                udpEdge, edgePriority);
    }

    public TransportConfig withOutboundTrustPem(Path value) {
        return new TransportConfig(maxMessageBytes, idleTimeout, ioThreads, udpSocketsPerPoint, preferEpoll,
                connectTimeout, maxConnections, value, maxPendingWriteBytes, unwritableTimeout, tlsHandshakeTimeout,
                udpEdge, edgePriority);
    }

    /** The write backlog bounds of slow readers: {@code maxPendingWriteBytes} and {@code unwritableTimeout}. */
    public TransportConfig withWriteBacklog(int maxPending, Duration unwritable) {
        return new TransportConfig(maxMessageBytes, idleTimeout, ioThreads, udpSocketsPerPoint, preferEpoll,
                connectTimeout, maxConnections, outboundTrustPem, maxPending, unwritable, tlsHandshakeTimeout,
                udpEdge, edgePriority);
    }

    public TransportConfig withUdpEdge(boolean value) {
        return new TransportConfig(maxMessageBytes, idleTimeout, ioThreads, udpSocketsPerPoint, preferEpoll,
                connectTimeout, maxConnections, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout,
                tlsHandshakeTimeout, value, edgePriority);
    }

    public TransportConfig withEdgePriority(int value) {
        return new TransportConfig(maxMessageBytes, idleTimeout, ioThreads, udpSocketsPerPoint, preferEpoll,
                connectTimeout, maxConnections, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout,
                tlsHandshakeTimeout, udpEdge, value);
    }

    public TransportConfig withTlsHandshakeTimeout(Duration value) {
        return new TransportConfig(maxMessageBytes, idleTimeout, ioThreads, udpSocketsPerPoint, preferEpoll,
                connectTimeout, maxConnections, outboundTrustPem, maxPendingWriteBytes, unwritableTimeout, value,
                udpEdge, edgePriority);
    }
}
