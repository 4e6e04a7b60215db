package io.sbc.signaling.transaction;

import static io.sbc.signaling.transaction.LayerFixture.UDP_PEER;
import static io.sbc.signaling.transaction.LayerFixture.UDP_SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponses;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransactionLayerTest {

    private final LayerFixture f = new LayerFixture();

    @Test
    void matchesResponsesOnBranchAndCSeqMethod() {
        SipRequest invite = SipText.invite("z9hG4bK-m1");
        ClientTransaction inviteTx = f.layer.sendRequest(invite, UDP_PEER).orElseThrow();
        f.layer.receiveResponse(SipText.responseTo(invite, 180, "Ringing", "uas"), UDP_PEER);
        // Same branch, CSeq method CANCEL: a different transaction (§17.1.3), unknown here.
        SipRequest cancel = SipText.nonInvite("CANCEL", "z9hG4bK-m1");
        assertEquals(InboundResult.RESPONSE_DISCARDED,
                f.layer.receiveResponse(SipText.responseTo(cancel, 200, "OK", "uas"), UDP_PEER));
        // Another branch: no match either.
        assertEquals(InboundResult.RESPONSE_DISCARDED,
                f.layer.receiveResponse(SipText.responseTo(SipText.invite("z9hG4bK-other"), 200, "OK", "uas"), UDP_PEER));
        assertEquals(TransactionState.PROCEEDING, inviteTx.state());
        assertEquals(List.of("response 180"), f.user.events);
        assertEquals(2, f.layer.counters().responsesDiscarded());
    }

    @Test
    void answers482ForMergedRequest() {
        f.layer.receiveRequest(SipText.request(
                SipText.method("INVITE", "z9hG4bK-path1", "192.0.2.10:5060", null, 1, "forked@192.0.2.10")), UDP_SOURCE);
        f.transport.clear();
        // Same From tag, Call-ID and CSeq, no To tag, another branch: the fork came back by another path.
        SipRequest merged = SipText.request(SipText.method("INVITE", "z9hG4bK-path2", "203.0.113.5:5060", null, 1, "forked@192.0.2.10"));
        assertEquals(InboundResult.LOOP_DETECTED_482, f.layer.receiveRequest(merged, UDP_SOURCE));
        assertEquals(1, f.transport.count());
        assertEquals(482, f.transport.last().status());
        assertNotNull(f.transport.last().message().toTag());
        assertEquals(List.of("request INVITE"), f.user.events); // the TU never sees the merged copy
        assertEquals(1, f.layer.counters().loopDetected482());

        // Its retransmission gets the 482 again; its ACK is absorbed by the 482's transaction.
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, f.layer.receiveRequest(
                SipText.request(SipText.method("INVITE", "z9hG4bK-path2", "203.0.113.5:5060", null, 1, "forked@192.0.2.10")), UDP_SOURCE));
        assertEquals(482, f.transport.last().status());
        String tag = f.transport.last().message().toTag();
        assertEquals(InboundResult.ACK_ABSORBED, f.layer.receiveRequest(
                SipText.request(SipText.method("ACK", "z9hG4bK-path2", "203.0.113.5:5060", tag, 1, "forked@192.0.2.10")), UDP_SOURCE));
    }

    @Test
    void answersCancelOfMergedRequestItselfWithoutTheTu() {
        String callId = "forked2@192.0.2.10";
        f.layer.receiveRequest(SipText.request(SipText.method("INVITE", "z9hG4bK-p1", "192.0.2.10:5060", null, 1, callId)), UDP_SOURCE);
        f.layer.receiveRequest(SipText.request(SipText.method("INVITE", "z9hG4bK-p2", "203.0.113.5:5060", null, 1, callId)), UDP_SOURCE);
        assertEquals(InboundResult.CANCEL_OF_MERGED_REQUEST_ANSWERED, f.layer.receiveRequest(
                SipText.request(SipText.method("CANCEL", "z9hG4bK-p2", "203.0.113.5:5060", null, 1, callId)), UDP_SOURCE));
        assertEquals(200, f.transport.last().status());
        assertEquals("CANCEL", f.transport.last().message().cseq().method());
        assertEquals(List.of("request INVITE"), f.user.events);
        // The CANCEL of the original INVITE still goes to the TU with its target.
        assertEquals(InboundResult.NEW_CANCEL, f.layer.receiveRequest(
                SipText.request(SipText.method("CANCEL", "z9hG4bK-p1", "192.0.2.10:5060", null, 1, callId)), UDP_SOURCE));
        assertSame(f.user.serverTransactions.get(0), f.user.lastCancelTarget);
    }

    @Test
    void doesNotTreatRequestWithToTagOrNewCSeqAsMerged() {
        String callId = "same@192.0.2.10";
        f.layer.receiveRequest(SipText.request(SipText.method("INVITE", "z9hG4bK-q1", "192.0.2.10:5060", null, 1, callId)), UDP_SOURCE);
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(
                SipText.request(SipText.method("INVITE", "z9hG4bK-q2", "192.0.2.10:5060", "dialog-tag", 1, callId)), UDP_SOURCE));
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(
                SipText.request(SipText.method("INVITE", "z9hG4bK-q3", "192.0.2.10:5060", null, 2, callId)), UDP_SOURCE));
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(
                SipText.request(SipText.method("OPTIONS", "z9hG4bK-q4", "192.0.2.10:5060", null, 1, callId)), UDP_SOURCE));
        assertEquals(0, f.layer.counters().loopDetected482());
    }

    @Test
    void matchesCancelToTheInviteServerTransactionItCancels() {
        SipRequest invite = SipText.invite("z9hG4bK-c1");
        f.layer.receiveRequest(invite, UDP_SOURCE);
        InviteServerTransaction inviteTx = (InviteServerTransaction) f.user.serverTransactions.get(0);

        SipRequest cancel = SipText.nonInvite("CANCEL", "z9hG4bK-c1");
        assertEquals(InboundResult.NEW_CANCEL, f.layer.receiveRequest(cancel, UDP_SOURCE));
        assertSame(inviteTx, f.user.lastCancelTarget);
        assertSame(inviteTx, f.layer.findCancelTarget(cancel));
        NonInviteServerTransaction cancelTx = f.user.lastCancelTransaction;
        assertTrue(cancelTx.sendResponse(SipResponses.create(cancel, 200, "OK", "sbc-tag")));
        assertTrue(inviteTx.sendResponse(SipResponses.create(invite, 487, "Request Terminated", "sbc-tag")));
        assertEquals(TransactionState.COMPLETED, inviteTx.state());
        assertEquals(TransactionState.COMPLETED, cancelTx.state());
        assertEquals(2, f.layer.serverTransactionCount());

        // A retransmitted CANCEL is absorbed by its own transaction and gets the 200 again.
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED,
                f.layer.receiveRequest(SipText.nonInvite("CANCEL", "z9hG4bK-c1"), UDP_SOURCE));
        assertEquals(200, f.transport.last().status());
        assertEquals("CANCEL", f.transport.last().message().cseq().method());
    }

    @Test
    void deliversCancelWithoutTargetSoTheTuAnswers481() {
        assertEquals(InboundResult.NEW_CANCEL,
                f.layer.receiveRequest(SipText.nonInvite("CANCEL", "z9hG4bK-c2"), UDP_SOURCE));
        assertEquals(List.of("cancel no-target"), f.user.events);
        assertNull(f.user.lastCancelTarget);
    }

    @Test
    void passesAckFor2xxToTu() {
        SipRequest ack = SipText.request(SipText.method("ACK", "z9hG4bK-new-ack", "192.0.2.10:5060", "sbc-tag", 1));
        assertEquals(InboundResult.ACK_TO_TU, f.layer.receiveRequest(ack, UDP_SOURCE));
        assertEquals(List.of("ack"), f.user.events);
        assertSame(ack, f.user.acks.get(0));
        assertEquals(0, f.layer.serverTransactionCount());
    }

    @Test
    void matchesSentByWithDefaultPortAndCaseInsensitiveHost() {
        f.layer.receiveRequest(SipText.request(SipText.method("OPTIONS", "z9hG4bK-v1", "PBX.example.com", null, 1)),
                UDP_SOURCE);
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, f.layer.receiveRequest(
                SipText.request(SipText.method("OPTIONS", "z9hG4bK-v1", "pbx.example.com:5060", null, 1)), UDP_SOURCE));
        // Same branch from another sent-by is another transaction (§17.2.3).
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(
                SipText.request(SipText.method("OPTIONS", "z9hG4bK-v1", "pbx.example.com:5070", "x", 1)), UDP_SOURCE));
    }

    @Test
    void matchesRfc2543RequestsWithoutMagicCookie() {
        String inviteText = SipText.method("INVITE", null, "192.0.2.40:5060", null, 7);
        f.layer.receiveRequest(SipText.request(inviteText), UDP_SOURCE);
        InviteServerTransaction tx = (InviteServerTransaction) f.user.serverTransactions.get(0);
        // Retransmission: same Request-URI, tags, Call-ID, CSeq and top Via.
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, f.layer.receiveRequest(SipText.request(inviteText), UDP_SOURCE));
        // Another CSeq is a new transaction.
        assertEquals(InboundResult.NEW_TRANSACTION, f.layer.receiveRequest(
                SipText.request(SipText.method("INVITE", null, "192.0.2.40:5060", null, 8)), UDP_SOURCE));

        // CANCEL: matched to the INVITE on the same fields (§9.2).
        assertEquals(InboundResult.NEW_CANCEL, f.layer.receiveRequest(
                SipText.request(SipText.method("CANCEL", null, "192.0.2.40:5060", null, 7)), UDP_SOURCE));
        assertSame(tx, f.user.lastCancelTarget);

        tx.sendResponse(SipResponses.create(tx.request(), 487, "Request Terminated", "our-tag"));
        // An ACK with another To tag does not match (RFC 2543 ACK matching uses the response's To tag).
        assertEquals(InboundResult.ACK_TO_TU, f.layer.receiveRequest(
                SipText.request(SipText.method("ACK", null, "192.0.2.40:5060", "not-ours", 7)), UDP_SOURCE));
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(InboundResult.ACK_ABSORBED, f.layer.receiveRequest(
                SipText.request(SipText.method("ACK", null, "192.0.2.40:5060", "our-tag", 7)), UDP_SOURCE));
        assertEquals(TransactionState.CONFIRMED, tx.state());
    }

    @Test
    void refusesNewServerTransactionWhenTableIsFullAndCountsIt() {
        LayerFixture g = new LayerFixture(TransactionConfig.defaults().withMaxTransactions(1, 2));
        assertEquals(InboundResult.NEW_TRANSACTION, g.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-f1"), UDP_SOURCE));
        assertEquals(InboundResult.NEW_TRANSACTION, g.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-f2"), UDP_SOURCE));
        assertEquals(InboundResult.REFUSED_TABLE_FULL, g.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-f3"), UDP_SOURCE));
        assertEquals(1, g.layer.counters().serverTransactionsRefused());
        assertEquals(0, g.transport.count()); // the caller answers 503 statelessly
        // Retransmissions of existing transactions are still absorbed at the limit; ACKs still pass.
        assertEquals(InboundResult.RETRANSMISSION_ABSORBED, g.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-f1"), UDP_SOURCE));
        // Once a transaction ends there is room again.
        g.user.serverTransactions.get(0).sendResponse(
                SipResponses.create(g.user.serverTransactions.get(0).request(), 200, "OK", "t"));
        g.advanceMillis(32_000);
        assertEquals(InboundResult.NEW_TRANSACTION, g.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-f3"), UDP_SOURCE));
    }

    @Test
    void refusesNewClientTransactionWhenTableIsFull() {
        LayerFixture g = new LayerFixture(TransactionConfig.defaults().withMaxTransactions(1, 1));
        assertTrue(g.layer.sendRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-g1"), UDP_PEER).isPresent());
        assertTrue(g.layer.sendRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-g2"), UDP_PEER).isEmpty());
        assertEquals(1, g.layer.counters().clientTransactionsRefused());
        assertEquals(1, g.transport.count());
    }

    @Test
    void rejectsTuBugsWithIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> f.layer.sendRequest(
                SipText.request(SipText.method("ACK", "z9hG4bK-x1", "192.0.2.10", "t", 1)), UDP_PEER));
        assertThrows(IllegalArgumentException.class, () -> f.layer.sendRequest(
                SipText.request(SipText.method("OPTIONS", null, "192.0.2.10", null, 1)), UDP_PEER));
        f.layer.sendRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-x2"), UDP_PEER);
        assertThrows(IllegalArgumentException.class, () -> f.layer.sendRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-x2"), UDP_PEER));
    }

    @Test
    void answersFromTheTuCallbackReentrantly() {
        f.user.onRequestAction = (tx, r) -> tx.sendResponse(SipResponses.create(r, 200, "OK", "sbc-tag"));
        f.layer.receiveRequest(SipText.nonInvite("OPTIONS", "z9hG4bK-r1"), LayerFixture.TCP_SOURCE);
        assertEquals(List.of("request OPTIONS", "terminated"), f.user.events);
        assertEquals(0, f.layer.serverTransactionCount());
    }
}
