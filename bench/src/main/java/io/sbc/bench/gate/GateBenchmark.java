package io.sbc.bench.gate;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.gate.Gate;
import io.sbc.signaling.gate.GateConfig;
import io.sbc.signaling.gate.Verdict;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The gate's cost per message before parsing (issue #6 goal: under 100 ns per dropped datagram):
 * a banned source, an untrusted source over its token bucket, a source outside the realm's ACL,
 * and a source within its budget (the price every good message pays). The source is an
 * {@link InetSocketAddress} as Netty hands it over; IPv6 costs one 16-byte clone more.
 *
 * <p>JMH threads are not Netty FastThreadLocalThreads, so the per-loop table lookup takes Netty's
 * slower ThreadLocal fallback here; on an event loop it is an array index.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class GateBenchmark {
    private static final String POLICY = """
            version: 1
            realms:
              pbx:
                listen: [udp://127.0.0.20:5060]
                media-address: 127.0.0.20
                limits: {rate: 50, burst: 100, ban: 300s}
              carrier:
                listen: [udp://127.0.0.21:5060]
                media-address: 127.0.0.21
                allow: [203.0.113.0/24, 198.51.100.0/24, 192.0.2.0/28]
                deny: [203.0.113.66/32]
            """;

    private Gate gate;
    /** Same policy, but scores never reach a ban: the over-rate path stays over rate. */
    private Gate neverBans;
    private int pbx;
    private int carrier;
    private int pbxNoBan;
    private long now;
    private final InetSocketAddress banned = new InetSocketAddress("192.0.2.11", 5060);
    private final InetSocketAddress flooder = new InetSocketAddress("192.0.2.12", 5060);
    private final InetSocketAddress outsider = new InetSocketAddress("192.0.2.200", 5060);
    private final InetSocketAddress good = new InetSocketAddress("192.0.2.13", 5060);
    private final InetSocketAddress banned6 = new InetSocketAddress("2001:db8::11", 5060);

    @Setup
    public void setup() {
        LoadResult r = new PolicyLoader(Map.<String, String>of()::get).load(POLICY, "bench.yaml", Path.of("."));
        if (!r.ok()) {
            throw new IllegalStateException(r.problems().toString());
        }
        PolicySnapshot snapshot = r.snapshot();
        gate = new Gate(snapshot, GateConfig.defaults(), System::nanoTime);
        GateConfig d = GateConfig.defaults();
        neverBans = new Gate(snapshot, new GateConfig(d.sourcesPerRealm(), d.banTableSize(), d.maxShards(),
                d.trustedBudgetFactor(), Integer.MAX_VALUE, d.rateScore(), d.malformedScore(), d.scoreDecayPerSecond(),
                d.authSameUserFailures(), d.authDistinctUsers(), d.authWindow(), d.defaultManualBan(),
                d.retryAfterSeconds()), System::nanoTime);
        pbx = gate.realmIndex("pbx");
        carrier = gate.realmIndex("carrier");
        pbxNoBan = neverBans.realmIndex("pbx");
        gate.banManually("192.0.2.11", Duration.ofDays(1));
        gate.banManually("2001:db8::11", Duration.ofDays(1));
        now = System.nanoTime();
        for (int i = 0; i < 1_000; i++) {
            neverBans.check(pbxNoBan, flooder, now);
        }
        check(gate.check(pbx, banned, now) == Verdict.DROP_BANNED);
        check(neverBans.check(pbxNoBan, flooder, now) == Verdict.DROP_RATE);
        check(gate.check(carrier, outsider, now) == Verdict.DROP_ACL);
    }

    private static void check(boolean ok) {
        if (!ok) {
            throw new IllegalStateException("benchmark setup: unexpected verdict");
        }
    }

    @Benchmark
    public Verdict droppedBannedSource() {
        return gate.check(pbx, banned, now);
    }

    @Benchmark
    public Verdict droppedOverRateSource() {
        return neverBans.check(pbxNoBan, flooder, now);
    }

    @Benchmark
    public Verdict droppedByAcl() {
        return gate.check(carrier, outsider, now);
    }

    @Benchmark
    public Verdict droppedBannedIpv6Source() {
        return gate.check(pbx, banned6, now);
    }

    @Benchmark
    public Verdict passedWithinBudget() {
        now += 20_000_000; // 50/s: one token per message
        return gate.check(pbx, good, now);
    }
}
