package io.sbc.policy.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.NumberFormat;
import io.sbc.policy.testing.InMemoryMessage;
import io.sbc.policy.testing.Policies;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberRulesTest {
    @Test
    void convertsBetweenNationalAndE164PerCountryPlan() {
        assertEquals("+12125551234", NumberNormalizer.convert("2125551234", NumberFormat.E164, "US"));
        assertEquals("+12125551234", NumberNormalizer.convert("12125551234", NumberFormat.E164, "US"));
        assertEquals("+442079460958", NumberNormalizer.convert("02079460958", NumberFormat.E164, "GB"));
        assertEquals("02079460958", NumberNormalizer.convert("+442079460958", NumberFormat.NATIONAL, "GB"));
        assertEquals("2125551234", NumberNormalizer.convert("+12125551234", NumberFormat.NATIONAL, "US"));
        assertEquals("442079460958", NumberNormalizer.convert("+442079460958", NumberFormat.E164_NO_PLUS, "US"));
    }

    @Test
    void keepsForeignNumbersInternationalWhenAskedForNationalForm() {
        assertEquals("+442079460958", NumberNormalizer.convert("+442079460958", NumberFormat.NATIONAL, "US"));
    }

    @Test
    void leavesNonNumbersUnchanged() {
        assertEquals("alice", NumberNormalizer.convert("alice", NumberFormat.E164, "US"));
        assertEquals("12", NumberNormalizer.convert("12", NumberFormat.E164, "US"));
    }

    @Test
    void rulesRewriteRuriFromToAndPaiForTheirTrunk() throws Exception {
        PolicySnapshot s = Policies.snapshot(Policies.BASE + """
                number-rules:
                  - {name: outside-line, to: carrier-a, fields: [ruri], strip-prefix: "9"}
                  - {name: to-e164, to: carrier-a, format: e164, country: GB}
                  - {name: national-in, direction: inbound, from: carrier-a, format: national, country: GB, fields: [ruri]}
                """);
        InMemoryMessage m = InMemoryMessage.parse("""
                INVITE sip:902079460958@sbc SIP/2.0
                From: <sip:02079460000@pbx>;tag=1
                To: <sip:02079460958@sbc>
                P-Asserted-Identity: "Desk" <sip:02079460001@pbx;user=phone>
                """);
        EvalContext out = EvalContext.inbound("pbx", "ip-pbx", InetAddress.getByName("127.0.0.10")).toward("carrier", "carrier-a");
        assertEquals(2, s.numberRules().applyOutbound(out, m, null));
        assertEquals("+442079460958", m.ruriUser());
        assertEquals("+442079460000", m.fromUser());
        assertEquals("+442079460958", m.toUser());
        assertEquals(List.of("\"Desk\" <sip:+442079460001@pbx;user=phone>"), m.values("P-Asserted-Identity"));

        InMemoryMessage in = InMemoryMessage.parse("INVITE sip:+442079460958@sbc SIP/2.0\nFrom: <sip:x@y>\n");
        EvalContext inCtx = EvalContext.inbound("carrier", "carrier-a", InetAddress.getByName("127.0.0.30"));
        assertEquals(1, s.numberRules().applyInbound(inCtx, in, null));
        assertEquals("02079460958", in.ruriUser());
    }

    @Test
    void rulesRewriteOnlyUsersTheirMatchRegexAccepts() throws Exception {
        // "0[1-9][0-9]{9}" runs on the one-pass matcher, "[0-9]*5" (not one-pass) on RE2/J: same answers.
        PolicySnapshot s = Policies.snapshot(Policies.BASE + """
                number-rules:
                  - {name: gb-national, to: carrier-a, fields: [ruri], match: "0[1-9][0-9]{9}", format: e164, country: GB}
                  - {name: ends-in-5, to: carrier-a, fields: [from], match: "[0-9]*5", add-prefix: "9"}
                """);
        EvalContext out = EvalContext.inbound("pbx", "ip-pbx", InetAddress.getByName("127.0.0.10")).toward("carrier", "carrier-a");
        InMemoryMessage m = InMemoryMessage.parse("INVITE sip:02079460958@sbc SIP/2.0\nFrom: <sip:1235@pbx>;tag=1\n");
        assertEquals(2, s.numberRules().applyOutbound(out, m, null));
        assertEquals("+442079460958", m.ruriUser());
        assertEquals("91235", m.fromUser());
        InMemoryMessage other = InMemoryMessage.parse("INVITE sip:0207946095@sbc SIP/2.0\nFrom: <sip:1234@pbx>;tag=1\n");
        assertEquals(0, s.numberRules().applyOutbound(out, other, null));
        assertEquals("0207946095", other.ruriUser());
        assertEquals("1234", other.fromUser());
    }
}
