package io.sbc.signaling.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.Secret;
import io.sbc.signaling.auth.ChallengeResponder;
import io.sbc.signaling.auth.DigestClient;
import io.sbc.signaling.auth.DigestCredentials;
import io.sbc.signaling.auth.DigestServer;
import io.sbc.signaling.auth.NonceManager;
import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.transaction.Destination;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrarTest {
    private long now = 5_000_000;
    private final Registrar registrar = new Registrar(new RegistrarSettings(5, 2, 60, 3600, 3600), () -> now);
    /** The public side of a NAT: where the REGISTER really came from. */
    private final Destination natFlow = Destination.udp(new InetSocketAddress("203.0.113.7", 41234));
    private int cseq = 1;

    private static SipRequest parse(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        if (!r.ok()) {
            throw new AssertionError(r.error() + "\n" + text);
        }
        return (SipRequest) r.message();
    }

    private SipRequest register(String user, String callId, String contactLines, String expiresHeader) {
        return parse("REGISTER sip:sbc.example SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK" + user + cseq + ";rport=41234;received=203.0.113.7\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:" + user + "@SBC.example>;tag=r" + cseq + "\n"
                + "To: <sip:" + user + "@SBC.example>\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + (cseq++) + " REGISTER\n"
                + contactLines
                + (expiresHeader == null ? "" : "Expires: " + expiresHeader + "\n")
                + "Content-Length: 0\n\n");
    }

    @Test
    void bindsContactWithItsFlowAndFindsItForACallFromTheCarrier() {
        SipResponse ok = registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5:5060>\n", "600"), natFlow);
        assertEquals(200, ok.statusCode());
        assertEquals("<sip:1001@10.0.0.5:5060>;expires=600", ok.headerValues("Contact").get(0));
        List<Binding> found = registrar.contactsFor(SipUri.parse("sip:1001@sbc.example:5060;user=phone"));
        assertEquals(1, found.size());
        assertEquals(natFlow, found.get(0).flow(), "the call goes through the NAT pinhole the REGISTER opened");
        assertEquals("sip:1001@10.0.0.5:5060", found.get(0).contact().toString());
    }

    @Test
    void bindingLapsesAfterItsExpiry() {
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>;expires=120\n", null), natFlow);
        now += 119_000;
        assertEquals(1, registrar.contactsFor("sip:1001@sbc.example").size());
        now += 1_000;
        assertTrue(registrar.contactsFor("sip:1001@sbc.example").isEmpty());
        assertEquals(1, registrar.purgeExpired());
        assertEquals(0, registrar.bindingCount());
    }

    @Test
    void refusesTooShortIntervalWith423AndClampsLongOnes() {
        SipResponse r = registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "30"), natFlow);
        assertEquals(423, r.statusCode());
        assertEquals("60", r.header("Min-Expires"));
        assertEquals(0, registrar.bindingCount());
        SipResponse ok = registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "999999"), natFlow);
        assertTrue(ok.header("Contact").endsWith("expires=3600"));
    }

    @Test
    void refreshReplacesAndExpiresZeroRemoves() {
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "600"), natFlow);
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "300"), natFlow);
        assertEquals(1, registrar.bindingCount());
        assertEquals(300, registrar.contactsFor("sip:1001@sbc.example").get(0).remainingSeconds(now));
        SipResponse r = registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>;expires=0\n", null), natFlow);
        assertEquals(200, r.statusCode());
        assertTrue(r.headerValues("Contact").isEmpty());
        assertEquals(0, registrar.bindingCount());
    }

    @Test
    void starRemovesEveryBindingButOnlyWithExpiresZero() {
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\nContact: <sip:1001@10.0.0.6>\n", "600"), natFlow);
        assertEquals(2, registrar.bindingCount());
        assertEquals(400, registrar.register(register("1001", "c2", "Contact: *\n", "60"), natFlow).statusCode());
        assertEquals(200, registrar.register(register("1001", "c2", "Contact: *\n", "0"), natFlow).statusCode());
        assertEquals(0, registrar.bindingCount());
    }

    @Test
    void outOfOrderRequestOfTheSameCallIdIsRefused() {
        SipRequest older = register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "600");
        SipRequest newer = register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "0");
        registrar.register(newer, natFlow);
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "600"), natFlow);
        assertEquals(500, registrar.register(older, natFlow).statusCode());
    }

    @Test
    void boundsBindingsPerAorAndOverall() {
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\nContact: <sip:1001@10.0.0.6>\n", "600"), natFlow);
        SipResponse third = registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.7>\n", "600"), natFlow);
        assertEquals(503, third.statusCode());
        registrar.register(register("1002", "c2", "Contact: <sip:1002@10.0.0.5>\nContact: <sip:1002@10.0.0.6>\n", "600"), natFlow);
        registrar.register(register("1003", "c3", "Contact: <sip:1003@10.0.0.5>\n", "600"), natFlow);
        assertEquals(5, registrar.bindingCount());
        assertEquals(503, registrar.register(register("1004", "c4", "Contact: <sip:1004@10.0.0.5>\n", "600"), natFlow).statusCode());
        assertEquals(5, registrar.bindingCount());
    }

    @Test
    void ordersContactsByQ() {
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5>;q=0.1, <sip:1001@10.0.0.6>;q=0.9\n", "600"), natFlow);
        assertEquals("sip:1001@10.0.0.6", registrar.contactsFor("sip:1001@sbc.example").get(0).contact().toString());
    }

    @Test
    void closedConnectionRemovesItsBindings() {
        Destination tcp = new Destination("TCP", new InetSocketAddress("203.0.113.7", 50000), 17);
        registrar.register(register("1001", "c1", "Contact: <sip:1001@10.0.0.5;transport=tcp>\n", "600"), tcp);
        assertEquals(1, registrar.flowClosed(17));
        assertTrue(registrar.contactsFor("sip:1001@sbc.example").isEmpty());
    }

    @Test
    void handlerChallengesThenAcceptsAndForbidsForeignAor() {
        NonceManager nonces = new NonceManager(new byte[32], Duration.ofSeconds(300), 100, () -> now);
        DigestServer digest = new DigestServer("pbx", new RealmAuth("sbc.example",
                List.of(new AuthUser("1001", new Secret("env:P", "pw"))), List.of()), nonces, null);
        RegisterHandler handler = new RegisterHandler(registrar, digest);
        SipRequest first = register("1001", "c1", "Contact: <sip:1001@10.0.0.5>\n", "600");
        SipResponse challenge = handler.handle(first, natFlow);
        assertEquals(401, challenge.statusCode());
        assertEquals(0, registrar.bindingCount());
        ChallengeResponder phone = new ChallengeResponder(new DigestClient());
        SipRequest signed = phone.respond(first, challenge, new DigestCredentials("1001", new Secret("x", "pw"), null));
        assertEquals(200, handler.handle(signed, natFlow).statusCode());
        assertEquals(1, registrar.bindingCount());

        SipRequest foreign = register("1002", "c9", "Contact: <sip:1002@10.0.0.5>\n", "600");
        SipResponse ch2 = handler.handle(foreign, natFlow);
        SipRequest foreignSigned = phone.respond(foreign, ch2, new DigestCredentials("1001", new Secret("x", "pw"), null));
        assertEquals(403, handler.handle(foreignSigned, natFlow).statusCode());
    }
}
