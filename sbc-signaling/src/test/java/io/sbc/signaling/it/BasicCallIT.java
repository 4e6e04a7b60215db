package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Basic calls through the B2BUA in both directions with media bypass (SDP relayed unchanged):
 * INVITE / 100 / 180 / 200 / ACK / BYE between a real SIPp caller and a real SIPp callee, routed by
 * the policy (pbx to carrier-a, carrier to ip-pbx).
 */
class BasicCallIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/bypass-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static Path scenario(String name) {
        return ItPolicies.resource("calls/" + name);
    }

    @Test
    void pbxCallToCarrierIsAnsweredAndHungUpByThePbx() throws Exception {
        runCall("basic-pbx-to-carrier", "127.0.0.30", 5090, "127.0.0.10", 5180, "127.0.0.20:5070", 2);
    }

    @Test
    void carrierCallToPbxIsAnsweredAndHungUpByTheCarrier() throws Exception {
        runCall("basic-carrier-to-pbx", "127.0.0.10", 5091, "127.0.0.30", 5181, "127.0.0.21:5070", 2);
    }

    @Test
    void messageOutsideADialogIsRelayedToTheCarrierWithoutThePbxTopology() throws Exception {
        String test = "pager-message";
        SippPeer receiver = SippPeer.uas(test, "receiver", scenario("receiver-message.xml"), "127.0.0.30", 5090, 1,
                Duration.ofSeconds(20)).start();
        SippPeer sender = SippPeer.uac(test, "sender", scenario("sender-message.xml"), "127.0.0.10", 5184,
                "127.0.0.20:5070", 1, Duration.ofSeconds(15)).arg("-s", "+15551234567").start();
        try {
            assertEquals(0, sender.await(), sender::describe);
            assertEquals(0, receiver.await(), receiver::describe);
        } finally {
            sender.kill();
            receiver.kill();
        }
        String msg = receiver.received().get(0);
        assertTrue(msg.startsWith("MESSAGE sip:+15551234567@127.0.0.30:5090"), msg);
        assertTrue(msg.contains("pager mode text through the SBC"), msg);
        assertFalse(msg.contains("127.0.0.10") || msg.contains("CallerBrand"), msg);
        String ok = sender.received().get(0);
        assertFalse(ok.contains("127.0.0.30") || ok.contains("CalleeBrand"), ok);
    }

    @Test
    void referFromAPbxTrunkThatMayTransferIsRelayedWithTheTargetAtTheSbc() throws Exception {
        String test = "refer-relay";
        SippPeer callee = SippPeer.uas(test, "callee", scenario("callee-refer.xml"), "127.0.0.30", 5090, 1,
                Duration.ofSeconds(20)).start();
        SippPeer caller = SippPeer.uac(test, "caller", scenario("caller-refer.xml"), "127.0.0.10", 5185,
                "127.0.0.20:5070", 1, Duration.ofSeconds(15)).arg("-s", "+15551234567").start();
        try {
            assertEquals(0, caller.await(), caller::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            caller.kill();
            callee.kill();
        }
        String refer = callee.received().stream().filter(m -> m.startsWith("REFER ")).findFirst().orElse("");
        assertEquals("<sip:4000@127.0.0.21:5070>", TraceLog.header(refer, "Refer-To"), refer);
        assertTrue(caller.received().stream().anyMatch(m -> m.startsWith("SIP/2.0 202")), "202 not relayed");
    }

    private void runCall(String test, String calleeIp, int calleePort, String callerIp, int callerPort, String sbc,
            int calls) throws Exception {
        long before = node.calls().ended();
        SippPeer callee = SippPeer.uas(test, "callee", scenario("callee.xml"), calleeIp, calleePort, calls,
                Duration.ofSeconds(30)).start();
        SippPeer caller = SippPeer.uac(test, "caller", scenario("caller.xml"), callerIp, callerPort, sbc, calls,
                Duration.ofSeconds(25)).arg("-s", "+15551234567", "-d", "300").start();
        try {
            assertEquals(0, caller.await(), caller::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            caller.kill();
            callee.kill();
        }
        // The far leg's BYE leaves just before the loop counts the call ended, so the peers can exit
        // a scheduling slice before the count moves on a loaded host (failed once in session 6).
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (node.calls().ended() - before < calls && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(node.calls().ended() - before >= calls, node.calls()::toString);
        ActiveCalls.awaitNone(node);
    }
}
