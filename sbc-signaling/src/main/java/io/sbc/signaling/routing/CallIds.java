package io.sbc.signaling.routing;

import io.sbc.signaling.transaction.SipTokens;

/**
 * Call-IDs for the outbound leg. The dispatcher hands every message to the worker
 * {@code (callId.hashCode() & 0x7fffffff) % workers}; a B2BUA call must see both legs on one
 * event loop (single writer), so a fresh Call-ID is drawn until it hashes to the inbound leg's
 * worker. Each draw lands on the right worker with probability 1/workers, so the expected number of
 * draws is {@code workers}; {@link #MAX_DRAWS} bounds the loop and a suffix search finishes it.
 *
 * <p>The value is 128 random bits in hex with no host part: nothing about either side's topology.
 */
public final class CallIds {
    /** Draws before falling back to varying a suffix (at 64 workers, 1 - (63/64)^256 > 98%). */
    static final int MAX_DRAWS = 256;

    private CallIds() {
    }

    /** The worker that owns {@code callId}; the same function as the inbound dispatcher's. */
    public static int ownerIndex(String callId, int workers) {
        return (callId.hashCode() & 0x7fffffff) % workers;
    }

    /** A new Call-ID owned by worker {@code owner} of {@code workers}. */
    public static String sameOwner(int owner, int workers) {
        if (workers <= 1) {
            return SipTokens.newTag() + SipTokens.newTag();
        }
        for (int i = 0; i < MAX_DRAWS; i++) {
            String id = SipTokens.newTag() + SipTokens.newTag();
            if (ownerIndex(id, workers) == owner) {
                return id;
            }
        }
        String base = SipTokens.newTag() + SipTokens.newTag();
        for (int s = 0; ; s++) {
            // Appending a character changes the hash by a step of the polynomial, so every residue is
            // reached within a few hundred suffixes.
            String id = base + Integer.toHexString(s);
            if (ownerIndex(id, workers) == owner) {
                return id;
            }
        }
    }
}
