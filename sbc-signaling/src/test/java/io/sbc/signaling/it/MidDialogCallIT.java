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
 * REFER refused with 403 by the default trunk policy, and BYE from either side; reliable
 * provisionals (RFC 3262) and late offers (SDP in the 200 and the ACK) in both directions.
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
            ActiveCalls.awaitAdmitting(node);
            caller.start();
            assertEquals(0, caller.await(), caller::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            caller.kill();
            callee.kill();
        }
        ActiveCalls.awaitNone(node);
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

    @Test
    void reliableProvisionalIsRelayedAndPrackCrossesWithItsRackRewritten() throws Exception {
        String test = "prack-100rel";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-prack.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-prack.xml"), "127.0.0.10", 5202,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567");
        run(caller, callee);
        String p183 = first(caller.received(), "SIP/2.0 183");
        assertTrue(p183.contains("Require: 100rel") && p183.contains("RSeq: 1"), "183 lost its 100rel headers:\n" + p183);
        assertTrue(p183.contains("c=IN IP4 127.0.0.20"), "early media SDP not from the relay:\n" + p183);
        String prack = first(callee.received(), "PRACK ");
        // The caller acknowledged "1 10 INVITE"; on the callee's leg the INVITE had CSeq 1 (RFC 3262 §7.2).
        assertTrue(prack.contains("RAck: 1 1 INVITE"), "RAck not rewritten for the callee's leg:\n" + prack);
    }

    @Test
    void reliableProvisionalFromThePbxReachesTheCarrierAndItsPrackCrossesBack() throws Exception {
        String test = "prack-100rel-from-pbx";
        SippPeer pbx = SippPeer.uas(test, "pbx", BasicCallIT.scenario("callee-prack.xml"), "127.0.0.10", 5111, 1,
                Duration.ofSeconds(30));
        SippPeer carrier = SippPeer.uac(test, "carrier", BasicCallIT.scenario("caller-prack.xml"), "127.0.0.30", 5206,
                "127.0.0.21:5073", 1, Duration.ofSeconds(25)).arg("-s", "2001");
        run(carrier, pbx);
        String p183 = first(carrier.received(), "SIP/2.0 183");
        assertTrue(p183.contains("Require: 100rel") && p183.contains("RSeq: 1"), "183 lost its 100rel headers:\n" + p183);
        // Early media anchored: the carrier is sent the relay's address on its side, never the PBX's.
        assertTrue(p183.contains("c=IN IP4 127.0.0.21"), "early media SDP not from the relay:\n" + p183);
        assertFalse(p183.contains("127.0.0.10"), p183);
        String prack = first(pbx.received(), "PRACK ");
        assertTrue(prack.contains("RAck: 1 1 INVITE"), "RAck not rewritten for the PBX's leg:\n" + prack);
        assertFalse(prack.contains(TraceLog.header(first(carrier.sent(), "INVITE "), "Call-ID")), "Call-ID crossed");
        assertFalse(first(carrier.received(), "SIP/2.0 200").isEmpty(), "no 200 to the carrier's PRACK");
    }

    @Test
    void lateOfferFromThePbxGetsTheOfferInThe200AndTheAnswerInTheAckThroughTheRelay() throws Exception {
        String test = "late-offer-from-pbx";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-late-offer.xml"), "127.0.0.10", 5207,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567", "-d", "200");
        run(caller, callee);
        assertLateOffer(caller, callee, "127.0.0.20", "127.0.0.21");
    }

    @Test
    void lateOfferFromTheCarrierGetsTheOfferInThe200AndTheAnswerInTheAckThroughTheRelay() throws Exception {
        String test = "late-offer-from-carrier";
        SippPeer callee = SippPeer.uas(test, "pbx", BasicCallIT.scenario("callee.xml"), "127.0.0.10", 5111, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "carrier", BasicCallIT.scenario("caller-late-offer.xml"), "127.0.0.30",
                5208, "127.0.0.21:5073", 1, Duration.ofSeconds(25)).arg("-s", "2001", "-d", "200");
        run(caller, callee);
        assertLateOffer(caller, callee, "127.0.0.21", "127.0.0.20");
    }

    /** RFC 3264 late offer: no SDP in the INVITE, the 200's offer and the ACK's answer each rewritten by the relay. */
    private static void assertLateOffer(SippPeer caller, SippPeer callee, String relayAtCaller, String relayAtCallee)
            throws Exception {
        String invite = first(callee.received(), "INVITE ");
        assertFalse(invite.contains("v=0"), "the INVITE gained an SDP offer:\n" + invite);
        String ok = first(caller.received(), "SIP/2.0 200");
        assertTrue(ok.contains("c=IN IP4 " + relayAtCaller), "the 200's offer not from the relay:\n" + ok);
        String calleeIp = TraceLog.header(first(callee.sent(), "SIP/2.0 200"), "Contact").replaceAll(".*@([0-9.]+).*", "$1");
        assertFalse(ok.contains(calleeIp), "callee address crossed:\n" + ok);
        String ack = first(callee.received(), "ACK ");
        assertTrue(ack.contains("c=IN IP4 " + relayAtCallee), "the ACK's answer not from the relay:\n" + ack);
        assertTrue(ack.contains("m=audio"), ack);
    }

    @Test
    void carrier422IsRetriedOnTheSameLegWithItsMinSe() throws Exception {
        String test = "session-422-from-carrier";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-422.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller.xml"), "127.0.0.10", 5209,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "8551234567", "-d", "200");
        run(caller, callee);
        List<String> invites = callee.received().stream().filter(m -> m.startsWith("INVITE ")).toList();
        assertEquals(2, invites.size(), "the 422 was not answered by a second INVITE");
        assertEquals("90", TraceLog.header(invites.get(0), "Session-Expires"), invites.get(0));
        // RFC 4028 §7.4: same Call-ID (and From tag), a higher CSeq, both values raised to the 422's Min-SE.
        assertEquals(TraceLog.header(invites.get(0), "Call-ID"), TraceLog.header(invites.get(1), "Call-ID"));
        assertEquals("1 INVITE", TraceLog.header(invites.get(0), "CSeq"));
        assertEquals("2 INVITE", TraceLog.header(invites.get(1), "CSeq"));
        assertEquals("1800", TraceLog.header(invites.get(1), "Session-Expires"), invites.get(1));
        assertEquals("1800", TraceLog.header(invites.get(1), "Min-SE"), invites.get(1));
        assertTrue(caller.received().stream().noneMatch(m -> m.startsWith("SIP/2.0 422")), "the 422 reached the caller");
    }

    @Test
    void pbxSessionIntervalBelowOurMinSeIsRefusedWith422AndOurMinSe() throws Exception {
        String test = "session-422-to-pbx";
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-timer-small.xml"), "127.0.0.10", 5210,
                "127.0.0.20:5073", 1, Duration.ofSeconds(20)).arg("-s", "+15551234567");
        try {
            ActiveCalls.awaitAdmitting(node);
            caller.start();
            assertEquals(0, caller.await(), caller::describe);
        } finally {
            caller.kill();
        }
        String tooSmall = first(caller.received(), "SIP/2.0 422");
        assertEquals("90", TraceLog.header(tooSmall, "Min-SE"), tooSmall);
        ActiveCalls.awaitNone(node);
    }

    @Test
    void earlyDialogsOfAForkingCalleeReachTheCallerAsSeparateEarlyDialogs() throws Exception {
        String test = "forking";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-fork.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-fork.xml"), "127.0.0.10", 5203,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567");
        run(caller, callee);
        List<String> ringing = caller.received().stream().filter(m -> m.startsWith("SIP/2.0 180")).toList();
        assertEquals(2, ringing.size(), "two early dialogs expected");
        String tag1 = TraceLog.param(TraceLog.header(ringing.get(0), "To"), "tag");
        String tag2 = TraceLog.param(TraceLog.header(ringing.get(1), "To"), "tag");
        assertFalse(tag1.equals(tag2), "both forks were mapped to one early dialog");
        assertFalse(tag1.contains("Fork") || tag2.contains("Fork"), "the callee's tags crossed");
        String ok = first(caller.received(), "SIP/2.0 200");
        assertEquals(tag2, TraceLog.param(TraceLog.header(ok, "To"), "tag"), "the 200 must continue the answering fork's dialog");
    }

    @Test
    void reInviteCrossingOursGets491() throws Exception {
        String test = "glare";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee-glare.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-glare.xml"), "127.0.0.10", 5204,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "+15551234567");
        run(caller, callee);
        assertFalse(first(callee.received(), "SIP/2.0 491").isEmpty(), "no 491 for the crossing re-INVITE");
        assertTrue(caller.received().stream().noneMatch(m -> m.startsWith("INVITE ")),
                "the crossing re-INVITE reached the caller");
    }

    @Test
    void sessionTimersAreNegotiatedPerLeg() throws Exception {
        String test = "session-timers";
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), "127.0.0.30", 5110, 1,
                Duration.ofSeconds(30));
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-timer.xml"), "127.0.0.10", 5205,
                "127.0.0.20:5073", 1, Duration.ofSeconds(25)).arg("-s", "8551234567", "-d", "300");
        run(caller, callee);
        String invite = first(callee.received(), "INVITE ");
        // The carrier leg gets the trunk's timer, not the caller's 1800 s.
        assertEquals("90", TraceLog.header(invite, "Session-Expires"), invite);
        assertEquals("90", TraceLog.header(invite, "Min-SE"), invite);
        assertTrue(TraceLog.header(invite, "Supported").contains("timer"), invite);
        String ok = first(caller.received(), "SIP/2.0 200");
        // The caller's leg keeps its own interval and the caller refreshes it (RFC 4028 §9).
        assertEquals("1800;refresher=uac", TraceLog.header(ok, "Session-Expires"), ok);
        assertEquals("timer", TraceLog.header(ok, "Require"), ok);
    }
}
