package io.sbc.bench.policy;

import java.lang.management.ManagementFactory;

/**
 * The {@link PolicyEvalBenchmark} operations timed by this thread's CPU time instead of wall
 * time, with allocated bytes per operation: on a shared, overloaded machine, wall-clock JMH
 * numbers mostly measure waiting for a core. Run:
 * {@code java -cp bench/target/benchmarks.jar io.sbc.bench.policy.PolicyEvalCpuTime}.
 */
public final class PolicyEvalCpuTime {
    private PolicyEvalCpuTime() {
    }

    public static void main(String[] args) throws Exception {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (String replaces : new String[] {"three", "one", "none"}) {
            PolicyEvalBenchmark b = new PolicyEvalBenchmark();
            b.regexReplaces = replaces;
            b.setUp();
            int n = 200_000;
            long sink = 0;
            for (int round = 0; round < 8; round++) {
                long cpu0 = mx.getCurrentThreadCpuTime();
                long alloc0 = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < n; i++) {
                    sink += b.routeAndHeaderRules();
                }
                long cpu1 = mx.getCurrentThreadCpuTime();
                long alloc1 = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < n; i++) {
                    sink += b.routeOnly().index();
                }
                long cpu2 = mx.getCurrentThreadCpuTime();
                long alloc2 = mx.getCurrentThreadAllocatedBytes();
                if (round >= 3) {
                    System.out.printf("regexReplaces=%s round %d: routeAndHeaderRules %.0f ns cpu/op %.0f B/op; routeOnly %.0f ns cpu/op %.0f B/op%n",
                            replaces, round, (cpu1 - cpu0) / (double) n, (alloc1 - alloc0) / (double) n,
                            (cpu2 - cpu1) / (double) n, (alloc2 - alloc1) / (double) n);
                }
            }
            if (sink == 42) {
                System.out.println();
            }
        }
    }
}
