package io.sbc.signaling.gate;

import io.sbc.signaling.transport.ConnectionAdmission;
import io.sbc.signaling.transport.ListenPoint;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Stream connections (TCP, TLS, WS, WSS) per source address and in total (issue #6 "Streams"):
 * {@code limits.max-connections-per-source} of the realm the connection was accepted on (trusted
 * sources get {@link GateConfig#trustedBudgetFactor()} times it), and {@code maxTotal} over all.
 * The transport asks it as its {@link ConnectionAdmission} ({@link #admit} when it accepts a
 * connection and, only when that said yes, {@link #closed} when it closes); a refusal is closed at
 * once and counted as {@code sbc_gate_dropped_total{reason="connection_limit"}}.
 *
 * <p>Bounded: counts live in a fixed open-addressing table ({@code sources} entries, probe window
 * 8); a source that finds no slot is refused and counted, like one over its limit. A slot is freed
 * when its count returns to 0.
 *
 * <p>Threading: accepts and closes come from every event loop. They are per connection, not per
 * message, so the methods are {@code synchronized} (a short critical section over primitive
 * arrays); the message path never calls them.
 */
public final class ConnectionLimiter implements ConnectionAdmission {
    private static final int PROBE = 8;

    private final Gate gate;
    private int maxTotal;
    private final int mask;
    private final long[] keys;
    private final int[] counts;
    private int total;
    private long refusedPerSource;
    private long refusedTotal;
    private long refusedTableFull;

    /**
     * @param gate     realms, limits and trust come from the gate's policy
     * @param sources  table size, a power of two (e.g. 16,384)
     * @param maxTotal connections over all sources (the transport's {@code maxConnections})
     */
    public ConnectionLimiter(Gate gate, int sources, int maxTotal) {
        if (sources < 8 || Integer.bitCount(sources) != 1 || maxTotal < 1) {
            throw new IllegalArgumentException("sources must be a power of two >= 8, maxTotal >= 1");
        }
        this.gate = gate;
        this.maxTotal = maxTotal;
        this.mask = sources - 1;
        this.keys = new long[sources];
        this.counts = new int[sources];
    }

    /**
     * A reloaded policy's {@code limits.max-connections}. Connections already open stay; if they
     * exceed the new total, new ones are refused until enough close.
     */
    public synchronized void maxTotal(int newTotal) {
        if (newTotal < 1) {
            throw new IllegalArgumentException("maxTotal >= 1");
        }
        maxTotal = newTotal;
    }

    /** The transport's accept hook: {@link #tryOpen}, counting a refusal in the gate's drop counters. */
    @Override
    public boolean admit(ListenPoint listenPoint, InetSocketAddress remote) {
        if (tryOpen(listenPoint.realm(), remote.getAddress())) {
            return true;
        }
        gate.countConnectionRefused(gate.realmIndex(listenPoint.realm()));
        return false;
    }

    @Override
    public void closed(ListenPoint listenPoint, InetSocketAddress remote) {
        closed(remote.getAddress());
    }

    /** May {@code source} open one more connection on a listen point of {@code realm}? */
    public synchronized boolean tryOpen(String realm, InetAddress source) {
        if (total >= maxTotal) {
            refusedTotal++;
            return false;
        }
        int limit = gate.maxConnectionsPerSource(gate.realmIndex(realm), source);
        long key = SourceKey.of(source);
        int base = SourceKey.mix(key) & mask;
        int free = -1;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            if (keys[s] == key) {
                if (limit > 0 && counts[s] >= limit) {
                    refusedPerSource++;
                    return false;
                }
                counts[s]++;
                total++;
                return true;
            }
            if (keys[s] == 0 && free < 0) {
                free = s;
            }
        }
        if (free < 0) {
            refusedTableFull++;
            return false;
        }
        keys[free] = key;
        counts[free] = 1;
        total++;
        return true;
    }

    /** A connection {@link #tryOpen} admitted has closed. */
    public synchronized void closed(InetAddress source) {
        long key = SourceKey.of(source);
        int base = SourceKey.mix(key) & mask;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            if (keys[s] == key) {
                if (--counts[s] <= 0) {
                    keys[s] = 0;
                    counts[s] = 0;
                }
                total--;
                return;
            }
        }
    }

    public synchronized int open() {
        return total;
    }

    public synchronized int open(InetAddress source) {
        long key = SourceKey.of(source);
        int base = SourceKey.mix(key) & mask;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            if (keys[s] == key) {
                return counts[s];
            }
        }
        return 0;
    }

    /** Refusals: over the per-source limit, over the total, and sources that found no table slot. */
    public synchronized long refusedPerSource() {
        return refusedPerSource;
    }

    public synchronized long refusedTotal() {
        return refusedTotal;
    }

    public synchronized long refusedTableFull() {
        return refusedTableFull;
    }
}
