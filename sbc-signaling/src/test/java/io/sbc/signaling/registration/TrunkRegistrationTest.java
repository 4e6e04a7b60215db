package io.sbc.signaling.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.Secret;
import io.sbc.signaling.auth.AuthHeaderParser;
import io.sbc.signaling.auth.DigestAlgorithm;
import io.sbc.signaling.auth.DigestCredentials;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.VirtualScheduler;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TrunkRegistrationTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final ScriptedRegistrar registrar = new ScriptedRegistrar();
    private final List<String> transitions = new ArrayList<>();
    private final RegistrationSettings settings = new RegistrationSettings("carrier-a",
            SipUri.parse("sip:carrier.example"), SipUri.parse("sip:+15551230000@carrier.example"),
            SipUri.parse("sip:+15551230000@192.0.2.5:5060"), 600,
            new DigestCredentials("acme", new Secret("env:X", "s3cret"), null), "UDP", "192.0.2.5", 5060,
            Duration.ofSeconds(30), Duration.ofMinutes(15));
    private final TrunkRegistration reg = new TrunkRegistration(settings,
            Destination.udp(new InetSocketAddress("198.51.100.30", 5060)), registrar, clock, clock::nowMillis,
            new SplittableRandom(42), (t, from, to) -> transitions.add(from + "->" + to));

    private static final String CHALLENGE = "WWW-Authenticate: Digest realm=\"carrier.example\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-256";

    private void registerOk(int grantedSeconds) {
        registrar.answer(200, "OK", "Contact: <sip:+15551230000@192.0.2.5:5060>;expires=" + grantedSeconds);
    }

    @Test
    void registersAnswersChallengeAndRefreshesBeforeExpiry() {
        reg.start();
        SipRequest first = registrar.last().request();
        assertEquals(RegistrationState.REGISTERING, reg.state());
        assertEquals("600", first.header("Expires"));
        assertEquals("sip:carrier.example", first.requestUri().toString());
        assertTrue(first.topVia().hasRport());
        registrar.answer(401, "Unauthorized", CHALLENGE);
        SipRequest signed = registrar.last().request();
        assertEquals(2, registrar.sent.size());
        assertEquals(first.callId(), signed.callId());
        assertEquals(first.cseq().number() + 1, signed.cseq().number());
        assertNotEquals(first.topVia().branch(), signed.topVia().branch());
        AuthHeaderParser.Parsed auth = AuthHeaderParser.parse(signed.header("Authorization")).get(0);
        DigestAlgorithm s = DigestAlgorithm.SHA_256;
        String ha1 = s.hashHex("acme:carrier.example:s3cret");
        String ha2 = s.hashHex("REGISTER:sip:carrier.example");
        assertEquals(s.hashHex(ha1 + ":n1:00000001:" + auth.param("cnonce") + ":auth:" + ha2), auth.param("response"));
        registerOk(600);
        assertEquals(RegistrationState.REGISTERED, reg.state());
        assertEquals(600_000, reg.status().expiresAtMillis() - clock.nowMillis());
        clock.advance(Duration.ofSeconds(479));
        assertEquals(2, registrar.sent.size(), "no refresh before 80% of 600 s");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(3, registrar.sent.size());
        SipRequest refresh = registrar.last().request();
        assertEquals(first.callId(), refresh.callId());
        assertEquals(signed.cseq().number() + 1, refresh.cseq().number());
        assertEquals(RegistrationState.REGISTERED, reg.state(), "still registered while refreshing");
        assertEquals(List.of("UNREGISTERED->REGISTERING", "REGISTERING->REGISTERED"), transitions);
    }

    @Test
    void refreshesShortBindingsAtHalfTheirLifetime() {
        assertEquals(30, TrunkRegistration.refreshDelaySeconds(60));
        assertEquals(480, TrunkRegistration.refreshDelaySeconds(600));
        assertEquals(2880, TrunkRegistration.refreshDelaySeconds(3600), "80% of an hour");
        assertEquals(1, TrunkRegistration.refreshDelaySeconds(1));
    }

    @Test
    void usesTheExpiryTheRegistrarGrantedNotTheOneAskedFor() {
        reg.start();
        registerOk(120);
        clock.advance(Duration.ofSeconds(87));
        assertEquals(1, registrar.sent.size());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, registrar.sent.size(), "refresh at 120-32 = 88 s");
    }

    @Test
    void wrongCredentialsFailOnceWithoutLoopingThenBackOff() {
        reg.start();
        registrar.answer(401, "Unauthorized", CHALLENGE);
        registrar.answer(401, "Unauthorized", CHALLENGE);
        assertEquals(2, registrar.sent.size(), "no third REGISTER with the same nonce");
        assertEquals(RegistrationState.FAILED, reg.state());
        assertEquals(401, reg.status().lastStatusCode());
        long wait = reg.status().nextAttemptAtMillis() - clock.nowMillis();
        assertTrue(wait >= 15_000 && wait <= 30_000, "first retry in [15 s, 30 s]: " + wait);
        clock.advance(Duration.ofMillis(wait));
        assertEquals(3, registrar.sent.size());
        assertNull(registrar.last().request().header("Authorization"), "a new attempt starts unauthenticated");
    }

    @Test
    void backoffDoublesWithJitterAndStopsGrowingAtFifteenMinutes() {
        reg.start();
        long[] lower = {15, 30, 60, 120, 240, 450, 450, 450};
        long[] upper = {30, 60, 120, 240, 480, 900, 900, 900};
        for (int i = 0; i < lower.length; i++) {
            registrar.fail("timeout (timer F)");
            assertEquals(RegistrationState.BACKOFF, reg.state());
            long wait = reg.status().nextAttemptAtMillis() - clock.nowMillis();
            assertTrue(wait >= lower[i] * 1000 && wait <= upper[i] * 1000,
                    "failure " + (i + 1) + ": wait " + wait + " ms not in [" + lower[i] + ", " + upper[i] + "] s");
            int before = registrar.sent.size();
            clock.advance(Duration.ofMillis(wait));
            assertEquals(before + 1, registrar.sent.size());
        }
        assertEquals(lower.length, reg.status().consecutiveFailures());
        registerOk(600);
        assertEquals(0, reg.status().consecutiveFailures());
    }

    @Test
    void honoursRetryAfterOf503() {
        reg.start();
        registrar.answer(503, "Service Unavailable", "Retry-After: 300");
        long wait = reg.status().nextAttemptAtMillis() - clock.nowMillis();
        assertEquals(300_000, wait);
    }

    @Test
    void raisesExpiresToMinExpiresOn423() {
        reg.start();
        registrar.answer(423, "Interval Too Brief", "Min-Expires: 1200");
        assertEquals(2, registrar.sent.size());
        assertEquals("1200", registrar.last().request().header("Expires"));
    }

    @Test
    void transientFailureWhileBoundRetriesBeforeTheBindingExpires() {
        reg.start();
        registerOk(600);
        clock.advance(Duration.ofSeconds(480));
        registrar.fail("timeout (timer F)");
        long wait = reg.status().nextAttemptAtMillis() - clock.nowMillis();
        assertTrue(wait <= 60_000, "120 s of binding left: retry within 60 s, was " + wait);
    }

    @Test
    void stopUnregistersWithExpiresZeroAndCompletes() {
        reg.start();
        registerOk(600);
        CompletableFuture<Void> done = reg.stop();
        assertEquals(RegistrationState.UNREGISTERED, reg.state());
        SipRequest unregister = registrar.last().request();
        assertEquals("0", unregister.header("Expires"));
        assertFalse(done.isDone());
        registrar.answer(401, "Unauthorized", CHALLENGE);
        assertTrue(registrar.last().request().hasHeader("Authorization"), "the un-REGISTER answers its challenge too");
        registrar.answer(200, "OK");
        assertTrue(done.isDone());
        assertEquals(0, clock.pendingTimers(), "no refresh left behind");
    }

    @Test
    void responsesOfAnAbandonedExchangeAreIgnored() {
        reg.start();
        ScriptedRegistrar.Sent first = registrar.last();
        CompletableFuture<Void> done = reg.stop();
        registrar.answer(200, "OK");
        assertTrue(done.isDone());
        first.handler().onResponse(io.sbc.signaling.message.SipResponses.create(first.request(), 200, "OK", "x"));
        assertEquals(RegistrationState.UNREGISTERED, reg.state());
    }

    @Test
    void stopBeforeAnyBindingSendsNothing() {
        assertTrue(reg.stop().isDone());
        assertTrue(registrar.sent.isEmpty());
    }
}
