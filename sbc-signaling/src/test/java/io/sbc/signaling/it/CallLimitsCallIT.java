package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SBC ends established calls itself, with BYE on both legs: when the relay has seen no media
 * for media.timeout (queried over ng), and when a trunk's max-call-duration is reached.
 */
class CallLimitsCallIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/limits-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static long run(String test, int calleePort, int callerPort, String user) throws Exception {
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", calleePort, 1,
                Duration.ofSeconds(30)).start();
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-until-bye.xml"), "127.0.0.10",
                callerPort, "127.0.0.20:5074", 1, Duration.ofSeconds(25)).arg("-s", user);
        long t0 = System.nanoTime();
        caller.start();
        try {
            assertEquals(0, caller.await(), caller::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            caller.kill();
            callee.kill();
        }
        ActiveCalls.awaitNone(node);
        assertFalse(callee.received().stream().filter(m -> m.startsWith("BYE ")).findFirst().isEmpty(), "no BYE to the callee");
        return System.nanoTime() - t0;
    }

    @Test
    void callWithoutMediaIsEndedWithByeOnBothLegs() throws Exception {
        long before = node.calls().mediaTimeouts();
        long took = run("media-timeout", 5120, 5210, "5551234567");
        assertEquals(before + 1, node.calls().mediaTimeouts(), node.calls()::toString);
        assertTrue(took < Duration.ofSeconds(10).toNanos(), "took " + took / 1_000_000 + " ms");
    }

    @Test
    void callReachingTheTrunksMaxDurationIsEndedWithByeOnBothLegs() throws Exception {
        long before = node.calls().durationLimits();
        long took = run("max-duration", 5121, 5211, "7551234567");
        assertEquals(before + 1, node.calls().durationLimits(), node.calls()::toString);
        assertTrue(took >= Duration.ofMillis(1900).toNanos(), "ended before the 2 s limit");
    }
}
