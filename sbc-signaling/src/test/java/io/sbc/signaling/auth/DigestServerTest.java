package io.sbc.signaling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.Secret;
import io.sbc.policy.validate.Values;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DigestServerTest {
    private long now = 1_000_000;
    private final List<String> failures = new ArrayList<>();
    private final NonceManager nonces = new NonceManager(new byte[32], Duration.ofSeconds(300), 1000, () -> now);
    private final DigestServer server = new DigestServer("pbx",
            new RealmAuth("sbc.example", List.of(new AuthUser("1001", new Secret("env:P", "pw1001"))),
                    List.of(Values.cidr("192.0.2.128/25", e -> { throw new AssertionError(e); }))),
            nonces, (src, realm) -> failures.add(src.getHostAddress() + "@" + realm));
    private final InetAddress phone = addr("192.0.2.10");

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static SipRequest invite(String authHeader) {
        return SipTexts.request("INVITE sip:+15551239999@sbc.example SIP/2.0\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKinv1\n"
                + "Max-Forwards: 70\n"
                + "From: <sip:1001@sbc.example>;tag=a1\n"
                + "To: <sip:+15551239999@sbc.example>\n"
                + "Call-ID: inv-1@192.0.2.10\n"
                + "CSeq: 1 INVITE\n"
                + (authHeader == null ? "" : authHeader + "\n")
                + "Content-Length: 0\n\n");
    }

    /** A phone's answer to the server's challenge, computed by our own client. */
    private SipRequest answer(SipResponse challenge, String user, String password) {
        DigestCredentials creds = new DigestCredentials(user, new Secret("t", password), null);
        SipRequest retry = new ChallengeResponder(new DigestClient()).respond(invite(null), challenge, creds);
        assertNotNull(retry);
        return retry;
    }

    @Test
    void challengesFirstRequestWithSha256ThenMd5AndNoFailureScore() {
        AuthResult r = server.authenticate(invite(null), phone, true);
        assertEquals(AuthResult.Outcome.CHALLENGED, r.outcome());
        assertEquals(407, r.challenge().statusCode());
        List<String> offered = r.challenge().headerValues("Proxy-Authenticate");
        assertEquals(2, offered.size());
        assertTrue(offered.get(0).contains("algorithm=SHA-256"));
        assertTrue(offered.get(1).contains("algorithm=MD5"));
        assertTrue(failures.isEmpty());
    }

    @Test
    void admitsValidCredentials() {
        SipResponse ch = server.authenticate(invite(null), phone, true).challenge();
        AuthResult r = server.authenticate(answer(ch, "1001", "pw1001"), phone, true);
        assertEquals(AuthResult.Outcome.AUTHENTICATED, r.outcome());
        assertEquals("1001", r.username());
        assertTrue(failures.isEmpty());
    }

    @Test
    void unknownAndKnownUsersGetTheSameAnswer() {
        SipResponse ch = server.authenticate(invite(null), phone, false).challenge();
        AuthResult wrongPassword = server.authenticate(answer(ch, "1001", "nope"), phone, false);
        AuthResult unknownUser = server.authenticate(answer(ch, "9999", "nope"), phone, false);
        assertEquals(AuthResult.Outcome.CHALLENGED, wrongPassword.outcome());
        assertEquals(AuthResult.Outcome.CHALLENGED, unknownUser.outcome());
        assertEquals(shape(wrongPassword.challenge()), shape(unknownUser.challenge()));
        assertFalse(wrongPassword.challenge().toString().contains("stale"));
        assertEquals(List.of("192.0.2.10@pbx", "192.0.2.10@pbx"), failures);
    }

    /** The response with the nonce and To tag (random per answer) blanked out. */
    private static String shape(SipResponse r) {
        return r.toString().replaceAll("nonce=\"[^\"]*\"", "nonce=N").replaceAll("tag=[0-9a-f]+", "tag=T");
    }

    @Test
    void answersStaleWhenNonceExpiredButCredentialsRight() {
        SipResponse ch = server.authenticate(invite(null), phone, false).challenge();
        SipRequest signed = answer(ch, "1001", "pw1001");
        now += Duration.ofSeconds(301).toMillis();
        AuthResult r = server.authenticate(signed, phone, false);
        assertEquals(AuthResult.Outcome.CHALLENGED, r.outcome());
        assertTrue(r.challenge().header("WWW-Authenticate").contains("stale=true"));
        assertTrue(failures.isEmpty(), "a stale nonce is not a failure");
        // The client re-signs with the new nonce and is admitted.
        SipRequest again = new ChallengeResponder(new DigestClient())
                .respond(signed, r.challenge(), new DigestCredentials("1001", new Secret("t", "pw1001"), null));
        assertNotNull(again);
        assertEquals(AuthResult.Outcome.AUTHENTICATED, server.authenticate(again, phone, false).outcome());
    }

    @Test
    void expiredNonceWithWrongPasswordIsAFailureNotStale() {
        SipResponse ch = server.authenticate(invite(null), phone, false).challenge();
        SipRequest signed = answer(ch, "1001", "wrong");
        now += Duration.ofSeconds(301).toMillis();
        AuthResult r = server.authenticate(signed, phone, false);
        assertFalse(r.challenge().toString().contains("stale=true"));
        assertEquals(1, failures.size());
    }

    @Test
    void replayedRequestIsNotAdmittedTwice() {
        SipResponse ch = server.authenticate(invite(null), phone, false).challenge();
        SipRequest signed = answer(ch, "1001", "pw1001");
        assertEquals(AuthResult.Outcome.AUTHENTICATED, server.authenticate(signed, phone, false).outcome());
        AuthResult replay = server.authenticate(signed, phone, false);
        assertEquals(AuthResult.Outcome.CHALLENGED, replay.outcome());
        assertTrue(replay.challenge().header("WWW-Authenticate").contains("stale=true"));
    }

    @Test
    void rejectsForgedNonceAndNonceOfAnotherRealm() {
        SipResponse ch = server.authenticate(invite(null), phone, false).challenge();
        SipRequest signed = answer(ch, "1001", "pw1001");
        NonceManager other = new NonceManager(new byte[32], Duration.ofSeconds(300), 10, () -> now);
        assertEquals(NonceManager.Validity.INVALID, other.check(other.issue("elsewhere"), "sbc.example"));
        String forged = signed.header("Authorization").replaceAll("nonce=\"[^\"]*\"", "nonce=\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"");
        signed.setHeader("Authorization", forged);
        assertEquals(AuthResult.Outcome.CHALLENGED, server.authenticate(signed, phone, false).outcome());
        assertEquals(1, failures.size());
    }

    @Test
    void trustedSourceSkipsTheChallenge() {
        AuthResult r = server.authenticate(invite(null), addr("192.0.2.200"), true);
        assertEquals(AuthResult.Outcome.TRUSTED, r.outcome());
        assertNull(r.challenge());
    }

    @Test
    void realmWithoutUsersNeedsNothing() {
        DigestServer open = new DigestServer("carrier", new RealmAuth(null, List.of(), List.of()), nonces, null);
        assertEquals(AuthResult.Outcome.NOT_REQUIRED, open.authenticate(invite(null), phone, true).outcome());
    }

    @Test
    void garbageCredentialsAreAFailureNotAnException() {
        AuthResult r = server.authenticate(invite("Proxy-Authorization: Digest realm=\"sbc.example\", username=\"1001\", nc=zz"), phone, true);
        assertEquals(AuthResult.Outcome.CHALLENGED, r.outcome());
        assertEquals(1, failures.size());
    }

    @Test
    void replayTableStaysBoundedAndTreatsEvictedNoncesAsStale() {
        NonceManager small = new NonceManager(new byte[32], Duration.ofSeconds(300), 2, () -> now);
        String n1 = small.issue("r");
        now++;
        String n2 = small.issue("r");
        now++;
        String n3 = small.issue("r");
        assertTrue(small.acceptCount(n1, 1, "r"));
        assertTrue(small.acceptCount(n2, 1, "r"));
        assertTrue(small.acceptCount(n3, 1, "r"));
        assertEquals(2, small.trackedNonces());
        assertFalse(small.acceptCount(n1, 2, "r"), "n1 was dropped: its state is gone, so it is refused");
        assertTrue(small.acceptCount(n3, 2, "r"));
        assertFalse(small.acceptCount(n3, 2, "r"), "a count that does not grow is a replay");
    }
}
