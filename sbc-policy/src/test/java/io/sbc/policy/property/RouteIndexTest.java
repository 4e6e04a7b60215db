package io.sbc.policy.property;

import static org.junit.jupiter.api.Assertions.assertSame;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.CompiledRoute;
import io.sbc.policy.compile.RouteTable;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.testing.InMemoryMessage;
import io.sbc.policy.testing.Policies;
import io.sbc.policy.testing.PolicyGenerator;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The indexed route selection picks the same route as a plain first-match scan of every route. */
class RouteIndexTest {
    static final String[] USERS = {"+12125551234", "+1", "+", "", "0012345", "0051234", "5550042", "+5550042", "5559999",
        "alice", "é123", "+é1", "1", "+19005550000", "009", "+44207"};

    static LongStream seeds() {
        long base = Long.getLong("policy.seed", 90_000L);
        return LongStream.range(base, base + 150);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void indexedSelectionEqualsLinearScan(long seed) throws Exception {
        SplittableRandom r = new SplittableRandom(seed);
        LoadResult lr = Policies.load(new PolicyGenerator(r.split()).yaml());
        PolicySnapshot s = lr.snapshot();
        List<String> sources = new ArrayList<>(s.policy().realms().keySet());
        for (int i = 0; i < 60; i++) {
            String realm = sources.get(r.nextInt(sources.size()));
            String trunk = null;
            for (var t : s.policy().trunks().values()) {
                if (t.realm().equals(realm) && r.nextBoolean()) {
                    trunk = t.name();
                }
            }
            String user = USERS[r.nextInt(USERS.length)];
            String method = r.nextBoolean() ? "INVITE" : "MESSAGE";
            StringBuilder text = new StringBuilder(method + " sip:" + (user.isEmpty() ? "" : user + "@") + "sbc SIP/2.0\n"
                    + "From: <sip:" + (r.nextBoolean() ? "alice" : "123") + "@x>\nTo: <sip:" + user + "@y>\n");
            if (r.nextBoolean()) {
                text.append("X-Tag: abc\n");
            }
            if (r.nextBoolean()) {
                text.append("X-Flag: 1\n");
            }
            InMemoryMessage m = InMemoryMessage.parse(text.toString());
            EvalContext ctx = EvalContext.inbound(realm, trunk, InetAddress.getByName(r.nextBoolean() ? "10.1.2.3" : "127.0.0.1"));
            List<RouteTable.Check> scan = s.routes().explain(ctx, m);
            CompiledRoute expected = scan.get(scan.size() - 1).route();
            assertSame(expected, s.routes().select(ctx, m), () -> "seed " + seed + " user '" + user + "' realm " + realm);
        }
    }
}
