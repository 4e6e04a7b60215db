package io.sbc.signaling.gate;

import io.sbc.signaling.message.Via;

import java.util.concurrent.ConcurrentHashMap;
import java.util.random.RandomGenerator;

/**
 * RFC 7339 overload control, the client side: the SBC announces support in the Via of the
 * requests it sends (an {@code oc} flag), and a downstream gateway that is overloaded answers with
 * {@code oc=N;oc-validity=MS;oc-seq=S} in that Via. For {@code oc-validity} ms after such a
 * response, {@link #divert} says yes to N% of new calls toward that gateway, which then try the
 * next gateway of their plan (or get 503 when none is left), as §5.3 ("loss" algorithm) asks.
 * A response with {@code oc=0} or {@code oc-validity=0} ends the reduction; an {@code oc-seq}
 * older than the last one seen is ignored (§5.4).
 *
 * <p>Keyed by the gateway's IP address as text (gateways are IP literals in the policy); bounded
 * by {@link #MAX_PEERS} entries, a new peer past it is not tracked (counted). Only responses that
 * carry {@code oc} reach the table, so the message path costs one parameter lookup.
 *
 * <p>Threading: any event loop; a concurrent map of immutable entries.
 */
public final class PeerOverload {
    public static final int MAX_PEERS = 4096;
    /** Longest validity honoured, whatever a peer asks (a bogus huge value cannot shut a gateway for ever). */
    public static final long MAX_VALIDITY_MS = 3_600_000;

    private record Entry(int loss, long untilNanos, double seq) {}

    private final ConcurrentHashMap<String, Entry> peers = new ConcurrentHashMap<>();
    private long untracked;

    /** Records the {@code oc} values of a response from {@code peer} whose top Via is {@code top}. */
    public void onResponse(java.net.InetSocketAddress peer, Via top, long nowNanos) {
        if (top == null) {
            return;
        }
        String oc = top.param("oc");
        if (oc == null || oc.isEmpty()) {
            return; // no value: our own announcement, not an answer
        }
        record(peer.getAddress().getHostAddress(), top, oc, nowNanos);
    }

    private void record(String peerIp, Via top, String oc, long nowNanos) {
        int loss = parseInt(oc, 100);
        long validityMs = parseInt(top.param("oc-validity"), -1);
        if (loss < 0 || validityMs < 0) {
            return; // malformed: ignore (the values are advisory)
        }
        double seq = parseSeq(top.param("oc-seq"));
        Entry previous = peers.get(peerIp);
        if (previous != null && seq < previous.seq()) {
            return; // reordered: an older value
        }
        if (loss == 0 || validityMs == 0) {
            peers.remove(peerIp);
            return;
        }
        if (previous == null && peers.size() >= MAX_PEERS) {
            untracked++;
            return;
        }
        long until = nowNanos + Math.min(validityMs, MAX_VALIDITY_MS) * 1_000_000L;
        peers.put(peerIp, new Entry(Math.min(loss, 100), until, seq));
    }

    /** True when a new call toward {@code peerIp} should go elsewhere (RFC 7339 "loss": N% of them). */
    public boolean divert(String peerIp, RandomGenerator random, long nowNanos) {
        if (peers.isEmpty()) {
            return false;
        }
        Entry e = peers.get(peerIp);
        if (e == null) {
            return false;
        }
        if (nowNanos - e.untilNanos() >= 0) {
            peers.remove(peerIp, e);
            return false;
        }
        return random.nextInt(100) < e.loss();
    }

    /** The reduction in force toward a peer (0 when none). */
    public int loss(String peerIp, long nowNanos) {
        Entry e = peers.get(peerIp);
        return e == null || nowNanos - e.untilNanos() >= 0 ? 0 : e.loss();
    }

    /** Peers not tracked because the table was full. */
    public long untracked() {
        return untracked;
    }

    private static int parseInt(String s, int onError) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return onError;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static double parseSeq(String s) {
        if (s == null || s.isEmpty() || s.length() > 32) {
            return 0;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
