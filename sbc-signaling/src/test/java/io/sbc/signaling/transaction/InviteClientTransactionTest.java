package io.sbc.signaling.transaction;

import static io.sbc.signaling.transaction.LayerFixture.TCP_PEER;
import static io.sbc.signaling.transaction.LayerFixture.UDP_PEER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.codec.SipSerializer;
import io.sbc.signaling.message.SipRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InviteClientTransactionTest {

    private final LayerFixture f = new LayerFixture();

    private InviteClientTransaction start(SipRequest invite, Destination destination) {
        return (InviteClientTransaction) f.layer.sendRequest(invite, destination).orElseThrow();
    }

    @Test
    void retransmitsInviteOnTimerAWithDoublingIntervalUntilTimerB() {
        InviteClientTransaction tx = start(SipText.invite("z9hG4bK-a1"), UDP_PEER);
        assertEquals(TransactionState.CALLING, tx.state());

        f.advanceMillis(31_999);
        // Timer A: T1, 2*T1, 4*T1, 8*T1, 16*T1, 32*T1 after each send (no T2 cap for INVITE, §17.1.1.2).
        assertEquals(List.of(0L, 500L, 1_500L, 3_500L, 7_500L, 15_500L, 31_500L), f.transport.sendTimes());
        assertTrue(f.user.events.isEmpty());

        f.advanceMillis(1); // Timer B = 64*T1 = 32 s
        assertEquals(List.of("timeout B", "terminated"), f.user.events);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, f.layer.clientTransactionCount());
        assertEquals(0, f.clock.pendingTimers());
        f.advanceMillis(60_000);
        assertEquals(7, f.transport.count());
        assertEquals(6, f.layer.counters().retransmissionsSent());
    }

    @Test
    void scalesTimerAAndTimerBWithConfiguredT1() {
        LayerFixture g = new LayerFixture(TransactionConfig.defaults().withTimers(new TransactionTimers(
                java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(4), java.time.Duration.ofSeconds(5))));
        g.layer.sendRequest(SipText.invite("z9hG4bK-a2"), UDP_PEER).orElseThrow();
        g.advanceMillis(12_799);
        assertEquals(List.of(0L, 200L, 600L, 1_400L, 3_000L, 6_200L, 12_600L), g.transport.sendTimes());
        g.advanceMillis(1);
        assertEquals(List.of("timeout B", "terminated"), g.user.events);
    }

    @Test
    void doesNotRetransmitOnReliableTransport() {
        InviteClientTransaction tx = start(SipText.invite("z9hG4bK-a3"), TCP_PEER);
        f.advanceMillis(31_999);
        assertEquals(1, f.transport.count());
        assertSame(TCP_PEER, f.transport.last().destination());
        f.advanceMillis(1);
        assertEquals(List.of("timeout B", "terminated"), f.user.events);
        assertTrue(tx.isTerminated());
    }

    @Test
    void stopsRetransmittingOnProvisionalAndIgnoresTimerBInProceeding() {
        SipRequest invite = SipText.invite("z9hG4bK-a4");
        InviteClientTransaction tx = start(invite, UDP_PEER);
        f.advanceMillis(700); // sends at 0 and 500
        f.layer.receiveResponse(SipText.responseTo(invite, 180, "Ringing", "uas-1"), UDP_PEER);
        assertEquals(TransactionState.PROCEEDING, tx.state());
        f.layer.receiveResponse(SipText.responseTo(invite, 183, "Session Progress", "uas-1"), UDP_PEER);

        f.advanceMillis(120_000);
        assertEquals(2, f.transport.count());
        assertEquals(List.of("response 180", "response 183"), f.user.events);
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void generatesAckForNonSuccessFinalResponse() {
        SipRequest invite = SipText.invite("z9hG4bK-a5");
        InviteClientTransaction tx = start(invite, UDP_PEER);
        f.layer.receiveResponse(SipText.responseTo(invite, 486, "Busy Here", "uas-2"), UDP_PEER);

        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(List.of("response 486"), f.user.events);
        RecordingTransport.Sent sent = f.transport.last();
        assertEquals("ACK", sent.method());
        assertSame(UDP_PEER, sent.destination());
        SipRequest ack = (SipRequest) sent.message();
        // §17.1.1.3: same Request-URI, Call-ID, From, CSeq number; To of the response; one Via; Routes.
        assertEquals(invite.requestUri().toString(), ack.requestUri().toString());
        assertEquals(invite.callId(), ack.callId());
        assertEquals(invite.header("From"), ack.header("From"));
        assertEquals("from-1", ack.fromTag());
        assertEquals("uas-2", ack.toTag());
        assertEquals(1, ack.cseq().number());
        assertEquals("ACK", ack.cseq().method());
        assertEquals(1, ack.vias().size());
        assertEquals("z9hG4bK-a5", ack.topVia().branch());
        assertEquals(invite.headerValues("Route"), ack.headerValues("Route"));
        assertEquals(2, ack.headerValues("Route").size());
        assertEquals(70, ack.maxForwards());
        assertWireFormReparses(ack);
    }

    /** The built request encodes to text the codec parses back, with exactly one Content-Length. */
    private static void assertWireFormReparses(SipRequest built) {
        String wire = new String(SipSerializer.encode(built), StandardCharsets.US_ASCII);
        assertEquals(1, wire.split("(?i)\r\nContent-Length:", -1).length - 1, wire);
        SipRequest reparsed = (SipRequest) SipText.parse(wire.replace("\r\n", "\n"));
        assertEquals(built.method(), reparsed.method());
        assertEquals(built.topVia().branch(), reparsed.topVia().branch());
        assertEquals(built.cseq(), reparsed.cseq());
        assertEquals(built.headerValues("Route"), reparsed.headerValues("Route"));
    }

    @Test
    void resendsAckForRetransmittedFinalResponseUntilTimerD() {
        SipRequest invite = SipText.invite("z9hG4bK-a6");
        InviteClientTransaction tx = start(invite, UDP_PEER);
        f.layer.receiveResponse(SipText.responseTo(invite, 503, "Service Unavailable", "uas-3"), UDP_PEER);
        f.transport.clear();

        f.advanceMillis(1_000);
        f.layer.receiveResponse(SipText.responseTo(invite, 503, "Service Unavailable", "uas-3"), UDP_PEER);
        assertEquals(1, f.transport.count());
        assertEquals("ACK", f.transport.last().method());
        assertEquals(List.of("response 503"), f.user.events); // the retransmission is not passed up

        f.advanceMillis(30_999); // Timer D = 32 s after the first final response
        assertEquals(TransactionState.COMPLETED, tx.state());
        f.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of("response 503", "terminated"), f.user.events);
    }

    @Test
    void terminatesAtOnceAfterAckOnReliableTransport() {
        SipRequest invite = SipText.invite("z9hG4bK-a7");
        InviteClientTransaction tx = start(invite, TCP_PEER);
        f.layer.receiveResponse(SipText.responseTo(invite, 404, "Not Found", "uas-4"), TCP_PEER);
        assertEquals("ACK", f.transport.last().method());
        assertEquals(TransactionState.TERMINATED, tx.state()); // Timer D = 0 on reliable transports
        assertEquals(0, f.clock.pendingTimers());
    }

    @Test
    void entersAcceptedOn2xxAndPassesEvery2xxToTuUntilTimerM() {
        SipRequest invite = SipText.invite("z9hG4bK-a8");
        InviteClientTransaction tx = start(invite, UDP_PEER);
        f.layer.receiveResponse(SipText.responseTo(invite, 200, "OK", "uas-5"), UDP_PEER);
        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertEquals(1, f.transport.count()); // no ACK from the transaction for a 2xx

        f.advanceMillis(4_000);
        f.layer.receiveResponse(SipText.responseTo(invite, 200, "OK", "uas-5"), UDP_PEER); // retransmission
        f.layer.receiveResponse(SipText.responseTo(invite, 200, "OK", "uas-6"), UDP_PEER); // another fork
        f.layer.receiveResponse(SipText.responseTo(invite, 486, "Busy Here", "uas-7"), UDP_PEER); // absorbed
        assertEquals(List.of("response 200", "response 200", "response 200"), f.user.events);
        assertEquals(1, f.transport.count());

        f.advanceMillis(27_999); // Timer M = 64*T1 from the first 2xx
        assertEquals(TransactionState.ACCEPTED, tx.state());
        f.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        f.layer.receiveResponse(SipText.responseTo(invite, 200, "OK", "uas-5"), UDP_PEER);
        assertEquals(1, f.layer.counters().responsesDiscarded());
    }

    @Test
    void informsTuAndTerminatesOnTransportError() {
        f.transport.failNextSends = 1;
        InviteClientTransaction tx = start(SipText.invite("z9hG4bK-a9"), TCP_PEER);
        assertEquals(List.of("transport-error", "terminated"), f.user.events);
        assertTrue(tx.isTerminated());
        assertEquals(0, f.clock.pendingTimers());
        assertEquals(0, f.layer.clientTransactionCount());
    }

    @Test
    void informsTuOfAsynchronousTransportErrorDuringRetransmission() {
        InviteClientTransaction tx = start(SipText.invite("z9hG4bK-a10"), UDP_PEER);
        f.advanceMillis(500);
        f.transport.last().listener().transportError("ICMP port unreachable");
        assertEquals(List.of("transport-error", "terminated"), f.user.events);
        assertTrue(tx.isTerminated());
        f.transport.last().listener().transportError("late duplicate report");
        assertEquals(2, f.user.events.size());
    }

    @Test
    void buildsCancelWithInviteBranchAndMatchesItsResponsesSeparately() {
        SipRequest invite = SipText.invite("z9hG4bK-a11");
        InviteClientTransaction inviteTx = start(invite, UDP_PEER);
        f.layer.receiveResponse(SipText.responseTo(invite, 180, "Ringing", "uas-8"), UDP_PEER);

        SipRequest cancel = inviteTx.createCancel();
        assertEquals("CANCEL", cancel.method());
        assertEquals("CANCEL", cancel.cseq().method());
        assertEquals(1, cancel.cseq().number());
        assertEquals(invite.requestUri().toString(), cancel.requestUri().toString());
        assertEquals("z9hG4bK-a11", cancel.topVia().branch());
        assertEquals(1, cancel.vias().size());
        assertNull(cancel.toTag());
        assertEquals(invite.headerValues("Route"), cancel.headerValues("Route"));
        assertWireFormReparses(cancel);

        ClientTransaction cancelTx = f.layer.sendRequest(cancel, UDP_PEER).orElseThrow();
        assertTrue(cancelTx instanceof NonInviteClientTransaction);
        f.layer.receiveResponse(SipText.responseTo(cancel, 200, "OK", "uas-8"), UDP_PEER);
        assertEquals(TransactionState.COMPLETED, cancelTx.state());
        assertEquals(TransactionState.PROCEEDING, inviteTx.state());
        f.layer.receiveResponse(SipText.responseTo(invite, 487, "Request Terminated", "uas-8"), UDP_PEER);
        assertEquals(TransactionState.COMPLETED, inviteTx.state());
        assertEquals(List.of("response 180", "response 200", "response 487"), f.user.events);
    }
}
