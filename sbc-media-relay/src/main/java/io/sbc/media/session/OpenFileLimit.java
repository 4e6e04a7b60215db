package io.sbc.media.session;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Whether the process may open as many sockets as its media port range offers. Every port in use is
 * an open socket, so with a range larger than the open-file limit ({@code ulimit -n}, systemd
 * {@code LimitNOFILE=}) the relay runs out of descriptors before ports: new calls then fail with
 * EMFILE. Seen on a benchmark host with a hard limit of 20,000 and 40,000 ports: anchored steps at
 * 1,930 calls/s failed 9 % once retransmissions kept calls up longer. Checked once at start.
 */
public final class OpenFileLimit {
    /** Descriptors left for everything but media sockets (signaling, connections, journal, JVM). */
    static final int RESERVED = 1_000;
    /** Sockets of an anchored call without rtcp-mux: RTP and RTCP on each of its two legs. */
    static final int SOCKETS_PER_CALL = 4;

    private OpenFileLimit() {
    }

    /** The process's open-file limit as the JVM sees it (it raises the soft limit to the hard one), or -1. */
    public static long processLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.UnixOperatingSystemMXBean unix ? unix.getMaxFileDescriptorCount() : -1;
    }

    /** The warning for ports {@code low..high} under {@code limit} open files, or null when they fit (or unknown). */
    public static String warning(int low, int high, long limit) {
        long ports = (long) high - low + 1;
        if (limit < 0 || ports + RESERVED <= limit) {
            return null;
        }
        long calls = Math.max(0, limit - RESERVED) / SOCKETS_PER_CALL;
        return "media ports " + low + "-" + high + " (" + ports + ") exceed what this process may open ("
                + limit + " files: ulimit -n, systemd LimitNOFILE=): about " + calls + " anchored calls at once ("
                + SOCKETS_PER_CALL + " sockets each, " + RESERVED + " files kept for the rest), then new calls fail"
                + " with EMFILE; raise the limit or narrow the range";
    }
}
