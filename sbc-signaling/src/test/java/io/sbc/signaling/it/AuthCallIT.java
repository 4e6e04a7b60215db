package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.registration.Binding;
import io.sbc.signaling.registration.Registrar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The auth wiring of issue #5 through a running {@link SignalingNode} and real SIPp peers on
 * loopback: the SBC answers a carrier's 407 with the trunk's credentials (SIPp verifyauth), challenges
 * an untrusted PBX with 407 and lets its signed INVITE through (SIPp [authentication]), takes a phone's
 * REGISTER (401, digest) and delivers a carrier call to the phone's registered flow.
 */
class AuthCallIT {
    private static SignalingNode node;
    private static final List<String> failures = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("auth/auth-policy.yaml"));
        node.authFailures((source, realm) -> failures.add(realm + " " + source.getHostAddress()));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void carrier401IsAnsweredWithTheTrunkCredentialsVerifiedBySipp() throws Exception {
        String test = "auth-carrier-401";
        SippPeer carrier = SippPeer.uas(test, "carrier", ItPolicies.resource("auth/carrier-401-uas.xml"),
                "127.0.0.90", 5090, 1, Duration.ofSeconds(25)).start();
        SippPeer pbx = SippPeer.uac(test, "pbx", ItPolicies.resource("calls/caller.xml"), "127.0.0.85", 5184,
                "127.0.0.80:5070", 1, Duration.ofSeconds(20)).arg("-s", "+15551234567", "-d", "300").start();
        try {
            assertEquals(0, pbx.await(), pbx::describe);
            assertEquals(0, carrier.await(), carrier::describe); // a wrong digest would end in 403 and exit 1
        } finally {
            pbx.kill();
            carrier.kill();
        }
    }

    @Test
    void carrier407IsAnsweredWithTheTrunkCredentialsAndTheCallIsAnswered() throws Exception {
        String test = "auth-carrier-407";
        SippPeer carrier = SippPeer.uas(test, "carrier", ItPolicies.resource("auth/carrier-challenge-uas.xml"),
                "127.0.0.90", 5090, 1, Duration.ofSeconds(25)).start();
        // 127.0.0.85 is in the pbx realm's trust list: no challenge toward the PBX.
        SippPeer pbx = SippPeer.uac(test, "pbx", ItPolicies.resource("calls/caller.xml"), "127.0.0.85", 5185,
                "127.0.0.80:5070", 1, Duration.ofSeconds(20)).arg("-s", "+15551234567", "-d", "300").start();
        try {
            assertEquals(0, pbx.await(), pbx::describe);
            assertEquals(0, carrier.await(), carrier::describe);
        } finally {
            pbx.kill();
            carrier.kill();
        }
        String signed = carrier.received().stream().filter(m -> m.startsWith("INVITE ")).skip(1).findFirst()
                .orElse("");
        assertTrue(signed.contains("Proxy-Authorization: Digest"), signed);
        // nc counts uses of this nonce by the loop's DigestClient: earlier tests answered the same nonce.
        assertTrue(signed.contains("qop=auth") && signed.matches("(?s).*nc=[0-9a-f]{8}.*"), signed);
        assertTrue(signed.contains("CSeq: 2 INVITE"), "the signed INVITE is a new transaction: " + signed);
        // SIPp's verifyauth reads only Authorization:, so the RFC 2617/7616 digest is recomputed here.
        String creds = TraceLog.header(signed, "Proxy-Authorization");
        String uri = param(creds, "uri");
        String ha1 = md5("acme:carrier.test:s3cret");
        String ha2 = md5("INVITE:" + uri);
        String expected = md5(ha1 + ":" + param(creds, "nonce") + ":" + param(creds, "nc") + ":"
                + param(creds, "cnonce") + ":auth:" + ha2);
        assertEquals(expected, param(creds, "response"), creds);
        assertEquals("sip:+15551234567@127.0.0.90:5090", uri, "digest uri = the signed INVITE's Request-URI");
    }

    @Test
    void byeChallengedByTheCarrierIsResentOnceWithCredentials() throws Exception {
        String test = "auth-carrier-bye-407";
        SippPeer carrier = SippPeer.uas(test, "carrier", ItPolicies.resource("auth/carrier-bye-challenge-uas.xml"),
                "127.0.0.90", 5090, 1, Duration.ofSeconds(25)).start();
        SippPeer pbx = SippPeer.uac(test, "pbx", ItPolicies.resource("calls/caller.xml"), "127.0.0.85", 5188,
                "127.0.0.80:5070", 1, Duration.ofSeconds(20)).arg("-s", "+15551234567", "-d", "300").start();
        try {
            assertEquals(0, pbx.await(), pbx::describe);
            assertEquals(0, carrier.await(), carrier::describe);
        } finally {
            pbx.kill();
            carrier.kill();
        }
        List<String> byes = carrier.received().stream().filter(m -> m.startsWith("BYE ")).toList();
        String signed = byes.get(byes.size() - 1);
        String creds = TraceLog.header(signed, "Proxy-Authorization");
        String uri = param(creds, "uri");
        String expected = md5(md5("acme:carrier.test:s3cret") + ":" + param(creds, "nonce") + ":" + param(creds, "nc")
                + ":" + param(creds, "cnonce") + ":auth:" + md5("BYE:" + uri));
        assertEquals(expected, param(creds, "response"), creds);
        long first = cseq(byes.get(0));
        assertEquals(first + 1, cseq(signed), "the signed BYE takes the dialog's next CSeq");
    }

    @Test
    void reInviteChallengedByTheCarrierIsAckedAndResentOnceWithCredentials() throws Exception {
        String test = "auth-carrier-reinvite-407";
        SippPeer carrier = SippPeer.uas(test, "carrier", ItPolicies.resource("auth/carrier-reinvite-challenge-uas.xml"),
                "127.0.0.90", 5090, 1, Duration.ofSeconds(25)).start();
        SippPeer pbx = SippPeer.uac(test, "pbx", ItPolicies.resource("auth/caller-reinvite.xml"), "127.0.0.85", 5189,
                "127.0.0.80:5070", 1, Duration.ofSeconds(20)).arg("-s", "+15551234567").start();
        try {
            assertEquals(0, pbx.await(), pbx::describe);
            assertEquals(0, carrier.await(), carrier::describe);
        } finally {
            pbx.kill();
            carrier.kill();
        }
        List<String> invites = carrier.received().stream().filter(m -> m.startsWith("INVITE ")).toList();
        String challenged = invites.get(1);
        String signed = invites.get(invites.size() - 1);
        String creds = TraceLog.header(signed, "Proxy-Authorization");
        String expected = md5(md5("acme:carrier.test:s3cret") + ":" + param(creds, "nonce") + ":" + param(creds, "nc")
                + ":" + param(creds, "cnonce") + ":auth:" + md5("INVITE:" + param(creds, "uri")));
        assertEquals(expected, param(creds, "response"), creds);
        assertEquals(cseq(challenged) + 1, cseq(signed), "the signed re-INVITE takes the dialog's next CSeq");
    }

    private static long cseq(String message) {
        return Long.parseLong(TraceLog.header(message, "CSeq").trim().split("\\s+")[0]);
    }

    private static String param(String header, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[ ,]" + name + "=\"?([^\",]*)\"?").matcher(header);
        return m.find() ? m.group(1) : null;
    }

    private static String md5(String s) throws Exception {
        byte[] d = java.security.MessageDigest.getInstance("MD5").digest(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return java.util.HexFormat.of().formatHex(d);
    }

    @Test
    void untrustedPbxGets407AndItsSignedInviteGoesThrough() throws Exception {
        String test = "auth-pbx-407";
        SippPeer carrier = SippPeer.uas(test, "carrier", ItPolicies.resource("auth/carrier-401-uas.xml"),
                "127.0.0.90", 5090, 1, Duration.ofSeconds(25)).start();
        SippPeer pbx = SippPeer.uac(test, "pbx", ItPolicies.resource("auth/pbx-auth-caller.xml"), "127.0.0.86", 5186,
                "127.0.0.80:5070", 1, Duration.ofSeconds(20)).arg("-s", "+15551234567", "-au", "alice", "-ap",
                "s3cret", "-auth_uri", "+15551234567@127.0.0.80:5070").start();
        try {
            assertEquals(0, pbx.await(), pbx::describe);
            assertEquals(0, carrier.await(), carrier::describe);
        } finally {
            pbx.kill();
            carrier.kill();
        }
        String challenge = pbx.received().stream().filter(m -> m.startsWith("SIP/2.0 407")).findFirst().orElse("");
        assertTrue(challenge.contains("Proxy-Authenticate: Digest realm=\"pbx\""), challenge);
        assertTrue(challenge.contains("algorithm=SHA-256"), "RFC 8760 offers SHA-256 too: " + challenge);
        assertTrue(failures.stream().noneMatch(f -> f.endsWith("127.0.0.86")), "a right answer is no failure: " + failures);
    }

    @Test
    void wrongPbxPasswordIsChallengedAgainAndReportedAsAnAuthFailure() throws Exception {
        String test = "auth-pbx-wrong";
        SippPeer pbx = SippPeer.uac(test, "pbx", ItPolicies.resource("auth/pbx-auth-caller.xml"), "127.0.0.87", 5187,
                "127.0.0.80:5070", 1, Duration.ofSeconds(12)).arg("-s", "+15551234567", "-au", "alice", "-ap",
                "wrong", "-auth_uri", "+15551234567@127.0.0.80:5070", "-recv_timeout", "3000").start();
        try {
            assertTrue(pbx.await() != 0, "no 200 for a wrong password: " + pbx.describe());
        } finally {
            pbx.kill();
        }
        assertTrue(failures.contains("pbx 127.0.0.87"), "failure reported for the gate: " + failures);
        long challenges = pbx.received().stream().filter(m -> m.startsWith("SIP/2.0 407") && m.contains("CSeq: 2 "))
                .count();
        assertTrue(challenges >= 1, "the signed INVITE with a wrong password gets a fresh 407");
        assertTrue(pbx.received().stream().noneMatch(m -> m.startsWith("SIP/2.0 200")), "no call for a wrong password");
    }

    @Test
    void phoneRegistersWithTheSbcAndACarrierCallReachesItOverTheRegisteredFlow() throws Exception {
        String test = "auth-registered-phone";
        int phonePort = 5197;
        Sipp.Result reg = Sipp.client(ItPolicies.evidenceDir(test).resolve("register"), "127.0.0.82:5070",
                        ItPolicies.resource("register-digest-uac.xml"), "127.0.0.88", phonePort)
                .arg("-au", "1001", "-ap", "pw1001", "-auth_uri", "sbc.test").calls(1)
                .wallLimit(Duration.ofSeconds(20)).run();
        assertEquals(0, reg.exitCode(), reg::describe);
        Registrar registrar = node.registrar("phones");
        List<Binding> bindings = registrar.contactsFor("sip:1001@sbc.test");
        assertEquals(1, bindings.size(), "bound: " + registrar.allBindings());
        assertEquals(new InetSocketAddress("127.0.0.88", phonePort), bindings.get(0).flow().remote());

        // The phone now answers calls on the socket it registered from (its NAT flow).
        SippPeer phone = SippPeer.uas(test, "phone", ItPolicies.resource("calls/callee.xml"), "127.0.0.88", phonePort, 1,
                Duration.ofSeconds(25)).start();
        SippPeer carrier = SippPeer.uac(test, "carrier", ItPolicies.resource("calls/caller.xml"), "127.0.0.93", 5193,
                "127.0.0.81:5070", 1, Duration.ofSeconds(20)).arg("-s", "1001", "-d", "300").start();
        try {
            assertEquals(0, carrier.await(), carrier::describe);
            assertEquals(0, phone.await(), phone::describe);
        } finally {
            carrier.kill();
            phone.kill();
        }
        String invite = phone.received().stream().filter(m -> m.startsWith("INVITE ")).findFirst().orElse("");
        assertTrue(invite.startsWith("INVITE sip:1001@127.0.0.88:" + phonePort), invite);
    }
}
