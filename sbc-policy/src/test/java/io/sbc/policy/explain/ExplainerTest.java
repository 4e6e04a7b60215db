package io.sbc.policy.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.testing.InMemoryMessage;
import io.sbc.policy.testing.Policies;
import java.net.InetAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExplainerTest {
    final PolicySnapshot example = Policies.loader(Map.of()).load(Policies.OPS_POLICY.resolve("example.yaml")).snapshot();

    @Test
    void showsChosenRouteRulesFiredLimitsAndLeavesTheMessageAsSent() throws Exception {
        InMemoryMessage m = InMemoryMessage.parse("""
                INVITE sip:+12125551234@127.0.0.20 SIP/2.0
                From: <sip:100@127.0.0.10>;tag=1
                To: <sip:+12125551234@127.0.0.20>
                User-Agent: PBX
                X-Secret: 1
                """);
        ExplainTrace t = Explainer.explain(example, "pbx", InetAddress.getByName("127.0.0.10"), m);
        assertTrue(t.ok());
        assertEquals("ip-pbx", t.sourceTrunk());
        assertTrue(t.routes().get(0).matched());
        assertTrue(t.chosen().startsWith("trunk carrier-a"), t.chosen());
        String text = t.render();
        assertTrue(text.contains("header-rule hide-brand: remove User-Agent"), text);
        assertTrue(text.contains("header-rule pai: set P-Asserted-Identity"), text);
        assertTrue(text.contains("trunk carrier-a: cps 20, concurrent 100"), text);
        assertTrue(text.contains("realm pbx: per source 50 msg/s, burst 100, ban 300s"), text);
        assertFalse(m.hasHeader("User-Agent"));
        assertEquals("<sip:+15551230000@carrier.example>", m.header("P-Asserted-Identity"));
    }

    @Test
    void explainsWhyEarlierRoutesDidNotMatch() throws Exception {
        InMemoryMessage m = InMemoryMessage.parse("INVITE sip:100@127.0.0.21 SIP/2.0\nFrom: <sip:a@b>\nTo: <sip:100@c>\n");
        ExplainTrace t = Explainer.explain(example, "carrier", InetAddress.getByName("127.0.0.30"), m);
        assertFalse(t.routes().get(0).matched());
        assertTrue(t.routes().get(0).reason().startsWith("source is not pbx"), t.routes().get(0).reason());
        assertTrue(t.routes().get(1).matched());
        assertTrue(t.chosen().startsWith("trunk ip-pbx"), t.chosen());
    }

    @Test
    void reportsNoRouteAsReject() throws Exception {
        InMemoryMessage m = InMemoryMessage.parse("INVITE sip:100@127.0.0.20 SIP/2.0\nFrom: <sip:a@b>\nTo: <sip:100@c>\n");
        ExplainTrace t = Explainer.explain(example, "pbx", InetAddress.getByName("127.0.0.10"), m);
        assertTrue(t.chosen().startsWith("reject 404"), t.chosen());
        assertTrue(t.render().contains("Request-URI user does not match"), t.render());
    }

    @Test
    void unknownRealmIsAnErrorWithSuggestion() throws Exception {
        InMemoryMessage m = InMemoryMessage.parse("INVITE sip:1@x SIP/2.0\n");
        ExplainTrace t = Explainer.explain(example, "pbz", InetAddress.getByName("127.0.0.10"), m);
        assertFalse(t.ok());
        assertTrue(t.render().contains("did you mean 'pbx'"), t.render());
    }
}
