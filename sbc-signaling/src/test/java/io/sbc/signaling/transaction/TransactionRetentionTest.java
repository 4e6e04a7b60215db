package io.sbc.signaling.transaction;

import static io.sbc.signaling.transaction.LayerFixture.UDP_PEER;
import static io.sbc.signaling.transaction.LayerFixture.UDP_SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import org.junit.jupiter.api.Test;

/**
 * What a transaction keeps once its state no longer needs the whole messages: in Completed,
 * Accepted and Confirmed only what re-sending and matching need (issue #5: the transactions of
 * ended calls live 32 s more and must not keep their messages nor the call).
 */
class TransactionRetentionTest {

    private final LayerFixture f = new LayerFixture();

    private ServerTransaction receive(SipRequest request) {
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(request, UDP_SOURCE));
        return f.user.serverTransactions.get(f.user.serverTransactions.size() - 1);
    }

    @Test
    void inviteServerInAcceptedKeepsNeitherInviteNorItsTwoHundredAndStillAbsorbsRetransmissions() {
        SipRequest invite = SipText.invite("z9hG4bK-r1");
        ServerTransaction tx = receive(invite);
        tx.sendResponse(SipResponses.create(invite, 200, "OK", "sbc-tag"));

        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertNull(tx.request());
        assertNull(tx.lastResponse());
        assertEquals(200, tx.lastStatusCode());
        assertEquals("INVITE", tx.method());
        assertEquals("z9hG4bK-r1", tx.branch());
        assertEquals(1, tx.cseqNumber());
        int sent = f.transport.count();
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED,
                f.layer.receiveRequest(SipText.invite("z9hG4bK-r1"), UDP_SOURCE));
        assertEquals(sent, f.transport.count());
        // The TU's own 2xx retransmission (RFC 3261 §13.3.1.4) still leaves, and is not kept either.
        SipResponse again = SipResponses.create(invite, 200, "OK", "sbc-tag");
        tx.sendResponse(again);
        assertSame(again, f.transport.last().message());
        assertNull(tx.lastResponse());
    }

    @Test
    void inviteServerInCompletedKeepsOnlyTheFinalResponseAndResendsIt() {
        SipRequest invite = SipText.invite("z9hG4bK-r2");
        ServerTransaction tx = receive(invite);
        SipResponse busy = SipResponses.create(invite, 486, "Busy Here", "sbc-tag");
        tx.sendResponse(busy);

        assertEquals(TransactionState.COMPLETED, tx.state());
        assertNull(tx.request());
        assertSame(busy, tx.lastResponse());
        f.layer.receiveRequest(SipText.invite("z9hG4bK-r2"), UDP_SOURCE);
        assertSame(busy, f.transport.last().message());
        // The ACK still matches (by the table key) and confirms; Confirmed re-sends nothing.
        assertEquals(InboundResult.ACK_ABSORBED, f.layer.receiveRequest(SipText.request(
                SipText.method("ACK", "z9hG4bK-r2", "192.0.2.10:5060", "sbc-tag", 1)), UDP_SOURCE));
        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertNull(tx.lastResponse());
        assertEquals(486, tx.lastStatusCode());
    }

    @Test
    void nonInviteServerInCompletedDropsTheRequestAndResendsTheResponse() {
        SipRequest bye = SipText.nonInvite("BYE", "z9hG4bK-r3");
        ServerTransaction tx = receive(bye);
        SipResponse ok = SipResponses.create(bye, 200, "OK", null);
        tx.sendResponse(ok);

        assertNull(tx.request());
        assertEquals("BYE", tx.method());
        f.layer.receiveRequest(SipText.nonInvite("BYE", "z9hG4bK-r3"), UDP_SOURCE);
        assertSame(ok, f.transport.last().message());
    }

    @Test
    void terminatedTransactionKeepsNoMessageAndNoApplicationData() {
        SipRequest invite = SipText.invite("z9hG4bK-r4");
        ServerTransaction tx = receive(invite);
        tx.applicationData(new Object());
        tx.sendResponse(SipResponses.create(invite, 200, "OK", "sbc-tag"));
        f.advanceMillis(32_000); // Timer L = 64*T1

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertNull(tx.applicationData());
        assertNull(tx.lastResponse());
        assertEquals(200, tx.lastStatusCode());
    }

    @Test
    void inviteClientDropsTheInviteAfterTheTuSawTheTwoHundredAndStillPassesRetransmissions() {
        SipRequest invite = SipText.invite("z9hG4bK-r5");
        SipRequest[] seenInCallback = new SipRequest[1];
        ClientTransaction tx = f.layer.sendRequest(invite, UDP_PEER).orElseThrow();
        f.layer.receiveResponse(SipText.responseTo(invite, 180, "Ringing", "uas"), UDP_PEER);
        assertSame(invite, tx.request());

        f.user.onResponseAction = (t, r) -> seenInCallback[0] = t.request();
        f.layer.receiveResponse(SipText.responseTo(invite, 200, "OK", "uas"), UDP_PEER);
        assertSame(invite, seenInCallback[0]); // the TU reads the request while handling the final
        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertNull(tx.request());
        assertEquals("z9hG4bK-r5", tx.branch());
        assertThrows(IllegalStateException.class, ((InviteClientTransaction) tx)::createCancel);

        int responses = f.user.responses.size();
        f.layer.receiveResponse(SipText.responseTo(invite, 200, "OK", "uas"), UDP_PEER);
        assertEquals(responses + 1, f.user.responses.size()); // RFC 6026: 2xx retransmissions go to the TU
    }

    @Test
    void inviteClientInCompletedKeepsOnlyTheAckAndResendsIt() {
        SipRequest invite = SipText.invite("z9hG4bK-r6");
        InviteClientTransaction tx = (InviteClientTransaction) f.layer.sendRequest(invite, UDP_PEER).orElseThrow();
        f.layer.receiveResponse(SipText.responseTo(invite, 486, "Busy Here", "uas"), UDP_PEER);
        assertNull(tx.request());
        SipRequest ack = tx.ack();
        assertNotNull(ack);
        f.layer.receiveResponse(SipText.responseTo(invite, 486, "Busy Here", "uas"), UDP_PEER);
        assertSame(ack, f.transport.last().message());
        assertEquals("ACK", ack.method());
        f.advanceMillis(32_000); // Timer D
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertNull(tx.ack());
    }

    @Test
    void nonInviteClientDropsTheRequestOnceCompleted() {
        SipRequest bye = SipText.nonInvite("BYE", "z9hG4bK-r7");
        ClientTransaction tx = f.layer.sendRequest(bye, UDP_PEER).orElseThrow();
        f.layer.receiveResponse(SipText.responseTo(bye, 200, "OK", "uas"), UDP_PEER);
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertNull(tx.request());
        assertEquals("BYE", tx.method());
        assertEquals(1, tx.cseqNumber());
    }
}
