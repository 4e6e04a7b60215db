package io.sbc.signaling.gate;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Banned sources, shared by every event loop and the admin thread: fixed primitive arrays, open
 * addressing with a probe window of {@link #PROBE} slots, expiry checked on lookup (an expired
 * entry is a free slot). Manual bans take precedence: an automatic ban never shortens or replaces
 * a manual one and never evicts one.
 *
 * <p>Concurrency without locks: each slot has a sequence number (a seqlock). Readers (every
 * message) never wait: they read the sequence, the slot, and the sequence again, and retry on a
 * change. Writers (a new ban: rare, once per banned source) claim a slot by CAS from an even to an
 * odd sequence, write, and publish the next even value; a writer that loses the race searches
 * again. A reader therefore never sees a key with another key's expiry (which could ban an
 * innocent source).
 */
final class BanTable {
    static final int PROBE = 8;
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(int[].class);
    private static final int MAX_WRITE_ATTEMPTS = 64;

    /** A ban as the admin API lists it. */
    record Ban(long key, BanReason reason, String realm, long remainingNs) {}

    private final int mask;
    private final int[] seq;
    private final long[] keys;
    private final long[] until;
    /** reason ordinal in bits 0..7, realm index in bits 8..31. */
    private final int[] info;

    BanTable(int capacity) {
        mask = capacity - 1;
        seq = new int[capacity];
        keys = new long[capacity];
        until = new long[capacity];
        info = new int[capacity];
    }

    /**
     * The reason {@code key} is banned at {@code now}, or null. Allocates nothing, takes no lock.
     */
    BanReason lookup(long key, long now) {
        int base = SourceKey.mix(key) & mask;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            for (int attempt = 0; attempt < 4; attempt++) {
                int before = (int) SEQ.getAcquire(seq, s);
                long k = keys[s];
                long u = until[s];
                int inf = info[s];
                VarHandle.loadLoadFence();
                int after = (int) SEQ.getAcquire(seq, s);
                if (before == after && (before & 1) == 0) {
                    if (k == key && u - now > 0) {
                        return REASONS[inf & 0xff];
                    }
                    break;
                }
                Thread.onSpinWait();
            }
        }
        return null;
    }

    private static final BanReason[] REASONS = BanReason.values();

    /**
     * Bans {@code key} until {@code untilNs}. Returns false when the window is full of manual bans
     * (or, for an automatic ban, when the source is already banned manually) — a counted refusal.
     */
    boolean ban(long key, long untilNs, BanReason reason, int realmIndex, long now) {
        boolean manual = reason == BanReason.MANUAL;
        int base = SourceKey.mix(key) & mask;
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            int target = -1;
            int free = -1;
            int victim = -1;
            long victimUntil = 0;
            for (int i = 0; i < PROBE; i++) {
                int s = (base + i) & mask;
                long k = keys[s];
                boolean live = k != 0 && until[s] - now > 0;
                if (k == key && live) {
                    target = s;
                    break;
                }
                if (!live) {
                    if (free < 0) {
                        free = s;
                    }
                } else if ((info[s] & 0xff) != BanReason.MANUAL.ordinal()
                        && (victim < 0 || until[s] - victimUntil < 0)) {
                    victim = s;
                    victimUntil = until[s];
                }
            }
            int s;
            if (target >= 0) {
                boolean existingManual = (info[target] & 0xff) == BanReason.MANUAL.ordinal();
                if (existingManual && !manual) {
                    return false;
                }
                if (!manual && untilNs - until[target] <= 0) {
                    return true;
                }
                s = target;
            } else if (free >= 0) {
                s = free;
            } else if (victim >= 0) {
                s = victim;
            } else {
                return false;
            }
            long seen = keys[s];
            int sq = (int) SEQ.getAcquire(seq, s);
            if ((sq & 1) != 0 || !SEQ.compareAndSet(seq, s, sq, sq + 1)) {
                Thread.onSpinWait();
                continue;
            }
            if (keys[s] != seen) {
                // Another writer changed the slot between our search and our claim: search again.
                SEQ.setRelease(seq, s, sq + 2);
                continue;
            }
            keys[s] = key;
            until[s] = untilNs;
            info[s] = reason.ordinal() | realmIndex << 8;
            SEQ.setRelease(seq, s, sq + 2);
            return true;
        }
        return false;
    }

    /** Lifts every ban of {@code key}; true when one was live. */
    boolean unban(long key, long now) {
        int base = SourceKey.mix(key) & mask;
        boolean lifted = false;
        for (int i = 0; i < PROBE; i++) {
            int s = (base + i) & mask;
            for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
                int sq = (int) SEQ.getAcquire(seq, s);
                if (keys[s] != key) {
                    break;
                }
                if ((sq & 1) != 0 || !SEQ.compareAndSet(seq, s, sq, sq + 1)) {
                    Thread.onSpinWait();
                    continue;
                }
                if (keys[s] == key) {
                    lifted |= until[s] - now > 0;
                    keys[s] = 0;
                    until[s] = 0;
                    info[s] = 0;
                }
                SEQ.setRelease(seq, s, sq + 2);
                break;
            }
        }
        return lifted;
    }

    /** Live bans (scans the table: for the admin API and the gauge, not the message path). */
    int active(long now) {
        int n = 0;
        for (int s = 0; s <= mask; s++) {
            if (keys[s] != 0 && until[s] - now > 0) {
                n++;
            }
        }
        return n;
    }

    List<Ban> list(long now, String[] realmNames) {
        List<Ban> out = new ArrayList<>();
        for (int s = 0; s <= mask; s++) {
            int before = (int) SEQ.getAcquire(seq, s);
            long k = keys[s];
            long u = until[s];
            int inf = info[s];
            VarHandle.loadLoadFence();
            if (before != (int) SEQ.getAcquire(seq, s) || (before & 1) != 0) {
                continue;
            }
            if (k != 0 && u - now > 0) {
                int realm = inf >>> 8;
                out.add(new Ban(k, REASONS[inf & 0xff], realm < realmNames.length ? realmNames[realm] : "", u - now));
            }
        }
        return out;
    }

    int capacity() {
        return mask + 1;
    }
}
