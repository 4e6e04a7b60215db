package io.sbc.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.CompiledRoute;
import io.sbc.policy.compile.RouteTable;
import io.sbc.policy.model.Gateway;
import io.sbc.policy.testing.InMemoryMessage;
import io.sbc.policy.testing.Policies;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RouteSelectionTest {
    static final String ROUTES = Policies.BASE + """
            routes:
              - {name: blocked, from: pbx, match: {ruri-user-prefix: ["900", "+1900"]}, reject: {code: 403, reason: Premium Blocked}}
              - {name: lab-range, from: pbx, match: {ruri-user-range: [5550000-5559999]}, to: carrier-b}
              - {name: us, from: pbx, match: {ruri-user: "\\\\+?1[2-9][0-9]{9}", method: INVITE}, to: carrier-a, failover: [carrier-b]}
              - {name: tagged, from: pbx, match: {headers: {X-Route: "^b$", X-Skip: false}}, to: carrier-b}
              - {name: subnet, match: {source: [10.1.0.0/16, "2001:db8::/32"]}, to: carrier-b}
              - {name: inbound, from: carrier-a, to: ip-pbx}
            """;

    final PolicySnapshot snapshot = Policies.snapshot(ROUTES);

    static InMemoryMessage invite(String user, String... extra) {
        StringBuilder sb = new StringBuilder("INVITE sip:" + user + "@sbc.example SIP/2.0\n"
                + "From: <sip:alice@pbx.example>;tag=1\nTo: <sip:" + user + "@sbc.example>\n");
        for (String e : extra) {
            sb.append(e).append('\n');
        }
        return InMemoryMessage.parse(sb.toString());
    }

    CompiledRoute select(String realm, String ip, InMemoryMessage m) throws Exception {
        InetAddress a = InetAddress.getByName(ip);
        var trunk = snapshot.trunkAt(realm, a);
        return snapshot.routes().select(EvalContext.inbound(realm, trunk == null ? null : trunk.name(), a), m);
    }

    @Test
    void firstMatchingRouteWinsInFileOrder() throws Exception {
        assertEquals("blocked", select("pbx", "127.0.0.10", invite("9005551234")).name());
        CompiledRoute us = select("pbx", "127.0.0.10", invite("+12125551234"));
        assertEquals("us", us.name());
        assertEquals("carrier-a", us.trunk().name());
        assertEquals(List.of("carrier-b"), us.failover().stream().map(t -> t.name()).toList());
    }

    @Test
    void rejectRouteCarriesCodeAndReason() throws Exception {
        CompiledRoute r = select("pbx", "127.0.0.10", invite("+19005550000"));
        assertTrue(r.isReject());
        assertEquals(403, r.rejectCode());
        assertEquals("Premium Blocked", r.rejectReason());
        assertNull(r.trunk());
    }

    @Test
    void matchesNumberRangesOfEqualLengthOnly() throws Exception {
        assertEquals("lab-range", select("pbx", "127.0.0.10", invite("5550042")).name());
        assertSame(RouteTable.NO_ROUTE, select("pbx", "127.0.0.10", invite("55500421")));
    }

    @Test
    void methodConditionExcludesOtherMethods() throws Exception {
        InMemoryMessage msg = InMemoryMessage.parse("MESSAGE sip:+12125551234@sbc.example SIP/2.0\nFrom: <sip:a@b>\nTo: <sip:c@d>\n");
        assertSame(RouteTable.NO_ROUTE, select("pbx", "127.0.0.10", msg));
    }

    @Test
    void headerPresenceAndValueConditions() throws Exception {
        assertEquals("tagged", select("pbx", "127.0.0.10", invite("alice", "X-Route: b")).name());
        assertSame(RouteTable.NO_ROUTE, select("pbx", "127.0.0.10", invite("alice", "X-Route: b", "X-Skip: 1")));
        assertSame(RouteTable.NO_ROUTE, select("pbx", "127.0.0.10", invite("alice", "X-Route: bb")));
    }

    @Test
    void sourceCidrMatchesIpv4AndIpv6() throws Exception {
        assertEquals("subnet", select("carrier", "10.1.200.3", invite("x")).name());
        assertEquals("subnet", select("carrier", "2001:db8:1::5", invite("x")).name());
        assertSame(RouteTable.NO_ROUTE, select("carrier", "10.2.0.1", invite("x")));
    }

    @Test
    void fromTrunkMatchesOnlyThatTrunksGateways() throws Exception {
        assertEquals("inbound", select("carrier", "127.0.0.31", invite("100")).name());
        assertSame(RouteTable.NO_ROUTE, select("carrier", "127.0.0.40", invite("100")), "carrier-b is not carrier-a");
    }

    @Test
    void noRouteIs404() throws Exception {
        CompiledRoute r = select("carrier", "192.0.2.1", invite("x"));
        assertSame(RouteTable.NO_ROUTE, r);
        assertEquals(404, r.rejectCode());
    }

    @Test
    void explainSaysWhyEarlierRoutesDidNotMatch() throws Exception {
        InetAddress a = InetAddress.getByName("127.0.0.10");
        List<RouteTable.Check> checks = snapshot.routes().explain(EvalContext.inbound("pbx", null, a), invite("+12125551234"));
        assertEquals(3, checks.size());
        assertTrue(checks.get(0).failure().contains("does not start with any of [900, +1900]"), checks.get(0).failure());
        assertTrue(checks.get(1).failure().contains("none of the ranges"), checks.get(1).failure());
        assertNull(checks.get(2).failure());
    }

    @Test
    void gatewaysByPriorityThenWeightedWithinPriority() {
        var trunk = snapshot.trunk("carrier-a");
        Map<String, Integer> firsts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 4000; i++) {
            List<Gateway> order = CompiledRoute.gatewayOrder(trunk, random);
            assertEquals("sip:127.0.0.32:5060", order.get(2).uri().text(), "priority 2 always last");
            firsts.merge(order.get(0).uri().text(), 1, Integer::sum);
        }
        double share = firsts.get("sip:127.0.0.30:5060") / 4000.0;
        assertTrue(share > 0.70 && share < 0.80, "weight 3:1 should give ~75% first picks, got " + share);
    }
}
