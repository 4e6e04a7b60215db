package io.sbc.bench.codec;

import java.util.Arrays;

/**
 * How fast this core runs the lazy parse right now: {@link SipParseBenchmark#parseLazy} for a short
 * warm-up, then a few short windows, printing the median, slowest and fastest window in ns per
 * parse. On a shared virtual machine the same code in the same JVM runs 1.0-2.4 times its best
 * speed from one half second to the next (the host's other tenants, not this VM's load: thread CPU
 * time grows with wall time); {@code bench/codec/quiet-jmh.sh} starts JMH only when this probe finds
 * the core near its best, so that the JMH figure measures the parser rather than the neighbours.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.sbc.bench.codec.SipParseSpeedProbe
 * [WARMUP_MS [WINDOWS [WINDOW_MS]]]} (defaults 2000, 8, 250). Prints one line:
 * {@code sip_parse_probe median_ns=N max_ns=N min_ns=N windows=N}.
 */
public final class SipParseSpeedProbe {
    private SipParseSpeedProbe() {}

    private static final int BATCH = 1_000;
    private static final String USAGE = "usage: SipParseSpeedProbe [WARMUP_MS [WINDOWS (1-10000) [WINDOW_MS]]]";

    public static void main(String[] args) {
        long warmupMs;
        int windows;
        long windowMs;
        try {
            warmupMs = args.length > 0 ? Long.parseLong(args[0]) : 2_000;
            windows = args.length > 1 ? Integer.parseInt(args[1]) : 8;
            windowMs = args.length > 2 ? Long.parseLong(args[2]) : 250;
        } catch (NumberFormatException e) {
            warmupMs = windows = -1;
            windowMs = 0;
        }
        if (warmupMs < 0 || windows < 1 || windows > 10_000 || windowMs < 1) {
            System.err.println(USAGE);
            System.exit(2);
        }
        SipParseBenchmark b = new SipParseBenchmark();
        b.setup();
        parseFor(b, warmupMs * 1_000_000L);
        long[] nsPerOp = new long[windows];
        for (int w = 0; w < windows; w++) {
            nsPerOp[w] = parseFor(b, windowMs * 1_000_000L);
        }
        Arrays.sort(nsPerOp);
        System.out.printf("sip_parse_probe median_ns=%d max_ns=%d min_ns=%d windows=%d%n",
                nsPerOp[windows / 2], nsPerOp[windows - 1], nsPerOp[0], windows);
    }

    /** Parses in batches of {@value #BATCH} for at least {@code nanos}; returns ns per parse. */
    private static long parseFor(SipParseBenchmark b, long nanos) {
        Object sink = null;
        long t0 = System.nanoTime();
        long ops = 0;
        long elapsed;
        do {
            for (int i = 0; i < BATCH; i++) {
                sink = b.parseLazy();
            }
            ops += BATCH;
            elapsed = System.nanoTime() - t0;
        } while (elapsed < nanos);
        if (sink == b) {
            System.out.println(); // never: keeps the parses from being optimised away
        }
        return elapsed / ops;
    }
}
