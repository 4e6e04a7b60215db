package io.sbc.signaling.gate;

/**
 * Per-source state of one realm on one event loop: a token bucket (as GCRA, the "virtual
 * scheduling" form of a token bucket: one theoretical arrival time per source), a decaying score
 * and the authentication-failure record of the NAT rule. Open addressing over fixed primitive
 * arrays: a key lives in one of {@link #PROBE} slots after its hash; a new key takes a free slot
 * there or evicts the least valuable one, so a flood of distinct (spoofed) sources churns the
 * table and never grows it.
 *
 * <p>Owner: the one thread whose shard holds it (single writer, no locks). Other threads only
 * read {@link #size()} approximately.
 */
final class SourceTable {
    static final int PROBE = 8;

    private final int mask;
    private final long[] keys;
    /** GCRA theoretical arrival time (ns): the bucket is full when it is at or before now. */
    private final long[] tat;
    private final int[] score;
    private final long[] scoreAt;
    /** One bit per username hash (mod 64) that failed authentication in the current window. */
    private final long[] authUsers;
    private final int[] authLastUser;
    private final int[] authSameUser;
    private final long[] authStart;
    private int size;
    private long evictions;

    SourceTable(int capacity) {
        mask = capacity - 1;
        keys = new long[capacity];
        tat = new long[capacity];
        score = new int[capacity];
        scoreAt = new long[capacity];
        authUsers = new long[capacity];
        authLastUser = new int[capacity];
        authSameUser = new int[capacity];
        authStart = new long[capacity];
    }

    /** The slot of {@code key}, inserting it (with a full bucket and no score) if absent. */
    int slot(long key, long now) {
        int base = SourceKey.mix(key) & mask;
        int free = -1;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            long k = keys[s];
            if (k == key) {
                return s;
            }
            if (k == 0 && free < 0) {
                free = s;
            }
        }
        if (free < 0) {
            free = victim(base, now);
            evictions++;
        } else {
            size++;
        }
        keys[free] = key;
        tat[free] = now;
        score[free] = 0;
        scoreAt[free] = now;
        authUsers[free] = 0;
        authLastUser[free] = 0;
        authSameUser[free] = 0;
        authStart[free] = now;
        return free;
    }

    /**
     * The least valuable entry of a full probe window: unscored before scored (a scored source is
     * on its way to a ban), then the one idle longest (earliest theoretical arrival time).
     */
    private int victim(int base, long now) {
        int best = -1;
        boolean bestScored = true;
        long bestTat = 0;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            boolean scored = score[s] > 0;
            long t = tat[s] - now;
            if (best < 0 || (bestScored && !scored) || (scored == bestScored && t < bestTat)) {
                best = s;
                bestScored = scored;
                bestTat = t;
            }
        }
        return best;
    }

    /**
     * Takes one token: true when the message fits the bucket ({@code burst} messages at once, then
     * one per {@code intervalNs}). GCRA: admit when {@code max(tat, now) + interval - now <= burst ×
     * interval}, then advance tat by one interval.
     */
    boolean take(int s, long now, long intervalNs, long toleranceNs) {
        long t = tat[s];
        if (t - now < 0) {
            t = now;
        }
        long next = t + intervalNs;
        if (next - now > toleranceNs) {
            return false;
        }
        tat[s] = next;
        return true;
    }

    /** Adds points to the slot's score after decaying it; returns the new score. */
    int addScore(int s, int points, long now, int decayPerSecond) {
        long elapsed = now - scoreAt[s];
        int current = score[s];
        if (elapsed >= 1_000_000_000L && current > 0) { // no division while a flood runs within the second
            long forgiven = elapsed / 1_000_000_000L * decayPerSecond;
            if (forgiven > 0) {
                current = forgiven >= current ? 0 : current - (int) forgiven;
                scoreAt[s] = now - elapsed % 1_000_000_000L;
            }
        } else if (current == 0) {
            scoreAt[s] = now;
        }
        long sum = (long) current + points;
        current = sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) sum;
        score[s] = current;
        return current;
    }

    int score(int s) {
        return score[s];
    }

    /**
     * Records a failed authentication for {@code userHash} and says whether the NAT rule now bans the
     * source: {@code sameUserLimit} consecutive failures of one username, or {@code distinctLimit}
     * distinct usernames failing within the window. Phones behind one NAT address that each fail a
     * few times stay below both.
     */
    boolean authFailure(int s, int userHash, long now, long windowNs, int sameUserLimit, int distinctLimit) {
        if (now - authStart[s] > windowNs) {
            authUsers[s] = 0;
            authSameUser[s] = 0;
            authStart[s] = now;
        }
        authUsers[s] |= 1L << (userHash & 63);
        if (authSameUser[s] > 0 && authLastUser[s] == userHash) {
            authSameUser[s]++;
        } else {
            authLastUser[s] = userHash;
            authSameUser[s] = 1;
        }
        return authSameUser[s] >= sameUserLimit || Long.bitCount(authUsers[s]) >= distinctLimit;
    }

    /** Forgets a source (after a manual unban, so it starts with a full bucket). */
    void remove(long key) {
        int base = SourceKey.mix(key) & mask;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            if (keys[s] == key) {
                keys[s] = 0;
                size--;
            }
        }
    }

    int size() {
        return size;
    }

    int capacity() {
        return mask + 1;
    }

    long evictions() {
        return evictions;
    }
}
