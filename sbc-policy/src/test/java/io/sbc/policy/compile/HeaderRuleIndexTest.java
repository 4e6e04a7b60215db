package io.sbc.policy.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.model.Direction;
import io.sbc.policy.testing.InMemoryMessage;
import io.sbc.policy.testing.Policies;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Header rules pre-filtered by source (inbound) and destination (outbound) fire exactly the rules,
 * in the same order and with the same effect, as a scan of every rule of that direction.
 */
class HeaderRuleIndexTest {
    /** Realms and trunks of {@link Policies#BASE}, plus null and a name the policy does not know. */
    static final String[] REALMS = {"pbx", "carrier", null, "elsewhere"};
    static final String[] TRUNKS = {"carrier-a", "carrier-b", "ip-pbx", null, "carrier-z"};
    static final String[] NAMES = {"pbx", "carrier", "carrier-a", "carrier-b", "ip-pbx"};

    static LongStream seeds() {
        long base = Long.getLong("policy.seed", 52_000L);
        return LongStream.range(base, base + 60);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void indexedRulesFireLikeAScanOfEveryRule(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder yaml = new StringBuilder(Policies.BASE).append("header-rules:\n");
        int n = 1 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            boolean inbound = r.nextInt(3) == 0;
            yaml.append("  - {name: r").append(i).append(", direction: ").append(inbound ? "inbound" : "outbound");
            if (r.nextInt(3) == 0) {
                yaml.append(", from: ").append(NAMES[r.nextInt(NAMES.length)]);
            }
            if (!inbound && r.nextInt(4) != 0) {
                yaml.append(", to: ").append(NAMES[r.nextInt(NAMES.length)]);
            }
            if (r.nextInt(4) == 0) {
                yaml.append(", method: ").append(r.nextBoolean() ? "INVITE" : "BYE");
            }
            yaml.append(", add: {X-R").append(i).append(": \"").append(i).append("\"}");
            if (r.nextInt(4) == 0) {
                yaml.append(", remove: [\"X-R*\"]");
            }
            yaml.append("}\n");
        }
        PolicySnapshot s = Policies.snapshot(yaml.toString());
        InetAddress src = InetAddress.getByName("127.0.0.10");
        for (int k = 0; k < 40; k++) {
            EvalContext in = EvalContext.inbound(REALMS[r.nextInt(REALMS.length)], TRUNKS[r.nextInt(TRUNKS.length)], src);
            EvalContext out = in.toward(REALMS[r.nextInt(REALMS.length)], TRUNKS[r.nextInt(TRUNKS.length)]);
            boolean inbound = r.nextBoolean();
            EvalContext ctx = inbound ? in : out;
            InMemoryMessage indexed = invite();
            InMemoryMessage scanned = invite();
            List<String> indexedFired = new ArrayList<>();
            List<String> scannedFired = new ArrayList<>();
            int count = inbound ? s.headerRules().applyInbound(ctx, indexed, (rule, a) -> indexedFired.add(rule + " " + a))
                    : s.headerRules().applyOutbound(ctx, indexed, (rule, a) -> indexedFired.add(rule + " " + a));
            for (CompiledHeaderRule rule : s.headerRules().rules(inbound ? Direction.INBOUND : Direction.OUTBOUND)) {
                if (rule.firstFailure(ctx, scanned) == null) {
                    rule.applyActions(ctx, scanned, (name, a) -> scannedFired.add(name + " " + a));
                }
            }
            String where = "seed " + seed + " context " + ctx.sourceRealm() + "/" + ctx.sourceTrunk() + " -> "
                    + ctx.destinationRealm() + "/" + ctx.destinationTrunk() + " inbound=" + inbound;
            assertEquals(scannedFired, indexedFired, where);
            assertEquals(scanned.render(), indexed.render(), where);
            assertEquals(scannedFired.stream().map(f -> f.split(" ")[0]).distinct().count(), count, where);
        }
    }

    private static InMemoryMessage invite() {
        return InMemoryMessage.parse("""
                INVITE sip:123@sbc.example SIP/2.0
                From: <sip:alice@pbx.example>;tag=1
                To: <sip:123@sbc.example>
                X-Keep: 1
                """);
    }
}
