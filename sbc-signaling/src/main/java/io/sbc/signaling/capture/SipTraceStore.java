package io.sbc.signaling.capture;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The recent SIP messages of recent calls, by Call-ID, for {@code GET /api/calls/{call-id}/trace}.
 * Bounded three ways so no traffic can grow it: at most {@code maxCalls} calls (oldest evicted), at
 * most {@link #MESSAGES_PER_CALL} messages per call (a ring: the newest kept), each message stored
 * up to {@link #MAX_STORED_BYTES}, and a total byte budget. Lock-free: event loops write, the admin
 * thread reads.
 */
public final class SipTraceStore implements SipCapture {
    public static final int MESSAGES_PER_CALL = 64;
    public static final int MAX_STORED_BYTES = 8 * 1024;

    /**
     * One traced message. It keeps the addresses and a copy of the bytes as received or sent, and
     * formats them only when read ({@link #source()}, {@link #destination()}, {@link #text()}): the
     * store is written for every message of every call and read only by the admin API, and the
     * formatting done on write (two address strings and a decoded copy per message) was about 8%
     * of the signaling thread's Java time under a calls-per-second load (bench/results/sip.md).
     *
     * @param omitted bytes of the message beyond {@link #MAX_STORED_BYTES}, not kept
     */
    public record Entry(long timeMicros, boolean inbound, String transport, InetSocketAddress from,
            InetSocketAddress to, byte[] raw, int omitted) {

        public String source() {
            return address(from);
        }

        public String destination() {
            return address(to);
        }

        public String text() {
            String t = new String(raw, StandardCharsets.ISO_8859_1);
            return omitted > 0 ? t + "\n[... " + omitted + " more bytes not kept]" : t;
        }

        long storedBytes() {
            return raw.length;
        }
    }

    private static final class CallTrace {
        final AtomicReferenceArray<Entry> ring = new AtomicReferenceArray<>(MESSAGES_PER_CALL);
        final AtomicInteger next = new AtomicInteger();
        final AtomicLong bytes = new AtomicLong();
    }

    private final int maxCalls;
    private final long maxTotalBytes;
    private final ConcurrentHashMap<String, CallTrace> calls = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> order = new ConcurrentLinkedQueue<>();
    private final AtomicLong totalBytes = new AtomicLong();

    public SipTraceStore(int maxCalls, long maxTotalBytes) {
        this.maxCalls = maxCalls;
        this.maxTotalBytes = maxTotalBytes;
    }

    @Override
    public void capture(boolean inbound, String transport, InetSocketAddress source, InetSocketAddress destination,
            byte[] bytes, int off, int len, String callId, long timeMicros) {
        if (callId == null) {
            return;
        }
        CallTrace t = calls.get(callId);
        if (t == null) {
            CallTrace fresh = new CallTrace();
            t = calls.putIfAbsent(callId, fresh);
            if (t == null) {
                t = fresh;
                order.add(callId);
            }
        }
        int stored = Math.min(len, MAX_STORED_BYTES);
        Entry e = new Entry(timeMicros, inbound, transport, source, destination,
                Arrays.copyOfRange(bytes, off, off + stored), len - stored);
        Entry old = t.ring.getAndSet(Math.floorMod(t.next.getAndIncrement(), MESSAGES_PER_CALL), e);
        long delta = e.storedBytes() - (old == null ? 0 : old.storedBytes());
        t.bytes.addAndGet(delta);
        totalBytes.addAndGet(delta);
        evict();
    }

    private void evict() {
        while (calls.size() > maxCalls || totalBytes.get() > maxTotalBytes) {
            String oldest = order.poll();
            if (oldest == null) {
                return;
            }
            CallTrace gone = calls.remove(oldest);
            if (gone != null) {
                totalBytes.addAndGet(-gone.bytes.get());
            }
        }
    }

    /** The kept messages of a call, oldest first; empty when none are kept. */
    public List<Entry> trace(String callId) {
        CallTrace t = calls.get(callId);
        List<Entry> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        int n = t.next.get();
        for (int i = Math.max(0, n - MESSAGES_PER_CALL); i < n; i++) {
            Entry e = t.ring.get(Math.floorMod(i, MESSAGES_PER_CALL));
            if (e != null) {
                out.add(e);
            }
        }
        out.sort((a, b) -> Long.compare(a.timeMicros(), b.timeMicros()));
        return out;
    }

    public int callsKept() {
        return calls.size();
    }

    public long bytesKept() {
        return totalBytes.get();
    }

    private static String address(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
