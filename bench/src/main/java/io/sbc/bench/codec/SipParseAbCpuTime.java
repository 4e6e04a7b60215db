package io.sbc.bench.codec;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Before/after comparison of one {@link SipParseBenchmark} operation on a shared, oversubscribed
 * machine, where two separate runs a minute apart differ by more than the change being measured.
 * Loads each given benchmarks jar in its own class loader (so each codec version is compiled and
 * profiled on its own), then alternates short batches between them for a fixed time and reports
 * the best per-operation CPU time of each ({@code ThreadMXBean.getCurrentThreadCpuTime}); both
 * versions see the same background load. The first 3 s are warm-up. Indicative only.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.sbc.bench.codec.SipParseAbCpuTime
 * parseLazy|parseFull SECONDS before.jar after.jar [more.jar ...]}
 */
public final class SipParseAbCpuTime {
    private static final String BLACKHOLE_PASSWORD =
            "Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.";

    private SipParseAbCpuTime() {}

    public static void main(String[] args) throws Throwable {
        if (args.length < 3 || !(args[0].equals("parseLazy") || args[0].equals("parseFull"))) {
            System.err.println("usage: SipParseAbCpuTime parseLazy|parseFull SECONDS a.jar [b.jar ...]");
            return;
        }
        boolean full = args[0].equals("parseFull");
        long seconds = Long.parseLong(args[1]);
        int n = args.length - 2;
        MethodHandle[] ops = new MethodHandle[n];
        for (int k = 0; k < n; k++) {
            URLClassLoader cl = new URLClassLoader(new URL[] {Path.of(args[2 + k]).toUri().toURL()},
                    ClassLoader.getPlatformClassLoader());
            Class<?> c = cl.loadClass("io.sbc.bench.codec.SipParseBenchmark");
            Object bench = c.getConstructor().newInstance();
            c.getMethod("setup").invoke(bench);
            Class<?> bhc = cl.loadClass("org.openjdk.jmh.infra.Blackhole");
            Object bh = bhc.getConstructor(String.class).newInstance(BLACKHOLE_PASSWORD);
            MethodHandle mh = MethodHandles.lookup().unreflect(full ? c.getMethod("parseFull", bhc) : c.getMethod("parseLazy"));
            ops[k] = full ? MethodHandles.insertArguments(mh, 0, bench, bh) : MethodHandles.insertArguments(mh, 0, bench);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int batch = full ? 2_000 : 5_000;
        long[] best = new long[n];
        Arrays.fill(best, Long.MAX_VALUE);
        long start = System.nanoTime();
        long warm = start + 3_000_000_000L;
        long end = start + seconds * 1_000_000_000L;
        Object sink = null;
        while (System.nanoTime() < end) {
            for (int k = 0; k < n; k++) {
                MethodHandle op = ops[k];
                long t0 = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    sink = op.invoke();
                }
                long d = mx.getCurrentThreadCpuTime() - t0;
                if (System.nanoTime() > warm) {
                    best[k] = Math.min(best[k], d);
                }
            }
        }
        for (int k = 0; k < n; k++) {
            System.out.printf("%-10s %-50s %6.0f ns CPU/op%n", args[0], args[2 + k], best[k] / (double) batch);
        }
        if (sink == ops) {
            System.out.println();
        }
    }
}
