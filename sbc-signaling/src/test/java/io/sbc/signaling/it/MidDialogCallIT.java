package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests inside an established, anchored call, relayed in both directions with real SIPp peers:
 * re-INVITE (hold, new SDP through the relay), INFO (DTMF), MESSAGE, UPDATE (RFC 3311, resume),
 * REFER refused with 403 by the default trunk policy, and BYE from either side.
 */
class MidDialogCallIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/middialog-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    static void run(SippPeer caller, SippPeer callee) throws Exception {
        try {
            callee.start();
            caller.start();
            assertEquals(0, caller.await(), caller::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            caller.kill();
            callee.kill();
        }
        assertEquals(0, node.calls().active(), node.calls()::toString);
    }

    static String first(List<String> msgs, String startsWith) {
        return msgs.stream().filter(m -> m.startsWith(startsWith)).findFirst().orElse("");
    }

    @Test
    void callerHoldsSendsDtmfAndMessageResumesWithUpdateIsRefusedReferAndHangsUp() throws Exception {
        String test = "middialog-caller-drives";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-midcall.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-midcall.xml"), "127.0.0.10", 5200,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567");
        run(caller, callee);
        List<String> atCallee = callee.received();
        String reinvite = atCallee.stream().filter(m -> m.startsWith("INVITE ") && m.contains("a=sendonly")).findFirst()
                .orElse("");
        assertTrue(reinvite.contains("c=IN IP4 127.0.0.21"), "hold re-INVITE SDP not from the relay:\n" + reinvite);
        assertFalse(reinvite.contains("127.0.0.10"), reinvite);
        String info = first(atCallee, "INFO ");
        assertTrue(info.contains("Signal=5") && info.contains("application/dtmf-relay"), "INFO not relayed:\n" + info);
        assertTrue(first(atCallee, "MESSAGE ").contains("hello from the pbx"), "MESSAGE not relayed");
        String update = first(atCallee, "UPDATE ");
        assertTrue(update.contains("a=sendrecv") && update.contains("c=IN IP4 127.0.0.21"), "UPDATE:\n" + update);
        assertTrue(first(atCallee, "REFER ").isEmpty(), "REFER crossed although the trunk policy rejects it");
        assertTrue(caller.received().stream().anyMatch(m -> m.startsWith("SIP/2.0 403")), "no 403 for REFER");
        String okToHold = caller.received().stream().filter(m -> m.startsWith("SIP/2.0 200") && m.contains("CSeq: 2 INVITE"))
                .findFirst().orElse("");
        assertTrue(okToHold.contains("a=recvonly") && okToHold.contains("c=IN IP4 127.0.0.20"), "200 to hold:\n" + okToHold);
    }

    @Test
    void calleeHoldsSendsDtmfResumesWithUpdateAndHangsUp() throws Exception {
        String test = "middialog-callee-drives";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-drives.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-waits.xml"), "127.0.0.10", 5201,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567");
        run(caller, callee);
        List<String> atCaller = caller.received();
        String reinvite = atCaller.stream().filter(m -> m.startsWith("INVITE ") && m.contains("a=sendonly")).findFirst()
                .orElse("");
        assertTrue(reinvite.contains("c=IN IP4 127.0.0.20"), "re-INVITE from the callee:\n" + reinvite);
        assertTrue(first(atCaller, "INFO ").contains("Signal=7"), "INFO from the callee not relayed");
        assertTrue(first(atCaller, "UPDATE ").contains("a=sendrecv"), "UPDATE from the callee not relayed");
        assertFalse(first(atCaller, "BYE ").isEmpty(), "BYE from the callee not relayed");
    }
}
