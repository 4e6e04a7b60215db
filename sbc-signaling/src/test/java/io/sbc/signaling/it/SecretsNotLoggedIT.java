package io.sbc.signaling.it;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7: "secrets never logged (a test greps the logs for the configured secrets)". An SBC
 * process at DEBUG level, with every kind of secret the policy has (trunk digest password from a
 * file, realm users' passwords as a literal and from a file, the admin token from the environment),
 * each a distinctive string, goes through traffic that uses them: a PBX call challenged by the SBC
 * (407, answered with a realm user's password) and by the carrier (401, answered with the trunk's
 * password, checked by SIPp's verifyauth), a wrong password, admin calls with a wrong and the right
 * token, a reload of a broken file, a SIGHUP reload and the drain. Then the whole output of the
 * process (its log goes to the console; there is no other log file) must contain none of them.
 */
class SecretsNotLoggedIT {
    static final int ADMIN = 18113;
    static final String TRUNK_SECRET = "TrunkPw-q7Zx81Kd";   // also in secrets/carrier-401-uas.xml
    static final String ALICE_SECRET = "RealmPw-m4Vb2TnQ";
    static final String BOB_SECRET = "BobFilePw-w9Lk3Rs";
    static final String ADMIN_TOKEN = "AdminTok-Hr93cWp5";
    static final List<String> SECRETS = List.of(TRUNK_SECRET, ALICE_SECRET, BOB_SECRET, ADMIN_TOKEN);
    static final String CALLEE = "+15554660001";

    static String policy(Path cdr, String extra) {
        return """
                version: 1
                node:
                  name: sbc-secrets-it
                  admin: 127.0.0.1:%d
                  admin-token: "${env:SBC_IT_ADMIN_TOKEN}"
                  cdr: %s
                  drain-timeout: 1s
                realms:
                  pbx:
                    listen: [udp://127.0.0.20:5466, tcp://127.0.0.20:5466]
                    media-address: 127.0.0.20
                    auth: {users: [{username: alice, password: "%s"}, {username: bob, password: "${file:bob.secret}"}]}
                  carrier:
                    listen: [udp://127.0.0.21:5466]
                    media-address: 127.0.0.21
                trunks:
                  carrier-a:
                    realm: carrier
                    gateways: [{uri: "sip:127.0.0.30:5467"}]
                    auth: {username: acme, password: "${file:trunk.secret}"}
                    media: {mode: bypass}
                routes:
                  - {from: pbx, to: carrier-a}
                %s""".formatted(ADMIN, cdr.toAbsolutePath(), ALICE_SECRET, extra);
    }

    @Test
    void noConfiguredSecretAppearsInTheLogAfterTrafficThatUsesThem() throws Exception {
        OptionsSippIT.assumeSipp();
        Path dir = Files.createTempDirectory("secrets-it");
        Files.writeString(dir.resolve("trunk.secret"), TRUNK_SECRET + "\n");
        Files.writeString(dir.resolve("bob.secret"), BOB_SECRET + "\n");
        Path policyFile = dir.resolve("policy.yaml");
        Path cdr = dir.resolve("cdr");
        Files.writeString(policyFile, policy(cdr, ""));
        Path log = dir.resolve("sbc.log");
        String test = "secrets";
        try (SbcProcess sbc = SbcProcess.run(policyFile, log,
                Map.of("SBC_LOG_LEVEL", "DEBUG", "SBC_IT_ADMIN_TOKEN", ADMIN_TOKEN))) {
            // A call that needs both: the SBC challenges the PBX (realm user), the carrier challenges the SBC (trunk).
            SippPeer carrier = SippPeer.uas(test, "carrier", ItPolicies.resource("secrets/carrier-401-uas.xml"),
                    "127.0.0.30", 5467, 1, Duration.ofSeconds(30)).start();
            SippPeer pbx = SippPeer.uac(test, "pbx", ItPolicies.resource("auth/pbx-auth-caller.xml"), "127.0.0.10",
                    5468, "127.0.0.20:5466", 1, Duration.ofSeconds(25)).arg("-s", CALLEE, "-au", "alice", "-ap",
                    ALICE_SECRET, "-auth_uri", CALLEE + "@127.0.0.20:5466").start();
            try {
                assertEquals(0, pbx.await(), pbx::describe);
                assertEquals(0, carrier.await(), carrier::describe); // verifyauth: the trunk secret was used
            } finally {
                pbx.kill();
                carrier.kill();
            }
            // A wrong password: challenged again, never answered 200.
            SippPeer wrong = SippPeer.uac(test, "wrong", ItPolicies.resource("auth/pbx-auth-caller.xml"), "127.0.0.11",
                    5469, "127.0.0.20:5466", 1, Duration.ofSeconds(12)).arg("-s", CALLEE, "-au", "bob", "-ap",
                    "not-" + BOB_SECRET.substring(0, 5), "-auth_uri", CALLEE + "@127.0.0.20:5466", "-recv_timeout",
                    "3000").start();
            try {
                assertTrue(wrong.await() != 0, "a wrong password got through: " + wrong.describe());
            } finally {
                wrong.kill();
            }

            // A TCP connection opened and closed: the transport logs it at DEBUG (proof the level took effect).
            try (java.net.Socket tcp = new java.net.Socket("127.0.0.20", 5466)) {
                assertTrue(tcp.isConnected());
            }
            sbc.waitForLog("DEBUG", 10);

            assertEquals(401, post("/api/reload", "Bearer wrong-" + ADMIN_TOKEN.substring(0, 4)).statusCode());
            assertEquals(401, post("/api/reload", null).statusCode());
            assertEquals(200, post("/api/reload", "Bearer " + ADMIN_TOKEN).statusCode());
            // A broken file: every problem is logged, the running policy (and its secrets) stays.
            Files.writeString(policyFile, policy(cdr, "bogus-key: " + ALICE_SECRET + "\n")
                    .replace("${file:trunk.secret}", "${file:missing.secret}"));
            HttpResponse<String> broken = post("/api/reload", "Bearer " + ADMIN_TOKEN);
            assertEquals(422, broken.statusCode(), broken.body());
            for (String s : SECRETS) {
                assertFalse(broken.body().contains(s), "the reload answer shows a secret: " + broken.body());
            }
            Files.writeString(policyFile, policy(cdr, ""));
            Process hup = new ProcessBuilder("kill", "-HUP", Long.toString(sbc.process.pid())).start();
            assertEquals(0, hup.waitFor());
            sbc.waitForLog("policy reload (SIGHUP)", 20);

            sbc.process.destroy(); // SIGTERM: drain and stop
            assertTrue(sbc.process.waitFor(30, TimeUnit.SECONDS), "the SBC did not stop");
            assertEquals(0, sbc.process.exitValue(), Files.readString(log));
        }
        String all = Files.readString(log);
        assertTrue(all.contains("policy reload rejected"), "the broken reload was not logged: " + Sipp.tail(all, 4000));
        for (String secret : SECRETS) {
            int at = all.indexOf(secret);
            assertTrue(at < 0, "secret logged: ..." + all.substring(Math.max(0, at - 300),
                    Math.min(all.length(), at + 100)) + "...");
        }
    }

    private static HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ADMIN + path))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
