package io.sbc.bench.cdr;

import io.prometheus.metrics.core.metrics.Histogram;
import io.sbc.signaling.b2bua.CallRecords;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Cost of recording one INVITE processing time on an event loop: the B2BUA's fixed-bucket
 * {@link CallRecords#inviteProcessed} against a Prometheus client {@link Histogram#observe}
 * (classic buckets, the same bounds).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class InviteHistogramBenchmark {
    private CallRecords records;
    private Histogram histogram;
    private long nanos;

    @Setup
    public void setUp() {
        records = new CallRecords();
        histogram = Histogram.builder().name("bench_invite_seconds").help("bench")
                .classicUpperBounds(CallRecords.INVITE_BUCKETS_SECONDS).build();
    }

    @Benchmark
    public void callRecordsLongAdderBuckets() {
        nanos = (nanos + 370_001) & 0xFFFFFFFL;
        records.inviteProcessed(nanos);
    }

    @Benchmark
    public void prometheusHistogramObserve() {
        nanos = (nanos + 370_001) & 0xFFFFFFFL;
        histogram.observe(nanos / 1e9);
    }
}
