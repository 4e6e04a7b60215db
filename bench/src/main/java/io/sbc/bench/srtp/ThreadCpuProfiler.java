package io.sbc.bench.srtp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports operations per CPU-second of the JMH worker threads ({@code -prof
 * io.sbc.bench.srtp.ThreadCpuProfiler}). Why: on the shared 2-core build machine other builds steal the
 * core, so wall-clock ops/s understate what one core does; dividing measured ops by the worker
 * threads' own CPU time (ThreadMXBean) gives the per-core rate the issue asks for, largely
 * independent of that contention (caches are still shared, so it is not entirely immune).
 */
public class ThreadCpuProfiler implements InternalProfiler {
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private long cpuBeforeNs;

    @Override
    public String getDescription() {
        return "ops per CPU-second of the JMH worker threads";
    }

    private long workerCpuNs() {
        long sum = 0;
        for (ThreadInfo t : threads.dumpAllThreads(false, false)) {
            if (t != null && t.getThreadName().contains("jmh-worker")) {
                long ns = threads.getThreadCpuTime(t.getThreadId());
                sum += Math.max(ns, 0);
            }
        }
        return sum;
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBeforeNs = workerCpuNs();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpuNs = workerCpuNs() - cpuBeforeNs;
        long ops = result.getMetadata().getMeasuredOps();
        double perCpuSecond = cpuNs <= 0 ? Double.NaN : ops * 1e9 / cpuNs;
        return List.of(new ScalarResult("cpu.ops.per.cpu.s", perCpuSecond, "ops/cpu-s", AggregationPolicy.AVG));
    }
}
