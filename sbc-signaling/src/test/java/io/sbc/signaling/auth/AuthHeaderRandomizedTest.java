package io.sbc.signaling.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.Secret;
import io.sbc.signaling.message.SipRequest;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Arbitrary challenge and credentials values are data: never an exception, always a bounded result. */
class AuthHeaderRandomizedTest {
    private static final String PIECES[] = {"Digest", " ", ",", "=", "\"", "\\", "realm", "nonce", "qop", "auth",
            "auth-int", "algorithm", "MD5", "SHA-256", "SHA-256-sess", "stale", "true", "opaque", "username", "uri",
            "response", "nc", "00000001", "cnonce", "x", "\t", "Basic", "sip:a@b", "é", "\u0000"};

    private static String randomValue(RandomGenerator rnd) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(40);
        for (int i = 0; i < n; i++) {
            sb.append(PIECES[rnd.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }

    @ParameterizedTest
    @ValueSource(longs = {11L, 22L, 33L})
    void arbitraryChallengesNeverThrow(long seed) {
        RandomGenerator rnd = new SplittableRandom(seed);
        DigestCredentials creds = new DigestCredentials("u", new Secret("t", "p"), null);
        for (int i = 0; i < 3000; i++) {
            String v = randomValue(rnd);
            List<DigestChallenge> cs = DigestChallenge.parseAll(v, rnd.nextBoolean());
            for (DigestChallenge c : cs) {
                assertTrue(new DigestClient(() -> "c").authorize(c, creds, "INVITE", "sip:x", null).startsWith("Digest "),
                        "seed " + seed + " value " + v);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {44L, 55L})
    void arbitraryCredentialsAreChallengedNeverThrown(long seed) throws Exception {
        RandomGenerator rnd = new SplittableRandom(seed);
        DigestServer server = new DigestServer("pbx", new RealmAuth("r",
                List.of(new AuthUser("u", new Secret("t", "p"))), List.of()),
                new NonceManager(new byte[32], Duration.ofSeconds(300), 100, () -> 0L), null);
        InetAddress src = InetAddress.getByName("192.0.2.1");
        for (int i = 0; i < 1000; i++) {
            SipRequest r = SipTexts.register("Authorization: Digest realm=\"r\", " + randomValue(rnd).replace("\u0000", "")
                    .replace("\t", " ").replace("é", "e") + "\n");
            AuthResult a = server.authenticate(r, src, false);
            assertEquals(AuthResult.Outcome.CHALLENGED, a.outcome(), "seed " + seed);
        }
    }
}
