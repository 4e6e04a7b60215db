package io.sbc.signaling.transaction;

import static io.sbc.signaling.transaction.LayerFixture.TCP_SOURCE;
import static io.sbc.signaling.transaction.LayerFixture.UDP_SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponses;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonInviteServerTransactionTest {

    private final LayerFixture f = new LayerFixture();

    private NonInviteServerTransaction receive(SipRequest request, Destination source) {
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(request, source));
        return (NonInviteServerTransaction) f.user.serverTransactions.get(f.user.serverTransactions.size() - 1);
    }

    @Test
    void discardsRetransmissionInTryingWithoutAnswering() {
        NonInviteServerTransaction tx = receive(SipText.nonInvite("OPTIONS", "z9hG4bK-t1"), UDP_SOURCE);
        assertEquals(TransactionState.TRYING, tx.state());
        assertEquals(0, f.transport.count()); // no 100 Trying for non-INVITE
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED,
                f.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-t1"), UDP_SOURCE));
        assertEquals(0, f.transport.count());
        assertEquals(List.of("request OPTIONS"), f.user.events);
    }

    @Test
    void resendsLastResponseForRetransmissionInProceedingAndCompleted() {
        SipRequest bye = SipText.nonInvite("BYE", "z9hG4bK-t2");
        NonInviteServerTransaction tx = receive(bye, UDP_SOURCE);
        assertTrue(tx.sendResponse(SipResponses.create(bye, 100, "Trying", null)));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        f.layer.receiveRequest(SipText.nonInvite("BYE", "z9hG4bK-t2"), UDP_SOURCE);
        assertEquals(List.of(100, 100), List.of(f.transport.sent.get(0).status(), f.transport.sent.get(1).status()));

        assertTrue(tx.sendResponse(SipResponses.create(bye, 200, "OK", "sbc-tag")));
        assertEquals(TransactionState.COMPLETED, tx.state());
        f.layer.receiveRequest(SipText.nonInvite("BYE", "z9hG4bK-t2"), UDP_SOURCE);
        assertEquals(4, f.transport.count());
        assertEquals(200, f.transport.last().status());
        assertEquals(List.of("request BYE"), f.user.events);
    }

    @Test
    void neverRetransmitsResponsesOnItsOwnAndEndsOnTimerJ() {
        SipRequest options = SipText.nonInvite("OPTIONS", "z9hG4bK-t3");
        NonInviteServerTransaction tx = receive(options, UDP_SOURCE);
        tx.sendResponse(SipResponses.create(options, 200, "OK", "sbc-tag"));
        f.advanceMillis(31_999); // Timer J = 64*T1 over UDP
        assertEquals(1, f.transport.count());
        assertEquals(TransactionState.COMPLETED, tx.state());
        f.advanceMillis(1);
        assertTrue(tx.isTerminated());
        assertEquals(0, f.layer.serverTransactionCount());
    }

    @Test
    void endsAtOnceOnReliableTransport() {
        SipRequest options = SipText.nonInvite("OPTIONS", "z9hG4bK-t4");
        NonInviteServerTransaction tx = receive(options, TCP_SOURCE);
        tx.sendResponse(SipResponses.create(options, 200, "OK", "sbc-tag"));
        assertTrue(tx.isTerminated()); // Timer J = 0
        assertEquals(0, f.clock.pendingTimers());
    }

    @Test
    void refusesResponsesAfterTheFinal() {
        SipRequest options = SipText.nonInvite("OPTIONS", "z9hG4bK-t5");
        NonInviteServerTransaction tx = receive(options, UDP_SOURCE);
        assertTrue(tx.sendResponse(SipResponses.create(options, 200, "OK", "sbc-tag")));
        assertFalse(tx.sendResponse(SipResponses.create(options, 500, "Server Internal Error", "sbc-tag")));
        assertFalse(tx.sendResponse(SipResponses.create(options, 180, "Ringing", "sbc-tag")));
        assertEquals(1, f.transport.count());
        assertEquals(2, f.layer.counters().responsesRejectedByState());
    }

    @Test
    void terminatesAndInformsTuOnTransportError() {
        SipRequest options = SipText.nonInvite("OPTIONS", "z9hG4bK-t6");
        NonInviteServerTransaction tx = receive(options, TCP_SOURCE);
        f.transport.failNextSends = 1;
        tx.sendResponse(SipResponses.create(options, 200, "OK", "sbc-tag"));
        assertTrue(tx.isTerminated());
        assertEquals(List.of("request OPTIONS", "transport-error", "terminated"), f.user.events);
    }
}
