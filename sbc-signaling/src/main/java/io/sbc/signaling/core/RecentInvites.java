package io.sbc.signaling.core;

/**
 * The INVITEs a receiving thread has answered with 100 Trying on receipt, so a retransmission of one
 * is left to its server transaction (which re-sends its latest provisional response, RFC 3261
 * §17.2.1) rather than answered with a second 100 on top.
 *
 * <p>A direct-mapped table of 64-bit keys (Call-ID, CSeq number and top Via branch mixed): fixed size,
 * no allocation, no eviction policy. A key overwritten by a newer INVITE only means that a later
 * retransmission of the older one gets one extra 100, which any UAC ignores in the state it is in
 * (RFC 3261 §17.1.1.2); a false "seen" needs two INVITEs with the same 64-bit key.
 *
 * <p>Owned by one thread (one instance per receiving event loop).
 */
final class RecentInvites {
    /** 2^16 slots (512 KiB): at 2,000 new INVITEs/s a slot is reused after ~30 s on average. */
    static final int DEFAULT_SLOTS = 1 << 16;

    private final long[] keys;
    private final int mask;

    RecentInvites(int slots) {
        if (slots < 1 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.keys = new long[slots];
        this.mask = slots - 1;
    }

    /** True the first time this INVITE (by Call-ID, CSeq number and branch) is seen; records it. */
    boolean firstSeen(String callId, long cseq, String branch) {
        long k = key(callId, cseq, branch);
        int slot = (int) (k ^ (k >>> 29)) & mask;
        if (keys[slot] == k) {
            return false;
        }
        keys[slot] = k;
        return true;
    }

    private static long key(String callId, long cseq, String branch) {
        long h = callId.hashCode() * 0x9E3779B97F4A7C15L;
        h ^= (branch == null ? 0 : branch.hashCode()) * 0xC2B2AE3D27D4EB4FL;
        h ^= cseq * 0x165667B19E3779F9L;
        h ^= h >>> 31;
        return h == 0 ? 1 : h; // 0 marks an empty slot
    }
}
