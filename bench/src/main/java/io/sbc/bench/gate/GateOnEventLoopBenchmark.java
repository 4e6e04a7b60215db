package io.sbc.bench.gate;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.sbc.signaling.gate.Verdict;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

/**
 * {@link GateBenchmark}'s cases run where the gate runs in production: on a Netty event-loop thread
 * (a {@code FastThreadLocalThread}), so the per-loop source table is found by an array index rather
 * than through Netty's {@code ThreadLocal} fallback that JMH's own threads take.
 *
 * <p>Each invocation hands one batch of {@value #BATCH} checks to the event loop and waits for it;
 * the hand-off (a few microseconds) is spread over the batch, under 1 ns per check.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GateOnEventLoopBenchmark {
    static final int BATCH = 10_000;

    private DefaultEventExecutor loop;
    private GateBenchmark cases;

    @Setup
    public void setup() throws Exception {
        loop = new DefaultEventExecutor();
        cases = new GateBenchmark();
        // Built on the loop too, so every per-loop table the checks touch belongs to that thread.
        loop.submit(() -> {
            cases.setup();
            return null;
        }).get();
    }

    @TearDown
    public void tearDown() {
        loop.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
    }

    private void batch(Supplier<Verdict> check, Blackhole bh) throws Exception {
        loop.submit(() -> {
            for (int i = 0; i < BATCH; i++) {
                bh.consume(check.get());
            }
        }).get();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void droppedBannedSource(Blackhole bh) throws Exception {
        batch(cases::droppedBannedSource, bh);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void droppedOverRateSource(Blackhole bh) throws Exception {
        batch(cases::droppedOverRateSource, bh);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void droppedByAcl(Blackhole bh) throws Exception {
        batch(cases::droppedByAcl, bh);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void passedWithinBudget(Blackhole bh) throws Exception {
        batch(cases::passedWithinBudget, bh);
    }
}
