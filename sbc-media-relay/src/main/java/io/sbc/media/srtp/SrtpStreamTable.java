package io.sbc.media.srtp;

/**
 * Per-SSRC replay state of one crypto context: the highest packet index seen and a 64-entry replay
 * bitmap (RFC 3711 §3.3.2), for at most {@code capacity} SSRCs so memory stays bounded whatever a
 * peer sends. For SRTP the index is the 48-bit ROC·2^16 + SEQ (§3.3.1); for SRTCP it is the 31-bit
 * explicit SRTCP index (§3.4).
 *
 * <p>Entries are parallel primitive arrays searched linearly (a handful of SSRCs per media stream;
 * no boxing, no hashing). A slot is only ever added for a packet that authenticated (receive side)
 * or that we protect (send side), so unauthenticated traffic cannot fill the table. Entries are never
 * evicted: evicting would let an attacker replay an evicted SSRC's old packets.
 *
 * <p>Owner: the thread that owns the enclosing {@link SrtpContext}. Not thread-safe.
 */
final class SrtpStreamTable {
    static final int WINDOW = 64;

    private final int[] ssrcs;
    private final long[] highest;
    private final long[] bitmap;
    private int count;
    private int lastSlot;

    SrtpStreamTable(int capacity) {
        ssrcs = new int[capacity];
        highest = new long[capacity];
        bitmap = new long[capacity];
    }

    int size() {
        return count;
    }

    boolean isFull() {
        return count == ssrcs.length;
    }

    /** @return the slot of {@code ssrc}, or -1 */
    int find(int ssrc) {
        int last = lastSlot;
        if (last < count && ssrcs[last] == ssrc) {
            return last;
        }
        for (int i = 0; i < count; i++) {
            if (ssrcs[i] == ssrc) {
                lastSlot = i;
                return i;
            }
        }
        return -1;
    }

    /** Adds {@code ssrc} with {@code index} already received/sent; -1 if the table is full. */
    int add(int ssrc, long index) {
        if (count == ssrcs.length) {
            return -1;
        }
        int slot = count++;
        ssrcs[slot] = ssrc;
        highest[slot] = index;
        bitmap[slot] = 1L;
        lastSlot = slot;
        return slot;
    }

    long highest(int slot) {
        return highest[slot];
    }

    /**
     * RFC 3711 Appendix A: the index whose ROC (v) makes {@code seq} closest to the highest index seen.
     *
     * @return the estimated 48-bit index, or -1 if it would precede the stream's first ROC (v = -1)
     */
    long estimateRtpIndex(int slot, int seq) {
        long h = highest[slot];
        long roc = h >>> 16;
        int sl = (int) (h & 0xFFFF);
        long v;
        if (sl < 32768) {
            v = (seq - sl > 32768) ? roc - 1 : roc;
        } else {
            v = (sl - 32768 > seq) ? roc + 1 : roc;
        }
        if (v < 0) {
            return -1;
        }
        if (v > 0xFFFF_FFFFL) {
            return -2;
        }
        return (v << 16) | seq;
    }

    /** @return true if {@code index} is newer than, or inside the window and unseen (§3.3.2) */
    boolean isFresh(int slot, long index) {
        long delta = index - highest[slot];
        if (delta > 0) {
            return true;
        }
        if (-delta >= WINDOW) {
            return false;
        }
        return (bitmap[slot] & (1L << -delta)) == 0;
    }

    /** Records {@code index} after the packet authenticated (or was protected). */
    void record(int slot, long index) {
        long delta = index - highest[slot];
        if (delta > 0) {
            bitmap[slot] = delta >= WINDOW ? 1L : (bitmap[slot] << delta) | 1L;
            highest[slot] = index;
        } else {
            bitmap[slot] |= 1L << -delta;
        }
    }
}
