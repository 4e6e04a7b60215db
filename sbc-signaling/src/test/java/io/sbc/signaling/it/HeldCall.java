package io.sbc.signaling.it;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An SBC process with one established call between two real SIPp peers that neither side hangs
 * up: the caller ({@code caller-until-bye.xml}) and the callee ({@code callee.xml}) both wait for a
 * BYE, which the SBC sends on SIGTERM after its 1 s drain timeout ({@link #hangUp()}). For tests
 * that look at a call in progress from outside (admin API, status page).
 */
final class HeldCall implements AutoCloseable {
    static final int ADMIN = 18111;
    static final String CALLEE = "+15554610001";
    static final String CALLER_TRUNK = "ip-pbx";

    final SbcProcess sbc;
    final SippPeer caller;
    final SippPeer callee;

    private HeldCall(SbcProcess sbc, SippPeer caller, SippPeer callee) {
        this.sbc = sbc;
        this.caller = caller;
        this.callee = callee;
    }

    static String policy(Path cdr) {
        return """
                version: 1
                node:
                  name: sbc-held-call-it
                  admin: 127.0.0.1:%d
                  cdr: %s
                  drain-timeout: 1s
                realms:
                  pbx:
                    listen: [udp://127.0.0.20:5461]
                    media-address: 127.0.0.20
                  carrier:
                    listen: [udp://127.0.0.21:5461]
                    media-address: 127.0.0.21
                trunks:
                  carrier-a:
                    realm: carrier
                    gateways: [{uri: "sip:127.0.0.30:5462"}]
                    media: {mode: bypass}
                  ip-pbx:
                    realm: pbx
                    gateways: [{uri: "sip:127.0.0.10:5463"}]
                    media: {mode: bypass}
                routes:
                  - {from: pbx, to: carrier-a}
                """.formatted(ADMIN, cdr.toAbsolutePath());
    }

    /** Starts the SBC, the callee and the caller, and waits (20 s) until the call is confirmed. */
    static HeldCall start(String test) throws Exception {
        OptionsSippIT.assumeSipp();
        Path dir = Files.createTempDirectory(test);
        Path policyFile = dir.resolve("policy.yaml");
        Files.writeString(policyFile, policy(dir.resolve("cdr")));
        SbcProcess sbc = SbcProcess.run(policyFile, dir.resolve("sbc.log"));
        SippPeer callee = null;
        SippPeer caller = null;
        try {
            callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5462, 1,
                    Duration.ofSeconds(60)).start();
            caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-until-bye.xml"), "127.0.0.10", 5463,
                    "127.0.0.20:5461", 1, Duration.ofSeconds(55)).arg("-s", CALLEE).start();
            HeldCall held = new HeldCall(sbc, caller, callee);
            held.awaitCalls("\"state\":\"confirmed\"");
            return held;
        } catch (Exception | Error e) {
            if (caller != null) {
                caller.kill();
            }
            if (callee != null) {
                callee.kill();
            }
            sbc.close();
            throw e;
        }
    }

    /** Polls {@code GET /api/calls} (20 s) until its body contains {@code text}; returns that body. */
    String awaitCalls(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String body = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = SbcProcess.get(ADMIN, "/api/calls");
            body = r.body();
            if (r.statusCode() == 200 && body.contains(text)) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + text + " in /api/calls: " + body + "\ncaller: " + caller.describe());
    }

    /** SIGTERM: the SBC drains, BYEs both legs after 1 s and exits 0; both SIPp peers end cleanly. */
    void hangUp() throws Exception {
        sbc.process.destroy();
        assertEquals(0, caller.await(), caller::describe);
        assertEquals(0, callee.await(), callee::describe);
        assertTrue(sbc.process.waitFor(30, TimeUnit.SECONDS), "the SBC did not exit after draining");
        assertEquals(0, sbc.process.exitValue(), Files.readString(sbc.log));
    }

    @Override
    public void close() throws InterruptedException {
        caller.kill();
        callee.kill();
        sbc.close();
    }
}
