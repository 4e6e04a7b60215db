package io.sbc.signaling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known-answer tests: the worked examples of RFC 7616 §3.9.1 (MD5, SHA-256) and RFC 2617 §3.5. */
class DigestClientKnownAnswerTest {

    private static final String RFC7616_CHALLENGE_TAIL = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\", "
            + "nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", "
            + "opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";

    private static DigestCredentials mufasa(String password) {
        return new DigestCredentials("Mufasa", new Secret("test", password), null);
    }

    private static String param(String credentials, String name) {
        AuthHeaderParser.Parsed p = AuthHeaderParser.parse(credentials).get(0);
        return p.param(name);
    }

    @Test
    void computesRfc7616Md5Example() {
        List<DigestChallenge> cs = DigestChallenge.parseAll("Digest " + RFC7616_CHALLENGE_TAIL + ", algorithm=MD5", false);
        String auth = new DigestClient(() -> RFC7616_CNONCE)
                .authorize(cs.get(0), mufasa("Circle of Life"), "GET", "/dir/index.html", null);
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", param(auth, "response"), auth);
        assertEquals("00000001", param(auth, "nc"));
        assertEquals("auth", param(auth, "qop"));
        assertEquals("FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS", param(auth, "opaque"));
    }

    @Test
    void computesRfc7616Sha256Example() {
        List<DigestChallenge> cs = DigestChallenge.parseAll("Digest " + RFC7616_CHALLENGE_TAIL + ", algorithm=SHA-256", false);
        String auth = new DigestClient(() -> RFC7616_CNONCE)
                .authorize(cs.get(0), mufasa("Circle of Life"), "GET", "/dir/index.html", null);
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", param(auth, "response"), auth);
        assertEquals("SHA-256", param(auth, "algorithm"));
    }

    @Test
    void computesRfc2617Example() {
        List<DigestChallenge> cs = DigestChallenge.parseAll("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"", false);
        String auth = new DigestClient(() -> "0a4f113b")
                .authorize(cs.get(0), mufasa("Circle Of Life"), "GET", "/dir/index.html", null);
        assertEquals("6629fae49393a05397450978507c4ef1", param(auth, "response"), auth);
        assertEquals("MD5", param(auth, "algorithm"));
    }

    @Test
    void prefersSha256WhenOneHeaderCarriesBothChallenges() {
        // RFC 7616 §3.9.1 sends the SHA-256 and the MD5 challenge together; RFC 8760 §2.4: use the strongest.
        List<DigestChallenge> cs = DigestChallenge.parseAll("Digest " + RFC7616_CHALLENGE_TAIL + ", algorithm=MD5, Digest "
                + RFC7616_CHALLENGE_TAIL + ", algorithm=SHA-256", false);
        assertEquals(2, cs.size());
        DigestChallenge chosen = DigestClient.choose(cs, mufasa("x"));
        assertNotNull(chosen);
        assertEquals(DigestAlgorithm.SHA_256, chosen.algorithm());
    }

    @Test
    void countsNonceUsesAndStartsAgainForANewNonce() {
        DigestClient client = new DigestClient(() -> "c");
        DigestChallenge a = DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n1\", qop=\"auth\"", false).get(0);
        DigestChallenge b = DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n2\", qop=\"auth\"", false).get(0);
        assertEquals("00000001", param(client.authorize(a, mufasa("p"), "REGISTER", "sip:x", null), "nc"));
        assertEquals("00000002", param(client.authorize(a, mufasa("p"), "REGISTER", "sip:x", null), "nc"));
        assertEquals("00000001", param(client.authorize(b, mufasa("p"), "REGISTER", "sip:x", null), "nc"));
    }

    @Test
    void skipsChallengesItCannotAnswer() {
        assertTrue(DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256", false).isEmpty());
        assertTrue(DigestChallenge.parseAll("Basic realm=\"r\"", false).isEmpty());
        assertTrue(DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n\", qop=\"auth-conf\"", false).isEmpty());
        assertTrue(DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"unterminated", false).isEmpty());
        assertTrue(DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n\", algorithm=MD5-sess", false).isEmpty(),
                "-sess without qop has no cnonce");
    }

    @Test
    void answersRfc2069StyleChallengeWithoutQop() {
        DigestChallenge c = DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n\"", false).get(0);
        String auth = new DigestClient(() -> "c").authorize(c, mufasa("p"), "INVITE", "sip:b@198.51.100.1", null);
        String ha1 = DigestAlgorithm.MD5.hashHex("Mufasa:r:p");
        String ha2 = DigestAlgorithm.MD5.hashHex("INVITE:sip:b@198.51.100.1");
        assertEquals(DigestAlgorithm.MD5.hashHex(ha1 + ":n:" + ha2), param(auth, "response"));
        assertNull(param(auth, "nc"));
        assertNull(param(auth, "cnonce"));
    }

    @Test
    void sessionVariantHashesNonceAndCnonceIntoA1() {
        DigestChallenge c = DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n\", qop=auth, algorithm=SHA-256-sess", false).get(0);
        String auth = new DigestClient(() -> "cn").authorize(c, mufasa("p"), "BYE", "sip:b@198.51.100.1", null);
        DigestAlgorithm s = DigestAlgorithm.SHA_256;
        String ha1 = s.hashHex(s.hashHex("Mufasa:r:p") + ":n:cn");
        String ha2 = s.hashHex("BYE:sip:b@198.51.100.1");
        assertEquals(s.hashHex(ha1 + ":n:00000001:cn:auth:" + ha2), param(auth, "response"));
        assertEquals("SHA-256-sess", param(auth, "algorithm"));
    }

    @Test
    void usesAuthIntWithBodyHashWhenOnlyAuthIntIsOffered() {
        DigestChallenge c = DigestChallenge.parseAll("Digest realm=\"r\", nonce=\"n\", qop=\"auth-int\"", false).get(0);
        byte[] body = "v=0\r\n".getBytes();
        String auth = new DigestClient(() -> "cn").authorize(c, mufasa("p"), "INVITE", "sip:b@h", body);
        DigestAlgorithm m = DigestAlgorithm.MD5;
        String ha2 = m.hashHex("INVITE:sip:b@h:" + m.hashHex(body));
        assertEquals(m.hashHex(m.hashHex("Mufasa:r:p") + ":n:00000001:cn:auth-int:" + ha2), param(auth, "response"));
    }
}
