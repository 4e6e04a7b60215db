package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real SIPp sends OPTIONS to the running SBC over UDP and TCP and gets 200 OK, with the top Via
 * stamped per RFC 3581 (rport filled in, received added): the scenario itself checks both.
 */
class OptionsSippIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        assumeSipp();
        node = SignalingNode.start(ItPolicies.load("loopback-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static void assumeSipp() {
        if (System.getenv("CI") != null) {
            assertTrue(Sipp.available(), "sipp must be installed in CI (ops/test installs sip-tester)");
        }
        assumeTrue(Sipp.available(), "sipp not installed: run ops/test, which installs sip-tester");
    }

    @Test
    void answersOptionsWith200OverUdp() throws Exception {
        runOptions("u1", 5081, "options-udp");
    }

    @Test
    void answersOptionsWith200OverTcp() throws Exception {
        runOptions("t1", 5082, "options-tcp");
    }

    private void runOptions(String transport, int localPort, String name) throws Exception {
        long before = node.counters().requests();
        Sipp.Result r = Sipp.client(ItPolicies.evidenceDir(name), "127.0.0.20:5060",
                        ItPolicies.resource("options-uac.xml"), "127.0.0.10", localPort)
                .transport(transport).calls(3).rate(10).wallLimit(Duration.ofSeconds(30)).run();
        assertEquals(0, r.exitCode(), r::describe);
        assertTrue(r.messages().contains("SIP/2.0 200 OK"), "no 200 OK in the SIPp message log");
        assertTrue(node.counters().requests() - before >= 3, "the SBC counted fewer requests than SIPp sent");
        assertEquals(0, node.counters().malformedTotal(), node.counters()::toString);
    }
}
