package io.sbc.signaling.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoop;
import io.sbc.policy.model.Secret;
import io.sbc.signaling.auth.DigestCredentials;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.registration.RegistrationSettings;
import io.sbc.signaling.registration.RegistrationState;
import io.sbc.signaling.registration.TransactionRequestSender;
import io.sbc.signaling.registration.TrunkRegistration;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.EventLoopTimerScheduler;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * TrunkRegistration end to end against a real SIPp registrar over UDP on loopback: the real
 * transaction layer (retransmissions, matching) on a Netty event loop, the real codec on a real UDP
 * socket, the SIPp UAS challenging every exchange with 401 and verifying our MD5/qop=auth answer
 * ({@code verifyauth}). Covers: register + challenge, refresh before the 2 s grant runs out (answered
 * with nc=2 on the same nonce), un-REGISTER (Expires: 0) on stop.
 *
 * <p>Not covered here: the SBC's own listen points and UA core (the lead's wiring of
 * {@link TransactionRequestSender} into the UA core), TCP/TLS.
 */
class RegistrationSippIT {

    @Test
    void registersThroughDigestChallengeRefreshesAndUnregistersAgainstSipp() throws Exception {
        run("s3cret", "registration-digest");
    }

    @Test
    void wrongPasswordIsRefusedOnceAndEndsInFailedWithoutLooping() throws Exception {
        run("wrong", "registration-digest-refused");
    }

    private void run(String password, String evidence) throws Exception {
        OptionsSippIT.assumeSipp();
        boolean good = password.equals("s3cret");
        try (LoopbackSipEndpoint sbc = new LoopbackSipEndpoint("127.0.0.70", (req, src) -> null)) {
            DatagramSocket socket = sbc.socket;
            DefaultEventLoop loop = sbc.loop;
            int sippPort;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.71", 0))) {
                sippPort = probe.getLocalPort();
            }
            InetSocketAddress sipp = new InetSocketAddress("127.0.0.71", sippPort);
            CompletableFuture<io.sbc.signaling.it.Sipp.Result> sippRun = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.client(ItPolicies.evidenceDir(evidence),
                                    "127.0.0.70:" + socket.getLocalPort(), ItPolicies.resource("register-digest-uas.xml"),
                                    "127.0.0.71", sippPort)
                            .calls(1).wallLimit(Duration.ofSeconds(40)).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            List<String> transitions = new CopyOnWriteArrayList<>();
            TransactionRequestSender[] sender = {sbc.sender};

            RegistrationSettings settings = new RegistrationSettings("carrier-a", SipUri.parse("sip:sipp.test"),
                    SipUri.parse("sip:+15551230000@sipp.test"),
                    SipUri.parse("sip:+15551230000@127.0.0.70:" + socket.getLocalPort()), 600,
                    new DigestCredentials("acme", new Secret("test", password), null), "UDP", "127.0.0.70",
                    socket.getLocalPort(), Duration.ofSeconds(30), Duration.ofMinutes(15));
            TrunkRegistration reg = loop.submit(() -> new TrunkRegistration(settings, Destination.udp(sipp), sender[0],
                    new EventLoopTimerScheduler(loop), System::currentTimeMillis, new SplittableRandom(1),
                    (t, from, to) -> transitions.add(to.name()))).get();
            loop.submit(reg::start).get();

            if (!good) {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (System.nanoTime() < until && reg.status().lastStatusCode() == 0) {
                    Thread.sleep(20);
                }
                assertEquals(RegistrationState.FAILED, loop.submit(reg::state).get(), () -> reg.status().toString());
                assertEquals(403, reg.status().lastStatusCode());
                loop.submit(reg::stop).get();
                Sipp.Result r = sippRun.get(45, TimeUnit.SECONDS);
                assertEquals(0, r.exitCode(), r::describe);
                assertEquals(2, r.messages().split("REGISTER sip:", -1).length - 1, "one challenge answer, no loop");
                return;
            }
            // Registered (after the challenge), then refreshed once the 2 s grant is half over.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline
                    && !(reg.status().lastStatusCode() == 200 && reg.status().expiresAtMillis() - System.currentTimeMillis() > 10_000)) {
                Thread.sleep(20);
            }
            assertEquals(RegistrationState.REGISTERED, loop.submit(reg::state).get(), () -> reg.status().toString());
            assertTrue(reg.status().expiresAtMillis() - System.currentTimeMillis() > 500_000,
                    "the refresh got the 600 s grant: " + reg.status());

            CompletableFuture<Void> unregistered = loop.submit(reg::stop).get();
            unregistered.get(15, TimeUnit.SECONDS);
            assertEquals(200, reg.status().lastStatusCode(), () -> reg.status().toString());

            Sipp.Result r = sippRun.get(45, TimeUnit.SECONDS);
            assertEquals(0, r.exitCode(), r::describe);
            String wire = r.messages();
            assertTrue(wire.contains("nc=00000002"), "the refresh reused the nonce with the next count");
            assertTrue(wire.contains("Expires: 0"), "un-REGISTER on the wire");
            assertEquals(List.of("REGISTERING", "REGISTERED", "UNREGISTERED"), transitions);
        }
    }
}
