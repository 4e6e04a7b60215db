package io.sbc.signaling.transaction;

import static io.sbc.signaling.transaction.LayerFixture.TCP_PEER;
import static io.sbc.signaling.transaction.LayerFixture.UDP_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

class NonInviteClientTransactionTest {

    private final LayerFixture f = new LayerFixture();

    private ClientTransaction start(SipRequest request, Destination destination) {
        ClientTransaction tx = f.layer.sendRequest(request, destination).orElseThrow();
        assertTrue(tx instanceof NonInviteClientTransaction);
        return tx;
    }

    @Test
    void retransmitsOnTimerECappedAtT2UntilTimerF() {
        ClientTransaction tx = start(SipText.nonInvite("OPTIONS", "z9hG4bK-n1"), UDP_PEER);
        assertEquals(TransactionState.TRYING, tx.state());
        f.advanceMillis(31_999);
        // Intervals 500 ms, 1 s, 2 s, 4 s, 4 s, ... (min(2*E, T2), §17.1.2.2).
        assertEquals(List.of(0L, 500L, 1_500L, 3_500L, 7_500L, 11_500L, 15_500L, 19_500L, 23_500L, 27_500L, 31_500L),
                f.transport.sendTimes());
        assertTrue(f.user.events.isEmpty());
        f.advanceMillis(1); // Timer F = 64*T1
        assertEquals(List.of("timeout F", "terminated"), f.user.events);
        assertEquals(0, f.layer.clientTransactionCount());
        assertEquals(0, f.clock.pendingTimers());
    }

    @Test
    void retransmitsEveryT2InProceeding() {
        SipRequest bye = SipText.nonInvite("BYE", "z9hG4bK-n2");
        ClientTransaction tx = start(bye, UDP_PEER);
        f.advanceMillis(600); // sends at 0, 500; next Timer E due at 1500
        f.layer.receiveResponse(SipText.responseTo(bye, 100, "Trying", null), UDP_PEER);
        assertEquals(TransactionState.PROCEEDING, tx.state());
        f.advanceMillis(31_399);
        // 1500 was scheduled in TRYING; from then on every T2 = 4 s.
        assertEquals(List.of(0L, 500L, 1_500L, 5_500L, 9_500L, 13_500L, 17_500L, 21_500L, 25_500L, 29_500L),
                f.transport.sendTimes());
        f.advanceMillis(1);
        assertEquals(List.of("response 100", "timeout F", "terminated"), f.user.events);
    }

    @Test
    void absorbsRetransmittedFinalResponseInCompletedUntilTimerK() {
        SipRequest options = SipText.nonInvite("OPTIONS", "z9hG4bK-n3");
        ClientTransaction tx = start(options, UDP_PEER);
        f.layer.receiveResponse(SipText.responseTo(options, 200, "OK", "uas-1"), UDP_PEER);
        assertEquals(TransactionState.COMPLETED, tx.state());
        f.layer.receiveResponse(SipText.responseTo(options, 200, "OK", "uas-1"), UDP_PEER);
        assertEquals(List.of("response 200"), f.user.events);
        assertEquals(1, f.layer.counters().retransmittedResponsesAbsorbed());
        f.advanceMillis(4_999); // Timer K = T4
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(1, f.transport.count()); // no retransmissions after the final response
        f.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void doesNotRetransmitOnReliableTransport() {
        SipRequest register = SipText.nonInvite("REGISTER", "z9hG4bK-n4");
        ClientTransaction tx = start(register, TCP_PEER);
        f.advanceMillis(31_999);
        assertEquals(1, f.transport.count());
        f.advanceMillis(1);
        assertEquals(List.of("timeout F", "terminated"), f.user.events);
        assertTrue(tx.isTerminated());
    }

    @Test
    void terminatesAtOnceOnFinalResponseOverReliableTransport() {
        SipRequest register = SipText.nonInvite("REGISTER", "z9hG4bK-n5");
        ClientTransaction tx = start(register, TCP_PEER);
        f.layer.receiveResponse(SipText.responseTo(register, 401, "Unauthorized", "reg-1"), TCP_PEER);
        assertEquals(List.of("response 401", "terminated"), f.user.events); // Timer K = 0
        assertTrue(tx.isTerminated());
        assertEquals(0, f.clock.pendingTimers());
    }
}
