package io.sbc.signaling.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.Secret;
import io.sbc.signaling.auth.DigestAlgorithm;
import io.sbc.signaling.auth.DigestServer;
import io.sbc.signaling.auth.NonceManager;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.registration.Binding;
import io.sbc.signaling.registration.NatKeepAlive;
import io.sbc.signaling.registration.RegisterHandler;
import io.sbc.signaling.registration.Registrar;
import io.sbc.signaling.registration.RegistrarSettings;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real SIPp phone registers with the SBC's registrar through a digest challenge (DigestServer,
 * MD5 offered first because SIPp 3.6 reads only the first challenge and knows only MD5); the binding
 * keeps the NAT flow; a request from the SBC to the registered AOR (here a keep-alive OPTIONS from
 * {@link NatKeepAlive}) reaches the phone's socket at the flow, with the private contact as
 * Request-URI. Wrong credentials are counted through the AuthFailureListener. SIPp puts
 * {@code remote_ip:port} into the digest uri unless {@code -auth_uri} is given; the SBC insists that
 * the digest uri names the Request-URI (RFC 7616 §3.4.6), so the test passes it.
 */
class RegistrarSippIT {

    @Test
    void phoneRegistersThroughDigestAndIsReachedOverItsFlow() throws Exception {
        OptionsSippIT.assumeSipp();
        Registrar registrar = new Registrar(RegistrarSettings.defaults(), System::currentTimeMillis);
        List<String> failures = new CopyOnWriteArrayList<>();
        DigestServer digest = new DigestServer("pbx",
                new RealmAuth("sbc.test", List.of(new AuthUser("1001", new Secret("env:P", "pw1001"))), List.of()),
                NonceManager.withRandomKey(Duration.ofSeconds(300), System::currentTimeMillis),
                (src, realm) -> failures.add(src.getHostAddress()),
                List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256));
        RegisterHandler handler = new RegisterHandler(registrar, digest);
        try (LoopbackSipEndpoint sbc = new LoopbackSipEndpoint("127.0.0.72", handler::handle)) {
            int phonePort;
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress("127.0.0.73", 0))) {
                phonePort = probe.getLocalPort();
            }
            // Wrong password first: one failure reported, no binding.
            Sipp.Result bad = Sipp.client(ItPolicies.evidenceDir("registrar-digest-bad"), "127.0.0.72:" + sbc.port(),
                            ItPolicies.resource("register-digest-uac.xml"), "127.0.0.73", phonePort)
                    .arg("-au", "1001", "-ap", "nope", "-auth_uri", "sbc.test", "-recv_timeout", "3000").calls(1)
                    .wallLimit(Duration.ofSeconds(20)).run();
            assertTrue(bad.exitCode() != 0, "SIPp must not get its 200 with a wrong password: " + bad.describe());
            assertEquals(0, registrar.bindingCount());
            assertTrue(failures.contains("127.0.0.73"), "failure reported for the source: " + failures);

            Sipp.Result ok = Sipp.client(ItPolicies.evidenceDir("registrar-digest"), "127.0.0.72:" + sbc.port(),
                            ItPolicies.resource("register-digest-uac.xml"), "127.0.0.73", phonePort)
                    .arg("-au", "1001", "-ap", "pw1001", "-auth_uri", "sbc.test").calls(1).wallLimit(Duration.ofSeconds(20)).run();
            assertEquals(0, ok.exitCode(), ok::describe);
            List<Binding> bindings = registrar.contactsFor(SipUri.parse("sip:1001@sbc.test"));
            assertEquals(1, bindings.size());
            assertEquals("sip:1001@192.168.1.50:5060", bindings.get(0).contact().toString());
            assertEquals(new InetSocketAddress("127.0.0.73", phonePort), bindings.get(0).flow().remote(),
                    "the flow is where the REGISTER came from (NAT), not the contact's private address");

            // The phone's socket (same address and port) now waits for a request to its contact.
            CompletableFuture<Sipp.Result> phone = CompletableFuture.supplyAsync(() -> {
                try {
                    return Sipp.client(ItPolicies.evidenceDir("registrar-contact-reached"), "127.0.0.72:" + sbc.port(),
                                    ItPolicies.resource("options-at-contact-uas.xml"), "127.0.0.73", phonePort)
                            .calls(1).wallLimit(Duration.ofSeconds(20)).run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            NatKeepAlive keepAlive = new NatKeepAlive(registrar, sbc.sender, sbc.scheduler, Duration.ofSeconds(1), 3,
                    "127.0.0.72", sbc.port(), SipUri.parse("sip:sbc@127.0.0.72"));
            sbc.loop.submit(keepAlive::start).get();
            Sipp.Result reached = phone.get(30, TimeUnit.SECONDS);
            sbc.loop.submit(keepAlive::stop).get();
            assertEquals(0, reached.exitCode(), reached::describe);
            assertEquals(1, registrar.bindingCount(), "answered keep-alives keep the binding");
        }
    }
}
