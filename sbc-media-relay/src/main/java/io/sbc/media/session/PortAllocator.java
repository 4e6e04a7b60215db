package io.sbc.media.session;

import java.time.Duration;
import java.util.BitSet;
import java.util.function.LongSupplier;

/**
 * Allocates relay UDP ports from a configured range: RTP on an even port with RTCP on the next odd
 * one (RFC 3550 §11), or a single port for an rtcp-mux stream (RFC 5761). A released port is
 * quarantined for a while before reuse so late packets of an ended call are not delivered into a new
 * one. Allocation walks the range round-robin from where the last one ended, which spreads
 * reuse and keeps allocation O(1) amortised while the range is mostly free.
 *
 * <p>Owner: the relay control thread (the ng dispatcher). Not thread-safe.
 */
public final class PortAllocator {
    /**
     * Default quarantine before a released port is handed out again: 2 s. The quarantine only has to
     * outlast RTP/RTCP already in flight when a call ends (jitter buffers and network queues hold well
     * under a second), and a stray packet arriving later is still dropped by strict source latching
     * (the new call's streams accept only their own latched peers). Round-robin allocation leaves a
     * released port unused for a whole walk of the range anyway while the range is mostly free. A
     * long quarantine, on the other hand, caps the call rate: every call holds its 4 ports for its
     * duration plus the quarantine, so 30 s at 1,500 set-ups per second needed 180,000 ports, more
     * than a host has. rtpengine reuses ports without any time quarantine. Policy key
     * {@code media.port-quarantine}, {@code ops/sbc relay --port-quarantine}.
     */
    public static final Duration DEFAULT_QUARANTINE = Duration.ofSeconds(2);
    /** Upper bound of the quarantine an operator can set (policy and command line). */
    public static final Duration MAX_QUARANTINE = Duration.ofMinutes(5);

    private final int low;
    private final int high;
    private final long quarantineNs;
    private final LongSupplier nanoClock;
    private final BitSet inUse;
    private final long[] quarantinedUntilNs;
    private final boolean[] quarantined;
    private int cursor;
    private int used;

    /**
     * @param lowPort    first port of the range (inclusive), 1..65535
     * @param highPort   last port of the range (inclusive), at least lowPort + 1
     * @param quarantine how long a released port stays unusable, 0..{@link #MAX_QUARANTINE}; zero reuses at once
     * @param nanoClock  monotonic time source in nanoseconds (System::nanoTime; a virtual clock in tests)
     */
    public PortAllocator(int lowPort, int highPort, Duration quarantine, LongSupplier nanoClock) {
        if (lowPort < 1 || highPort > 65535 || highPort <= lowPort) {
            throw new IllegalArgumentException("bad port range " + lowPort + "-" + highPort);
        }
        if (quarantine.isNegative() || quarantine.compareTo(MAX_QUARANTINE) > 0) {
            throw new IllegalArgumentException("port quarantine must be 0.." + MAX_QUARANTINE + ", got " + quarantine);
        }
        this.low = lowPort;
        this.high = highPort;
        this.quarantineNs = quarantine.toNanos();
        this.nanoClock = nanoClock;
        int size = highPort - lowPort + 1;
        this.inUse = new BitSet(size);
        this.quarantinedUntilNs = new long[size];
        this.quarantined = new boolean[size];
        this.cursor = 0;
    }

    public int lowPort() {
        return low;
    }

    public int highPort() {
        return high;
    }

    /** The configured quarantine of a released port. */
    public Duration quarantine() {
        return Duration.ofNanos(quarantineNs);
    }

    /** Ports currently allocated (not counting quarantined ones). */
    public int portsInUse() {
        return used;
    }

    private boolean available(int idx, long now) {
        if (inUse.get(idx)) {
            return false;
        }
        if (quarantined[idx]) {
            if (now - quarantinedUntilNs[idx] < 0) {
                return false;
            }
            quarantined[idx] = false;
        }
        return true;
    }

    /** An even RTP port whose odd successor (RTCP) is also free, both now marked in use; -1 when exhausted. */
    public int allocatePair() {
        long now = nanoClock.getAsLong();
        int size = high - low + 1;
        for (int n = 0; n < size; n++) {
            int idx = (cursor + n) % size;
            int port = low + idx;
            if ((port & 1) != 0 || port + 1 > high) {
                continue;
            }
            if (available(idx, now) && available(idx + 1, now)) {
                inUse.set(idx);
                inUse.set(idx + 1);
                used += 2;
                cursor = (idx + 2) % size;
                return port;
            }
        }
        return -1;
    }

    /** A single port (rtcp-mux streams), preferring even ports; -1 when exhausted. */
    public int allocateSingle() {
        long now = nanoClock.getAsLong();
        int size = high - low + 1;
        int odd = -1;
        for (int n = 0; n < size; n++) {
            int idx = (cursor + n) % size;
            if (available(idx, now)) {
                if (((low + idx) & 1) == 0) {
                    return take(idx, size);
                }
                if (odd < 0) {
                    odd = idx;
                }
            }
        }
        return odd < 0 ? -1 : take(odd, size);
    }

    private int take(int idx, int size) {
        inUse.set(idx);
        used++;
        cursor = (idx + 1) % size;
        return low + idx;
    }

    /** Releases one port into quarantine; unknown or free ports are ignored. */
    public void release(int port) {
        if (port < low || port > high) {
            return;
        }
        int idx = port - low;
        if (!inUse.get(idx)) {
            return;
        }
        inUse.clear(idx);
        used--;
        quarantined[idx] = true;
        quarantinedUntilNs[idx] = nanoClock.getAsLong() + quarantineNs;
    }

    /** Releases an RTP/RTCP pair allocated by {@link #allocatePair()}. */
    public void releasePair(int rtpPort) {
        release(rtpPort);
        release(rtpPort + 1);
    }
}
