package io.sbc.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.testing.InMemoryMessage;
import io.sbc.policy.testing.Policies;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderRulesTest {
    static final String RULES = Policies.BASE + """
            header-rules:
              - {name: hide-brand, to: carrier-a, remove: [User-Agent, Server, "X-*"]}
              - {name: pai, to: carrier-a, method: INVITE, set: {P-Asserted-Identity: "<sip:${from.user}@carrier.example>"}}
              - {name: tag, to: carrier-a, add: {X-Src: "${src.ip} via ${trunk.name} from ${realm.name}"}}
              - {name: fix-diversion, to: carrier-a, replace: [{header: Diversion, regex: "sip:0([0-9]+)@", with: "sip:+44$1@"}]}
              - {name: keep-original, to: carrier-a, copy: {P-Asserted-Identity: X-Original-PAI}}
              - {name: ruri, to: carrier-a, set-ruri: {host: carrier.example}, set-from: {host: "${ruri.host}"}}
              - {name: ringing-only, message: response, status: [180-183], set: {X-Early: "yes"}}
              - {name: inbound-mark, direction: inbound, from: pbx, match: {headers: {X-Debug: true}}, remove: [X-Debug]}
            """;

    final PolicySnapshot snapshot = Policies.snapshot(RULES);
    final InetAddress pbxIp;

    HeaderRulesTest() throws Exception {
        pbxIp = InetAddress.getByName("127.0.0.10");
    }

    InMemoryMessage invite() {
        return InMemoryMessage.parse("""
                INVITE sip:02079460000@sbc.example SIP/2.0
                Via: SIP/2.0/UDP 127.0.0.10;branch=z9hG4bK1
                From: <sip:alice@pbx.example>;tag=1
                To: <sip:02079460000@sbc.example>
                Call-ID: abc
                CSeq: 1 INVITE
                User-Agent: PBX 1.0
                X-Internal: secret-topology
                x-lower: y
                Diversion: <sip:02070000000@pbx.example>
                P-Asserted-Identity: <sip:alice@pbx.example>
                Allow: INVITE, ACK
                """);
    }

    @Test
    void outboundRulesApplyInOrderAndTouchOnlyTheHeadersTheyName() {
        InMemoryMessage m = invite();
        EvalContext out = EvalContext.inbound("pbx", "ip-pbx", pbxIp).toward("carrier", "carrier-a");
        List<String> fired = new ArrayList<>();
        int n = snapshot.headerRules().applyOutbound(out, m, (rule, action) -> fired.add(rule + ": " + action));
        assertEquals(6, n, fired.toString());
        assertTrue(m.values("User-Agent").isEmpty());
        assertTrue(m.values("X-Internal").isEmpty());
        assertTrue(m.values("x-lower").isEmpty(), "wildcards are case-insensitive");
        assertEquals(List.of("<sip:alice@carrier.example>"), m.values("P-Asserted-Identity"));
        assertEquals(List.of("127.0.0.10 via carrier-a from pbx"), m.values("X-Src"));
        assertEquals(List.of("<sip:+442070000000@pbx.example>"), m.values("Diversion"));
        assertEquals(List.of("<sip:alice@carrier.example>"), m.values("X-Original-PAI"));
        assertEquals("carrier.example", m.ruriHost());
        assertEquals("carrier.example", m.fromHost());
        // Untouched headers stay, in order.
        assertEquals(List.of("Via", "From", "To", "Call-ID", "CSeq", "Diversion", "P-Asserted-Identity", "Allow", "X-Src",
                "X-Original-PAI"), m.names());
        assertEquals(List.of("INVITE, ACK"), m.values("Allow"));
    }

    @Test
    void rulesForAnotherTrunkDoNotFire() {
        InMemoryMessage m = invite();
        EvalContext out = EvalContext.inbound("pbx", null, pbxIp).toward("carrier", "carrier-b");
        assertEquals(0, snapshot.headerRules().applyOutbound(out, m, null));
        assertEquals(List.of("PBX 1.0"), m.values("User-Agent"));
    }

    @Test
    void responseRuleMatchesStatusRange() {
        InMemoryMessage ringing = InMemoryMessage.parse("SIP/2.0 180 Ringing\nCSeq: 1 INVITE\nServer: x\n");
        InMemoryMessage ok = InMemoryMessage.parse("SIP/2.0 200 OK\nCSeq: 1 INVITE\n");
        EvalContext out = EvalContext.inbound("carrier", "carrier-b", pbxIp).toward("pbx", "ip-pbx");
        snapshot.headerRules().applyOutbound(out, ringing, null);
        snapshot.headerRules().applyOutbound(out, ok, null);
        assertEquals(List.of("yes"), ringing.values("X-Early"));
        assertTrue(ok.values("X-Early").isEmpty());
    }

    @Test
    void inboundRuleRunsBeforeRoutingOnlyWhenItsConditionHolds() {
        InMemoryMessage m = InMemoryMessage.parse("INVITE sip:1@x SIP/2.0\nX-Debug: on\n");
        EvalContext in = EvalContext.inbound("pbx", null, pbxIp);
        assertEquals(1, snapshot.headerRules().applyInbound(in, m, null));
        assertFalse(m.hasHeader("X-Debug"));
        assertEquals(0, snapshot.headerRules().applyInbound(in, m, null));
    }

    @Test
    void wildcardNeverRemovesB2buaHeaders() {
        PolicySnapshot s = Policies.snapshot(Policies.BASE + "header-rules:\n  - {remove: [\"C*\", \"V*\"]}\n");
        InMemoryMessage m = invite();
        s.headerRules().applyOutbound(EvalContext.inbound("pbx", null, pbxIp).toward("carrier", "carrier-a"), m, null);
        assertTrue(m.hasHeader("Call-ID"));
        assertTrue(m.hasHeader("CSeq"));
        assertTrue(m.hasHeader("Via"));
    }

    @Test
    void removeMatchesNamesWhateverTheirCase() {
        PolicySnapshot s = Policies.snapshot(Policies.BASE + "header-rules:\n  - {remove: [user-agent, \"x-*\", ALLOW]}\n");
        InMemoryMessage m = invite();
        s.headerRules().applyOutbound(EvalContext.inbound("pbx", null, pbxIp).toward("carrier", "carrier-a"), m, null);
        assertTrue(m.values("User-Agent").isEmpty());
        assertTrue(m.values("X-Internal").isEmpty());
        assertTrue(m.values("x-lower").isEmpty());
        assertTrue(m.values("Allow").isEmpty());
        assertTrue(m.hasHeader("Diversion"));
        assertTrue(m.hasHeader("P-Asserted-Identity"));
    }
}
