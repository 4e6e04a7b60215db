package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.routing.CallAttempt;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.Transport;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The initial INVITE toward a carrier: built fresh, allow-listed headers only, policy rules applied. */
class OutboundRequestsTest {
    static final String POLICY = """
            version: 1
            realms:
              pbx: {listen: [udp://192.0.2.20:5060], media-address: 192.0.2.20}
              carrier: {listen: [udp://203.0.113.21:5060], media-address: 203.0.113.21}
            trunks:
              carrier-a:
                realm: carrier
                gateways: [{uri: "sip:198.51.100.30:5070"}]
            routes:
              - {from: pbx, to: carrier-a}
            number-rules:
              - {name: e164, direction: outbound, to: carrier-a, fields: [ruri, to], strip-prefix: "0", add-prefix: "+49"}
            header-rules:
              - {name: pai, to: carrier-a, method: INVITE, set: {P-Asserted-Identity: "<sip:+15551230000@carrier.example>"}}
            """;

    static final String PBX_INVITE = """
            INVITE sip:0301234567@192.0.2.20 SIP/2.0
            Via: SIP/2.0/UDP 10.1.1.5:5062;branch=z9hG4bKpbx1;rport
            Via: SIP/2.0/UDP 10.1.1.6:5060;branch=z9hG4bKpbx0
            Record-Route: <sip:10.1.1.6;lr>
            From: "Reception" <sip:200@10.1.1.5>;tag=pbxtag
            To: <sip:0301234567@192.0.2.20>
            Call-ID: secret-call-id@pbx.internal
            CSeq: 7 INVITE
            Contact: <sip:200@10.1.1.5:5062>
            Max-Forwards: 70
            User-Agent: PBX-Brand 9.1
            P-Asserted-Identity: <sip:200@pbx.internal>
            X-Internal: cost-center-4
            Supported: 100rel, timer
            Subject: hello
            Content-Type: application/sdp
            Content-Length: 4

            v=0
            """;

    @Test
    void initialInviteIsBuiltFreshWithNothingOfTheCallersTopology() throws Exception {
        LoadResult lr = new PolicyLoader(k -> null).load(POLICY, "test.yaml", Path.of("."));
        assertTrue(lr.ok(), () -> lr.problems().toString());
        PolicySnapshot snapshot = lr.snapshot();
        byte[] b = PBX_INVITE.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult pr = new SipParser().parse(b, 0, b.length);
        assertTrue(pr.ok(), () -> String.valueOf(pr.error()));
        SipRequest in = (SipRequest) pr.message();

        EvalContext ctx = EvalContext.inbound("pbx", null, InetAddress.getByName("10.1.1.5"));
        MessageDraft inbound = OutboundRequests.inbound(snapshot, ctx, in, null);
        var route = snapshot.routes().select(ctx, inbound);
        CallAttempt at = new CallAttempt(route.trunk(), route.trunk().gateways().get(0));
        SipEndpoint out = new SipEndpoint(ListenPoint.of(Transport.UDP, new InetSocketAddress("203.0.113.21", 5060), "carrier"),
                null, null);
        SipRequest inv = OutboundRequests.initial(snapshot, ctx, inbound, at, out,
                Via.of("UDP", "203.0.113.21", 5060, "z9hG4bKsbc1"), "newcallid", "sbctag", 1, "v=1\r\n".getBytes(StandardCharsets.US_ASCII),
                in.maxForwards() - 1, null);
        String wire = inv.toString();

        for (String leak : new String[] {"10.1.1.5", "10.1.1.6", "pbx.internal", "secret-call-id", "pbxtag", "z9hG4bKpbx",
                "PBX-Brand", "X-Internal", "cost-center"}) {
            assertFalse(wire.contains(leak), leak + " leaked:\n" + wire);
        }
        assertEquals("sip:+49301234567@198.51.100.30:5070", inv.requestUri().toString(), "number rule and gateway");
        assertEquals(1, inv.vias().size());
        assertEquals("z9hG4bKsbc1", inv.topVia().branch());
        assertEquals("newcallid", inv.callId());
        assertEquals("sbctag", inv.fromTag());
        assertNull(inv.toTag());
        assertEquals("Reception", inv.from().displayName(), "display names are kept");
        assertEquals("200", inv.from().sipUri().user(), "From user part is carried");
        assertEquals("203.0.113.21", inv.from().sipUri().host(), "From host is the SBC's own in that realm");
        assertEquals("+49301234567", inv.to().sipUri().user());
        assertEquals(69, inv.maxForwards());
        assertEquals("1 INVITE", inv.header("CSeq"));
        assertEquals("<sip:sbc@203.0.113.21:5060>", inv.header("Contact"));
        assertTrue(inv.recordRoutes().isEmpty());
        assertEquals("<sip:+15551230000@carrier.example>", inv.header("P-Asserted-Identity"), "header rule applied");
        assertEquals("hello", inv.header("Subject"), "allow-listed header copied");
        assertEquals("100rel, timer", inv.header("Supported"));
        assertNull(inv.header("User-Agent"));
        assertEquals("v=1\r\n", new String(inv.body(), StandardCharsets.US_ASCII));
        assertEquals(5, inv.contentLength());
    }

    @Test
    void allowListHasNoHeaderThatCarriesTheSendersTopology() {
        for (String h : new String[] {"Via", "Route", "Record-Route", "Contact", "Call-ID", "From", "To", "User-Agent",
                "Server", "Warning", "P-Asserted-Identity", "History-Info", "Diversion", "Max-Forwards", "CSeq"}) {
            assertFalse(HeaderAllowList.request(h), h);
            assertFalse(HeaderAllowList.response(h), h);
        }
        assertTrue(HeaderAllowList.response("RSeq"));
        assertTrue(HeaderAllowList.request("Require"));
    }
}
