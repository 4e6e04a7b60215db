package io.sbc.signaling.transaction;

import static io.sbc.signaling.transaction.LayerFixture.TCP_SOURCE;
import static io.sbc.signaling.transaction.LayerFixture.UDP_SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class InviteServerTransactionTest {

    private final LayerFixture f = new LayerFixture();

    private InviteServerTransaction receive(SipRequest invite, Destination source) {
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(invite, source));
        return (InviteServerTransaction) f.user.serverTransactions.get(f.user.serverTransactions.size() - 1);
    }

    private static SipResponse answer(SipRequest invite, int code, String reason) {
        return SipResponses.create(invite, code, reason, code == 100 ? null : "sbc-tag");
    }

    @Test
    void sends100TryingImmediatelyByDefault() {
        SipRequest invite = SipText.request(SipText.method("INVITE", "z9hG4bK-s1", "192.0.2.10:5060", null, 1)
                .replace("Content-Length: 0", "Timestamp: 54\nContent-Length: 0"));
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        assertEquals(TransactionState.PROCEEDING, tx.state());
        assertEquals(1, f.transport.count());
        RecordingTransport.Sent trying = f.transport.last();
        assertEquals(100, trying.status());
        assertSame(UDP_SOURCE, trying.destination());
        assertEquals("54", trying.message().header("Timestamp")); // §8.2.6.1
        assertNull(trying.message().toTag());
        assertEquals(List.of("request INVITE"), f.user.events);
    }

    @Test
    void sends100TryingAfterConfiguredDelayUnlessTuSentProvisionalFirst() {
        LayerFixture g = new LayerFixture(TransactionConfig.defaults().withTryingDelay(Duration.ofMillis(200)));
        g.layer.receiveRequest(SipText.invite("z9hG4bK-s2"), UDP_SOURCE);
        g.advanceMillis(199);
        assertEquals(0, g.transport.count());
        g.advanceMillis(1);
        assertEquals(List.of(200L), g.transport.sendTimes());
        assertEquals(100, g.transport.last().status());

        SipRequest second = SipText.invite("z9hG4bK-s3");
        g.layer.receiveRequest(second, UDP_SOURCE);
        g.user.serverTransactions.get(1).sendResponse(answer(second, 180, "Ringing"));
        g.advanceMillis(1_000);
        assertEquals(2, g.transport.count());
        assertEquals(180, g.transport.last().status());
    }

    @Test
    void sendsNo100TryingWhenTuAnswersInsideTheCallback() {
        f.user.onRequestAction = (tx, r) -> tx.sendResponse(answer(r, 180, "Ringing"));
        receive(SipText.invite("z9hG4bK-s14"), UDP_SOURCE);
        f.advanceMillis(1_000);
        assertEquals(1, f.transport.count());
        assertEquals(180, f.transport.last().status());
        assertEquals(0, f.layer.counters().trying100Sent());
    }

    @Test
    void sendTryingNowSends100BeforeTheTuAnswersAndNoSecondOneAfter() {
        List<Integer> sentBeforeAnswer = new java.util.ArrayList<>();
        f.user.onRequestAction = (tx, r) -> {
            ((InviteServerTransaction) tx).sendTryingNow();
            ((InviteServerTransaction) tx).sendTryingNow(); // idempotent
            sentBeforeAnswer.add(f.transport.count());
            tx.sendResponse(answer(r, 180, "Ringing"));
        };
        receive(SipText.invite("z9hG4bK-s15"), UDP_SOURCE);
        f.advanceMillis(1_000);
        assertEquals(List.of(1), sentBeforeAnswer, "the 100 left before the TU's own response");
        assertEquals(2, f.transport.count());
        assertEquals(100, f.transport.sent.get(0).status());
        assertEquals(180, f.transport.last().status());
        assertEquals(1, f.layer.counters().trying100Sent());
    }

    @Test
    void adoptsThe100SentOnReceiptInsteadOfSendingAnotherAndResendsItOnRetransmission() {
        SipRequest invite = SipText.invite("z9hG4bK-s17");
        SipResponse early = InviteServerTransaction.trying(invite);
        invite.sentTrying(early); // what the UDP edge does before handing the INVITE over
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        assertEquals(0, f.transport.count(), "the edge already sent the 100");
        assertEquals(1, f.layer.counters().trying100Sent());

        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, f.layer.receiveRequest(SipText.invite("z9hG4bK-s17"), UDP_SOURCE));
        assertEquals(1, f.transport.count(), "a retransmitted INVITE gets the adopted 100 again (RFC 3261 §17.2.1)");
        assertSame(early, f.transport.last().message());
        tx.sendResponse(answer(invite, 180, "Ringing"));
        assertEquals(180, f.transport.last().status());
    }

    @Test
    void tryingCopiesViaFromToWithoutTagCallIdCSeqAndTimestamp() {
        SipRequest invite = SipText.request(SipText.method("INVITE", "z9hG4bK-s18", "192.0.2.10:5060", null, 7)
                .replace("Content-Length: 0", "Timestamp: 12.5\nContent-Length: 0"));
        SipResponse trying = InviteServerTransaction.trying(invite);
        assertEquals(100, trying.statusCode());
        assertEquals("z9hG4bK-s18", trying.topVia().branch());
        assertEquals(invite.callId(), trying.callId());
        assertEquals(7, trying.cseqNumber());
        assertNull(trying.toTag());
        assertEquals("12.5", trying.header("Timestamp"));
    }

    @Test
    void sendTryingNowSendsNothingWhenADelayIsConfiguredOrTheTuAnsweredFirst() {
        LayerFixture g = new LayerFixture(TransactionConfig.defaults().withTryingDelay(Duration.ofMillis(100)));
        g.user.onRequestAction = (tx, r) -> ((InviteServerTransaction) tx).sendTryingNow();
        g.layer.receiveRequest(SipText.invite("z9hG4bK-s16"), UDP_SOURCE);
        assertEquals(0, g.transport.count(), "the configured delay still applies");
        g.advanceMillis(100);
        assertEquals(List.of(100L), g.transport.sendTimes());

        f.user.onRequestAction = (tx, r) -> {
            tx.sendResponse(answer(r, 486, "Busy Here"));
            ((InviteServerTransaction) tx).sendTryingNow();
        };
        receive(SipText.invite("z9hG4bK-s17"), UDP_SOURCE);
        assertEquals(1, f.transport.count());
        assertEquals(486, f.transport.last().status());
        assertEquals(0, f.layer.counters().trying100Sent());
    }

    @Test
    void resendsLastProvisionalForRetransmittedInvite() {
        SipRequest invite = SipText.invite("z9hG4bK-s4");
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, f.layer.receiveRequest(SipText.invite("z9hG4bK-s4"), UDP_SOURCE));
        assertEquals(100, f.transport.last().status());
        assertTrue(tx.sendResponse(answer(invite, 180, "Ringing")));
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, f.layer.receiveRequest(SipText.invite("z9hG4bK-s4"), UDP_SOURCE));
        assertEquals(4, f.transport.count());
        assertEquals(180, f.transport.last().status());
        assertEquals(List.of("request INVITE"), f.user.events); // retransmissions never reach the TU
        assertEquals(2, f.layer.counters().retransmittedRequestsAbsorbed());
    }

    @Test
    void retransmitsFinalResponseOnTimerGCappedAtT2UntilTimerH() {
        SipRequest invite = SipText.invite("z9hG4bK-s5");
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        f.transport.clear();
        assertTrue(tx.sendResponse(answer(invite, 486, "Busy Here")));
        assertEquals(TransactionState.COMPLETED, tx.state());
        f.advanceMillis(31_999);
        // G: T1, 2*T1, 4*T1, then T2 (§17.2.1).
        assertEquals(List.of(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L),
                f.transport.sendTimes());
        for (RecordingTransport.Sent s : f.transport.sent) {
            assertEquals(486, s.status());
        }
        f.advanceMillis(1); // Timer H = 64*T1: the ACK never came
        assertEquals(List.of("request INVITE", "timeout H", "terminated"), f.user.events);
        assertTrue(tx.isTerminated());
        assertEquals(0, f.layer.serverTransactionCount());
    }

    @Test
    void resendsFinalResponseForRetransmittedInviteInCompleted() {
        SipRequest invite = SipText.invite("z9hG4bK-s6");
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        tx.sendResponse(answer(invite, 404, "Not Found"));
        f.transport.clear();
        f.layer.receiveRequest(SipText.invite("z9hG4bK-s6"), UDP_SOURCE);
        assertEquals(1, f.transport.count());
        assertEquals(404, f.transport.last().status());
    }

    @Test
    void confirmsOnAckAbsorbsAckRetransmissionsAndTerminatesOnTimerI() {
        SipRequest invite = SipText.invite("z9hG4bK-s7");
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        tx.sendResponse(answer(invite, 603, "Decline"));
        f.advanceMillis(600); // one Timer G retransmission at 500
        SipRequest ack = SipText.request(SipText.method("ACK", "z9hG4bK-s7", "192.0.2.10:5060", "sbc-tag", 1));
        assertEquals(InboundResult.ACK_ABSORBED, f.layer.receiveRequest(ack, UDP_SOURCE));
        assertEquals(TransactionState.CONFIRMED, tx.state());
        int sent = f.transport.count();
        assertEquals(InboundResult.ACK_ABSORBED, f.layer.receiveRequest(ack, UDP_SOURCE));
        f.advanceMillis(4_999); // Timer I = T4; Timer G no longer fires
        assertEquals(sent, f.transport.count());
        assertEquals(TransactionState.CONFIRMED, tx.state());
        f.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of("request INVITE", "terminated"), f.user.events); // ACK never reached the TU
    }

    @Test
    void doesNotRetransmitOnReliableTransportAndEndsAtOnceOnAck() {
        SipRequest invite = SipText.invite("z9hG4bK-s8");
        InviteServerTransaction tx = receive(invite, TCP_SOURCE);
        tx.sendResponse(answer(invite, 480, "Temporarily Unavailable"));
        f.advanceMillis(20_000);
        assertEquals(2, f.transport.count()); // 100 and 480, no Timer G
        SipRequest ack = SipText.request(SipText.method("ACK", "z9hG4bK-s8", "192.0.2.10:5060", "sbc-tag", 1));
        assertEquals(InboundResult.ACK_ABSORBED, f.layer.receiveRequest(ack, TCP_SOURCE));
        assertTrue(tx.isTerminated()); // Timer I = 0 on reliable transports
        assertEquals(0, f.clock.pendingTimers());
    }

    @Test
    void timerHFiresOnReliableTransportToo() {
        SipRequest invite = SipText.invite("z9hG4bK-s9");
        InviteServerTransaction tx = receive(invite, TCP_SOURCE);
        tx.sendResponse(answer(invite, 500, "Server Internal Error"));
        f.advanceMillis(32_000);
        assertEquals(List.of("request INVITE", "timeout H", "terminated"), f.user.events);
        assertEquals(2, f.transport.count());
    }

    @Test
    void absorbsRetransmittedInviteInAcceptedState() {
        SipRequest invite = SipText.invite("z9hG4bK-s10");
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        assertTrue(tx.sendResponse(answer(invite, 200, "OK")));
        assertEquals(TransactionState.ACCEPTED, tx.state());
        f.transport.clear();

        f.advanceMillis(1_000);
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, f.layer.receiveRequest(SipText.invite("z9hG4bK-s10"), UDP_SOURCE));
        assertEquals(0, f.transport.count()); // RFC 3261 §17.2.1 as updated by RFC 6026: no answer, the TU retransmits its 2xx
        assertEquals(List.of("request INVITE"), f.user.events);

        // 2xx retransmissions handed down by the TU pass to the transport; a non-2xx is refused.
        assertTrue(tx.sendResponse(answer(invite, 200, "OK")));
        assertEquals(1, f.transport.count());
        assertFalse(tx.sendResponse(answer(invite, 486, "Busy Here")));
        assertEquals(1, f.layer.counters().responsesRejectedByState());

        // An ACK that matches the transaction goes up to the TU (RFC 3261 §17.2.1 as updated by RFC 6026).
        SipRequest ack = SipText.request(SipText.method("ACK", "z9hG4bK-s10", "192.0.2.10:5060", "sbc-tag", 1));
        assertEquals(InboundResult.ACK_TO_TU, f.layer.receiveRequest(ack, UDP_SOURCE));
        assertEquals(List.of("request INVITE", "ack"), f.user.events);

        f.advanceMillis(30_999); // Timer L = 64*T1 from the 2xx
        assertEquals(TransactionState.ACCEPTED, tx.state());
        f.advanceMillis(1);
        assertTrue(tx.isTerminated());
        // After Timer L, the same INVITE would be a new request again.
        assertEquals(0, f.layer.serverTransactionCount());
    }

    @Test
    void staysAcceptedAndInformsTuOnTransportErrorOf2xx() {
        SipRequest invite = SipText.invite("z9hG4bK-s11");
        InviteServerTransaction tx = receive(invite, TCP_SOURCE);
        f.transport.failNextSends = 1;
        tx.sendResponse(answer(invite, 200, "OK"));
        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertEquals(List.of("request INVITE", "transport-error"), f.user.events);
    }

    @Test
    void terminatesOnTransportErrorOfFinalResponse() {
        SipRequest invite = SipText.invite("z9hG4bK-s12");
        InviteServerTransaction tx = receive(invite, TCP_SOURCE);
        f.transport.failNextSends = 1;
        tx.sendResponse(answer(invite, 486, "Busy Here"));
        assertTrue(tx.isTerminated());
        assertEquals(List.of("request INVITE", "transport-error", "terminated"), f.user.events);
        assertEquals(0, f.clock.pendingTimers());
    }

    @Test
    void refusesSecondFinalResponse() {
        SipRequest invite = SipText.invite("z9hG4bK-s13");
        InviteServerTransaction tx = receive(invite, UDP_SOURCE);
        assertTrue(tx.sendResponse(answer(invite, 486, "Busy Here")));
        assertFalse(tx.sendResponse(answer(invite, 200, "OK")));
        assertFalse(tx.sendResponse(answer(invite, 180, "Ringing")));
        assertEquals(486, tx.lastResponse().statusCode());
    }
}
