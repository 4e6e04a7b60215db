package io.sbc.signaling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.Secret;
import io.sbc.signaling.message.SipRequest;
import org.junit.jupiter.api.Test;

class ChallengeResponderTest {
    private final DigestCredentials acme = new DigestCredentials("acme", new Secret("env:X", "s3cret"), null);
    private final ChallengeResponder responder = new ChallengeResponder(new DigestClient(() -> "cn1"));

    @Test
    void signsRegisterWithSha256AndIncrementsCSeq() {
        SipRequest sent = SipTexts.register("");
        SipRequest retry = responder.respond(sent, SipTexts.challenge(401,
                "Digest realm=\"carrier.example\", nonce=\"abc\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"carrier.example\", nonce=\"abc\", algorithm=SHA-256, qop=\"auth\", opaque=\"op\""), acme);
        assertNotNull(retry);
        assertEquals(8, retry.cseq().number());
        assertEquals("REGISTER", retry.cseq().method());
        assertEquals(7, sent.cseq().number(), "the original is not changed");
        String auth = retry.header("Authorization");
        AuthHeaderParser.Parsed p = AuthHeaderParser.parse(auth).get(0);
        assertEquals("SHA-256", p.param("algorithm"));
        assertEquals("sip:carrier.example", p.param("uri"));
        assertEquals("op", p.param("opaque"));
        DigestAlgorithm s = DigestAlgorithm.SHA_256;
        String ha1 = s.hashHex("acme:carrier.example:s3cret");
        String ha2 = s.hashHex("REGISTER:sip:carrier.example");
        assertEquals(s.hashHex(ha1 + ":abc:00000001:cn1:auth:" + ha2), p.param("response"));
        assertFalse(retry.hasHeader("Proxy-Authorization"));
    }

    @Test
    void answers407WithProxyAuthorizationAndKeepsOtherHeaders() {
        SipRequest retry = responder.respond(SipTexts.register(""),
                SipTexts.challenge(407, "Digest realm=\"p\", nonce=\"n\", qop=auth"), acme);
        assertNotNull(retry);
        assertTrue(retry.header("Proxy-Authorization").startsWith("Digest username=\"acme\""));
        assertFalse(retry.hasHeader("Authorization"));
        assertEquals("reg-call-1@192.0.2.5", retry.callId());
        assertEquals("<sip:+15551230000@192.0.2.5:5060>", retry.contacts().get(0).toString());
    }

    @Test
    void refusesSecondAttemptWhenTheSameNonceIsChallengedAgain() {
        SipRequest first = responder.respond(SipTexts.register(""),
                SipTexts.challenge(401, "Digest realm=\"r\", nonce=\"n1\", qop=auth"), acme);
        assertNotNull(first);
        assertNull(responder.respond(first, SipTexts.challenge(401, "Digest realm=\"r\", nonce=\"n1\", qop=auth"), acme));
    }

    @Test
    void refusesSecondAttemptWhenNewNonceIsNotStale() {
        SipRequest first = responder.respond(SipTexts.register(""),
                SipTexts.challenge(401, "Digest realm=\"r\", nonce=\"n1\", qop=auth"), acme);
        assertNull(responder.respond(first, SipTexts.challenge(401, "Digest realm=\"r\", nonce=\"n2\", qop=auth"), acme),
                "a fresh non-stale challenge after our credentials means they were refused (RFC 7616 §3.3)");
    }

    @Test
    void retriesOnceMoreWhenServerSaysStale() {
        SipRequest first = responder.respond(SipTexts.register(""),
                SipTexts.challenge(401, "Digest realm=\"r\", nonce=\"n1\", qop=auth"), acme);
        SipRequest second = responder.respond(first,
                SipTexts.challenge(401, "Digest realm=\"r\", nonce=\"n2\", qop=auth, stale=true"), acme);
        assertNotNull(second);
        assertEquals(9, second.cseq().number());
        assertEquals(1, second.headerValues("Authorization").size());
        assertEquals("n2", AuthHeaderParser.parse(second.header("Authorization")).get(0).param("nonce"));
    }

    @Test
    void returnsNullForOtherResponsesAndForeignRealms() {
        assertNull(responder.respond(SipTexts.register(""), SipTexts.challenge(401), acme));
        DigestCredentials realmBound = new DigestCredentials("acme", new Secret("x", "y"), "carrier.example");
        assertNull(responder.respond(SipTexts.register(""),
                SipTexts.challenge(401, "Digest realm=\"elsewhere\", nonce=\"n\", qop=auth"), realmBound));
    }

    @Test
    void credentialsNeverShowThePassword() {
        assertFalse(acme.toString().contains("s3cret"));
    }
}
