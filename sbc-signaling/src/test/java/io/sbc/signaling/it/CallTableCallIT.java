package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The per-worker call table is bounded: a call beyond it gets 503 with Retry-After, and is counted. */
class CallTableCallIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/table-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void callBeyondTheTableGets503WithRetryAfter() throws Exception {
        // max-calls 1 is split among the workers; with one event loop the table holds exactly one call.
        assumeTrue(Runtime.getRuntime().availableProcessors() / 2 <= 1, "needs a one-worker node");
        String test = "table-full";
        long refused = node.calls().refusedTableFull();
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5140, 1,
                Duration.ofSeconds(30)).start();
        SippPeer first = SippPeer.uac(test, "first", BasicCallIT.scenario("caller.xml"), "127.0.0.10", 5220,
                "127.0.0.20:5075", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567", "-d", "3000").start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (node.calls().active() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, node.calls().active(), node.calls()::toString);
            SippPeer second = SippPeer.uac(test, "second", BasicCallIT.scenario("caller-error.xml"), "127.0.0.10", 5221,
                    "127.0.0.20:5075", 1, Duration.ofSeconds(15)).arg("-s", "+15551234568").start();
            assertEquals(0, second.await(), second::describe);
            String refusal = second.received().stream().filter(m -> m.startsWith("SIP/2.0 503")).findFirst().orElse("");
            assertTrue(refusal.contains("Retry-After: 5"), "503 without Retry-After:\n" + refusal);
            assertEquals(refused + 1, node.calls().refusedTableFull());
            assertEquals(0, first.await(), first::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            first.kill();
            callee.kill();
        }
        ActiveCalls.awaitNone(node);
    }
}
