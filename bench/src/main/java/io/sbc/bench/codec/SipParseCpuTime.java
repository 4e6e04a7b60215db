package io.sbc.bench.codec;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Companion to {@link SipParseBenchmark} for a shared, oversubscribed machine: measures the
 * benchmark thread's own CPU time per operation (best of 40 batches after warm-up) instead of
 * wall-clock throughput, so time the thread spends waiting for a core does not count. Indicative
 * only (caches are still shared); JMH remains the reference on a quiet machine.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.sbc.bench.codec.SipParseCpuTime}
 */
public final class SipParseCpuTime {
    private SipParseCpuTime() {}

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        SipParseBenchmark b = new SipParseBenchmark();
        b.setup();
        org.openjdk.jmh.infra.Blackhole bh = new org.openjdk.jmh.infra.Blackhole(
                "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
        String[] names = {"parseLazy", "parseFull", "serializeUnmodified", "serializeModified", "proxyHop"};
        Runnable[] ops = {() -> bh.consume(b.parseLazy()), () -> b.parseFull(bh),
            () -> bh.consume(b.serializeUnmodified()), () -> bh.consume(b.serializeModified()),
            () -> bh.consume(b.proxyHop())};
        int batch = 20_000;
        for (int k = 0; k < ops.length; k++) {
            for (int i = 0; i < 200_000; i++) {
                ops[k].run();
            }
            long best = Long.MAX_VALUE;
            for (int r = 0; r < 40; r++) {
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    ops[k].run();
                }
                best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
            }
            double nsPerOp = best / (double) batch;
            System.out.printf("%-20s %8.0f ns CPU/op  = %,10.0f ops/s per core%n", names[k], nsPerOp, 1e9 / nsPerOp);
        }
        bh.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
}
