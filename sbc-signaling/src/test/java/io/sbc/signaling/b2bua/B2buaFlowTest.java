package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.routing.GatewayHealth;
import io.sbc.signaling.transaction.ClientTransaction;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.InviteServerTransaction;
import io.sbc.signaling.transaction.NonInviteServerTransaction;
import io.sbc.signaling.transaction.ServerTransaction;
import io.sbc.signaling.transaction.Transaction;
import io.sbc.signaling.transaction.TransactionConfig;
import io.sbc.signaling.transaction.TransactionLayer;
import io.sbc.signaling.transaction.TransactionTimer;
import io.sbc.signaling.transaction.TransactionTransport;
import io.sbc.signaling.transaction.TransactionUser;
import io.sbc.signaling.transaction.VirtualScheduler;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call state machine on a virtual clock: real transaction layers on both sides, the B2BUA
 * between them, and the wire recorded (no sockets). Media bypass, so no relay is involved.
 */
class B2buaFlowTest {
    static final String POLICY = """
            version: 1
            realms:
              pbx: {listen: [udp://192.0.2.20:5060], media-address: 192.0.2.20}
              carrier: {listen: [udp://203.0.113.21:5060], media-address: 203.0.113.21}
            trunks:
              carrier-a:
                realm: carrier
                gateways: [{uri: "sip:198.51.100.30:5060"}]
                media: {mode: bypass}
                session-timer: {expires: 90s, min-se: 90s}
                limits: {concurrent: 1}
            routes:
              - {from: pbx, to: carrier-a}
            """;
    static final InetSocketAddress PBX = new InetSocketAddress("10.0.0.5", 5062);
    static final InetSocketAddress GW = new InetSocketAddress("198.51.100.30", 5060);

    /** The wire of one side: every message the SBC sent there. */
    static final class Wire implements TransactionTransport {
        final List<SipMessage> sent = new ArrayList<>();

        @Override
        public void send(SipMessage message, Destination destination, TransportErrorListener errorListener) {
            sent.add(message);
        }

        SipMessage last() {
            return sent.get(sent.size() - 1);
        }

        SipRequest lastRequest(String method) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i) instanceof SipRequest r && r.method().equals(method)) {
                    return r;
                }
            }
            throw new AssertionError("no " + method + " sent; sent: " + sent.size());
        }

        SipResponse lastResponse(int code) {
            for (int i = sent.size() - 1; i >= 0; i--) {
                if (sent.get(i) instanceof SipResponse r && r.statusCode() == code) {
                    return r;
                }
            }
            throw new AssertionError("no " + code + " sent");
        }

        long count(int code) {
            return sent.stream().filter(m -> m instanceof SipResponse r && r.statusCode() == code).count();
        }
    }

    /** Forwards a layer's callbacks to the B2BUA with the layer's endpoint, as SignalingWorker does. */
    static final class User implements TransactionUser {
        B2bua b2bua;
        SipEndpoint endpoint;

        @Override
        public void onRequest(ServerTransaction tx, SipRequest request) {
            if (!b2bua.onRequest(endpoint, tx, request)) {
                tx.sendResponse(SipResponses.create(request, 501, "Not Here", "x"));
            }
        }

        @Override
        public void onCancel(NonInviteServerTransaction cancelTx, SipRequest cancel, InviteServerTransaction target) {
            b2bua.onCancel(cancelTx, cancel, target);
        }

        @Override
        public void onAck(SipRequest ack, Destination source) {
            b2bua.onAck(ack);
        }

        @Override
        public void onResponse(ClientTransaction tx, SipResponse response) {
            b2bua.onResponse(tx, response);
        }

        @Override
        public void onTimeout(Transaction tx, TransactionTimer timer) {
            b2bua.onTimeout(tx, timer);
        }

        @Override
        public void onTransportError(Transaction tx, String reason) {
            b2bua.onTransportError(tx, reason);
        }
    }

    VirtualScheduler clock;
    Wire wireA;
    Wire wireB;
    TransactionLayer layerA;
    TransactionLayer layerB;
    B2bua b2bua;
    B2buaCounters counters;
    /** The B2BUA's loop: inline, or queued while {@link #defer} (tasks still waiting, as under load). */
    final java.util.ArrayDeque<Runnable> deferred = new java.util.ArrayDeque<>();
    boolean defer;

    void execute(Runnable task) {
        if (defer) {
            deferred.add(task);
        } else {
            task.run();
        }
    }

    void drainLoop() {
        defer = false;
        for (Runnable r; (r = deferred.poll()) != null; ) {
            r.run();
        }
    }

    @BeforeEach
    void setUp() {
        LoadResult lr = new PolicyLoader(k -> null).load(POLICY, "flow.yaml", Path.of("."));
        assertTrue(lr.ok(), () -> lr.problems().toString());
        PolicySnapshot snapshot = lr.snapshot();
        clock = new VirtualScheduler();
        wireA = new Wire();
        wireB = new Wire();
        User userA = new User();
        User userB = new User();
        layerA = new TransactionLayer(TransactionConfig.defaults(), clock, wireA, userA);
        layerB = new TransactionLayer(TransactionConfig.defaults(), clock, wireB, userB);
        counters = new B2buaCounters();
        b2bua = new B2bua(new B2buaContext(() -> snapshot, null, new GatewayHealth(), counters,
                new io.sbc.signaling.routing.TrunkAdmission(), null), this::execute, clock,
                0, 1, 10, RandomGenerator.of("L64X128MixRandom"));
        userA.b2bua = b2bua;
        userB.b2bua = b2bua;
        userA.endpoint = new SipEndpoint(ListenPoint.of(Transport.UDP, new InetSocketAddress("192.0.2.20", 5060), "pbx"),
                layerA, wireA);
        userB.endpoint = new SipEndpoint(ListenPoint.of(Transport.UDP, new InetSocketAddress("203.0.113.21", 5060), "carrier"),
                layerB, wireB);
        b2bua.addEndpoint(userA.endpoint);
        b2bua.addEndpoint(userB.endpoint);
    }

    static SipMessage parse(String text) {
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        assertTrue(r.ok(), () -> String.valueOf(r.error()) + "\n" + text);
        return r.message();
    }

    static String request(String method, String branch, int cseq, String toTag, String cseqMethod) {
        return method + " sip:+15551234567@192.0.2.20 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.5:5062;branch=" + branch + "\n"
                + "From: \"pbx\" <sip:pbx@10.0.0.5>;tag=pbxtag\n"
                + "To: <sip:+15551234567@192.0.2.20>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: pbx-call@10.0.0.5\n"
                + "CSeq: " + cseq + " " + cseqMethod + "\n"
                + "Contact: <sip:pbx@10.0.0.5:5062>\n"
                + "Max-Forwards: 70\n"
                + "Content-Length: 0\n\n";
    }

    void fromA(String text) {
        layerA.receiveRequest((SipRequest) parse(text), Destination.udp(PBX));
    }

    /** A response of the callee to {@code request} (as the SBC sent it), with the callee's To tag. */
    void fromB(SipRequest request, int code, String reason, String tag) {
        fromB(request, code, reason, tag, null);
    }

    void fromB(SipRequest request, int code, String reason, String tag, String sessionExpires) {
        SipResponse r = SipResponses.create(request, code, reason, tag);
        if (sessionExpires != null) {
            r.addHeader("Session-Expires", sessionExpires);
        }
        if (code > 100 && code < 300) {
            r.addHeader("Contact", "<sip:callee@198.51.100.30:5060>");
        }
        layerB.receiveResponse((SipResponse) parse(r.toString().replace("\r\n", "\n")), Destination.udp(GW));
    }

    /** INVITE, 180, 200 and the caller's ACK: returns the To tag the caller saw. */
    String establish() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 180, "Ringing", "calleetag");
        fromB(inviteB, 200, "OK", "calleetag");
        SipResponse ok = wireA.lastResponse(200);
        fromA(request("ACK", "z9hG4bKack", 1, ok.toTag(), "ACK"));
        return ok.toTag();
    }

    @Test
    void basicCallGoesThroughCallingEarlyAnsweredConfirmedAndEndsOnBye() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        assertEquals(1, b2bua.calls());
        SipRequest inviteB = wireB.lastRequest("INVITE");
        assertNotEquals("pbx-call@10.0.0.5", inviteB.callId());
        assertEquals(100, ((SipResponse) wireA.sent.get(0)).statusCode(), "100 Trying to the caller");
        fromB(inviteB, 180, "Ringing", "calleetag");
        SipResponse ringing = wireA.lastResponse(180);
        assertNotEquals("calleetag", ringing.toTag());
        fromB(inviteB, 200, "OK", "calleetag");
        SipResponse ok = wireA.lastResponse(200);
        assertEquals(ringing.toTag(), ok.toTag(), "the 200 continues the early dialog");
        assertEquals("<sip:sbc@192.0.2.20:5060>", ok.header("Contact"));
        assertEquals(1, counters.answered());
        fromA(request("ACK", "z9hG4bKack", 1, ok.toTag(), "ACK"));
        SipRequest ackB = wireB.lastRequest("ACK");
        assertEquals("calleetag", ackB.toTag());
        assertEquals("1 ACK", ackB.header("CSeq"));
        assertEquals("sip:callee@198.51.100.30:5060", ackB.requestUri().toString(), "ACK goes to the callee's Contact");

        fromA(request("BYE", "z9hG4bKbye", 2, ok.toTag(), "BYE"));
        assertEquals("2 BYE", wireA.lastResponse(200).header("CSeq"), "BYE answered on A");
        SipRequest byeB = wireB.lastRequest("BYE");
        assertEquals("2 BYE", byeB.header("CSeq"), "B leg's own CSeq space: INVITE 1, BYE 2");
        assertEquals(0, b2bua.calls());
        assertEquals(1, counters.ended());
    }

    @Test
    void cancelWhileRingingGives487AndCancelsTheCallee() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 180, "Ringing", "calleetag");
        fromA(request("CANCEL", "z9hG4bKinv", 1, null, "CANCEL"));
        assertEquals(1, wireA.count(487));
        SipRequest cancelB = wireB.lastRequest("CANCEL");
        assertEquals(inviteB.topVia().branch(), cancelB.topVia().branch(), "CANCEL matches the B leg's INVITE (RFC 3261 §9.1)");
        assertEquals(0, b2bua.calls());
        fromB(inviteB, 487, "Request Terminated", "calleetag");
        assertEquals(1, wireA.count(487), "the callee's 487 is not relayed a second time");
    }

    @Test
    void twoHundredIsRetransmittedUntilAckAndTheCallEndsWithByeWhenNoneComes() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 200, "OK", "calleetag");
        assertEquals(1, wireA.count(200));
        clock.advance(Duration.ofMillis(500));
        assertEquals(2, wireA.count(200), "T1: first retransmission (RFC 3261 §13.3.1.4)");
        clock.advance(Duration.ofMillis(1000));
        assertEquals(3, wireA.count(200), "2*T1");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(0, b2bua.calls(), "no ACK for 64*T1 ends the call");
        assertEquals(1, counters.ackTimeouts(), "counted (the log line is rate-limited)");
        wireA.lastRequest("BYE");
        wireB.lastRequest("BYE");
    }

    @Test
    void byeFromACallerWhoseAckWasLostAcksTheCalleesTwoHundredBeforeTheBye() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 200, "OK", "calleetag");
        SipResponse ok = wireA.lastResponse(200);
        // The caller's ACK is lost (a flooded socket); its BYE arrives.
        fromA(request("BYE", "z9hG4bKbye", 2, ok.toTag(), "BYE"));
        List<String> toB = new java.util.ArrayList<>();
        for (SipMessage m : wireB.sent) {
            if (m instanceof SipRequest r) {
                toB.add(r.method());
            }
        }
        assertEquals(List.of("INVITE", "ACK", "BYE"), toB, "RFC 3261 §13.2.2.4: the callee's 2xx is ACKed before the BYE");
        assertEquals("1 ACK", wireB.lastRequest("ACK").header("CSeq"));
        assertEquals(0, b2bua.calls());
        long oks = wireA.count(200);
        clock.advance(Duration.ofSeconds(5));
        assertEquals(oks, wireA.count(200), "no more 2xx retransmissions to the caller once the call ended");
    }

    @Test
    void byeRightBehindTheAckLeavesAfterTheAckItFollowsWhenTheLoopIsBehind() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 200, "OK", "calleetag");
        SipResponse ok = wireA.lastResponse(200);
        defer = true; // ACK and BYE read in one batch: the ACK's relay step is still queued
        fromA(request("ACK", "z9hG4bKack", 1, ok.toTag(), "ACK"));
        fromA(request("BYE", "z9hG4bKbye", 2, ok.toTag(), "BYE"));
        drainLoop();
        List<String> toB = new java.util.ArrayList<>();
        for (SipMessage m : wireB.sent) {
            if (m instanceof SipRequest r) {
                toB.add(r.method());
            }
        }
        assertEquals(List.of("INVITE", "ACK", "BYE"), toB, "the callee never sees our BYE before its ACK");
        assertEquals(0, b2bua.calls());
    }

    @Test
    void twoHundredNeverAckedByTheCallerIsAckedOnTheCalleeLegBeforeTheSbcsBye() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 200, "OK", "calleetag");
        clock.advance(Duration.ofSeconds(40));
        assertEquals(0, b2bua.calls(), "no ACK for 64*T1 ends the call");
        List<String> toB = new java.util.ArrayList<>();
        for (SipMessage m : wireB.sent) {
            if (m instanceof SipRequest r) {
                toB.add(r.method());
            }
        }
        assertEquals(List.of("INVITE", "ACK", "BYE"), toB.subList(0, 3), "ACK first; BYEs after it are Timer E retransmissions");
        assertEquals(1, toB.stream().filter("ACK"::equals).count());
    }

    /** The methods of the requests sent on {@code wire}, in order. */
    static List<String> methods(Wire wire) {
        List<String> out = new ArrayList<>();
        for (SipMessage m : wire.sent) {
            if (m instanceof SipRequest r) {
                out.add(r.method());
            }
        }
        return out;
    }

    @Test
    void answeredCallKeepsNoWholeMessageYetStillResendsTheSameAckForTheCalleesTwoHundredRetransmission() {
        String aTag = establish();
        Call c = b2bua.lookup("pbx-call@10.0.0.5", aTag);
        assertNull(c.aInvite, "the caller's INVITE is dropped once answered");
        assertNull(c.aTx.request());
        assertNull(c.aTx.lastResponse(), "Accepted never re-sends the 2xx: the TU does");
        assertEquals(200, c.aTx.lastStatusCode());
        assertNull(c.bTx.request(), "the INVITE to the callee is dropped after its 2xx");
        assertEquals("pbx-call@10.0.0.5", c.aCallId);
        assertEquals(1, c.inviteSeq(Side.A));
        SipRequest ackB = wireB.lastRequest("ACK");
        assertEquals(1, c.answered.ackB.cseq());
        assertNull(c.answered.ackB.body(), "no body to keep: the offer was in the INVITE");

        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 200, "OK", "calleetag"); // the callee did not get our ACK: it retransmits
        assertEquals(List.of("INVITE", "ACK", "ACK"), methods(wireB), "an ACK for each 2xx (RFC 3261 §13.2.2.4)");
        SipRequest again = (SipRequest) wireB.last();
        assertEquals(ackB.header("CSeq"), again.header("CSeq"));
        assertEquals(ackB.header("To"), again.header("To"));
        assertEquals(ackB.header("From"), again.header("From"));
        assertEquals(ackB.callId(), again.callId());
        assertEquals(ackB.requestUri().toString(), again.requestUri().toString());
        assertEquals(ackB.topVia().toString(), again.topVia().toString(),
                "the same ACK again: a UAS absorbs it as a retransmission");
        assertEquals(ackB.toString(), again.toString());

        clock.advance(Duration.ofSeconds(33)); // 64*T1: the INVITE client transaction has ended
        assertNull(c.answered.ackB, "the kept ACK is dropped once no 2xx can reach the call");
        assertNull(c.bTx.applicationData());
        fromA(request("BYE", "z9hG4bKbye", 2, aTag, "BYE"));
        assertEquals("2 BYE", wireB.lastRequest("BYE").header("CSeq"));
        assertEquals(0, b2bua.calls());
    }

    @Test
    void endedCallsInviteTransactionsNoLongerPointAtTheCallButALateTwoHundredIsStillAckedAndByed() {
        String aTag = establish();
        Call c = b2bua.lookup("pbx-call@10.0.0.5", aTag);
        fromA(request("BYE", "z9hG4bKbye", 2, aTag, "BYE"));
        assertEquals(0, b2bua.calls());
        assertNull(c.aTx.applicationData(), "the A-side INVITE transaction (Timer L) lets the call go");
        EndedInvite ended = assertInstanceOf(EndedInvite.class, c.bTx.applicationData());
        assertSame(c.bProto, ended.proto());

        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 200, "OK", "calleetag");
        assertEquals(List.of("INVITE", "ACK", "BYE", "ACK", "BYE"), methods(wireB));
        assertEquals("calleetag", wireB.lastRequest("BYE").toTag());
        // A late CANCEL of the answered INVITE finds no call: it is not the B2BUA's any more.
        assertEquals(false, b2bua.onCancel(null, null, (InviteServerTransaction) c.aTx));
    }

    @Test
    void twoHundredCrossingTheCallersCancelIsAckedAndByedFromTheEndedCallsRemains() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 180, "Ringing", "calleetag");
        fromA(request("CANCEL", "z9hG4bKinv", 1, null, "CANCEL"));
        assertEquals(0, b2bua.calls());
        fromB(inviteB, 200, "OK", "calleetag"); // crossed our CANCEL (RFC 3261 §9.1)
        assertEquals(List.of("INVITE", "CANCEL", "ACK", "BYE"), methods(wireB));
        fromB(inviteB, 200, "OK", "calleetag"); // retransmitted: the transaction now holds only an EndedInvite
        assertEquals(List.of("INVITE", "CANCEL", "ACK", "BYE", "ACK", "BYE"), methods(wireB));
        assertEquals(1, wireA.count(487));
        assertEquals("1 CANCEL", wireA.lastResponse(200).header("CSeq"), "the caller got no 2xx to its INVITE");
    }

    @Test
    void reInviteFromTheOtherSideWhileOursIsPendingGets491() {
        String aTag = establish();
        fromA(request("INVITE", "z9hG4bKre1", 2, aTag, "INVITE"));
        SipRequest reinviteB = wireB.lastRequest("INVITE");
        assertEquals("2 INVITE", reinviteB.header("CSeq"));
        SipRequest fromCallee = (SipRequest) parse("INVITE sip:sbc@203.0.113.21:5060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 198.51.100.30:5060;branch=z9hG4bKcallee1\n"
                + "From: <sip:callee@198.51.100.30>;tag=calleetag\n"
                + "To: " + reinviteB.header("From") + "\n"
                + "Call-ID: " + reinviteB.callId() + "\n"
                + "CSeq: 5 INVITE\n"
                + "Contact: <sip:callee@198.51.100.30:5060>\n"
                + "Max-Forwards: 70\n"
                + "Content-Length: 0\n\n");
        layerB.receiveRequest(fromCallee, Destination.udp(GW));
        assertEquals(491, ((SipResponse) wireB.last()).statusCode(), "RFC 3261 §14.2 glare");
        fromA(request("INVITE", "z9hG4bKre2", 3, aTag, "INVITE"));
        assertEquals(500, ((SipResponse) wireA.last()).statusCode(), "a second INVITE from the same side gets 500");
        assertEquals("3", ((SipResponse) wireA.last()).header("Retry-After"));
    }

    @Test
    void requestWithLowerCseqInsideTheDialogGets500() {
        String aTag = establish();
        fromA(request("INFO", "z9hG4bKinfo1", 5, aTag, "INFO"));
        fromA(request("INFO", "z9hG4bKinfo2", 4, aTag, "INFO"));
        assertEquals(500, ((SipResponse) wireA.last()).statusCode(), "RFC 3261 §12.2.2");
    }

    @Test
    void requestForAnUnknownDialogGets481() {
        fromA(request("BYE", "z9hG4bKbye", 2, "nosuchtag", "BYE"));
        assertEquals(481, ((SipResponse) wireA.last()).statusCode());
    }

    @Test
    void sbcRefreshesTheCarrierLegWithUpdateEveryHalfInterval() {
        establish();
        SipRequest inviteB = wireB.lastRequest("INVITE");
        assertEquals("90", inviteB.header("Session-Expires"));
        long updates = wireB.sent.stream().filter(m -> m instanceof SipRequest r && r.method().equals("UPDATE")).count();
        assertEquals(0, updates);
        clock.advance(Duration.ofSeconds(45));
        SipRequest update = wireB.lastRequest("UPDATE");
        assertEquals("90;refresher=uac", update.header("Session-Expires"), "RFC 4028 §10: refresh at half the interval");
        fromB(update, 200, "OK", null);
        clock.advance(Duration.ofSeconds(45));
        assertEquals(2, wireB.sent.stream().filter(m -> m instanceof SipRequest r && r.method().equals("UPDATE")).count());
        assertEquals(1, b2bua.calls(), "answered refreshes keep the call");
    }

    @Test
    void callerThatStopsRefreshingIsHungUpOnBothLegs() {
        String invite = request("INVITE", "z9hG4bKinv", 1, null, "INVITE").replace("Max-Forwards: 70\n",
                "Max-Forwards: 70\nSupported: timer\nSession-Expires: 120\n");
        fromA(invite);
        SipRequest inviteB = wireB.lastRequest("INVITE");
        assertEquals("90", inviteB.header("Session-Expires"), "the caller's 120 s does not cross");
        fromB(inviteB, 200, "OK", "calleetag", "200;refresher=uas");
        SipResponse ok = wireA.lastResponse(200);
        assertEquals("120;refresher=uac", ok.header("Session-Expires"));
        assertEquals("timer", ok.header("Require"));
        fromA(request("ACK", "z9hG4bKack", 1, ok.toTag(), "ACK"));
        clock.advance(Duration.ofSeconds(60));
        int sentToB = wireB.sent.size();
        fromA(request("UPDATE", "z9hG4bKupd", 2, ok.toTag(), "UPDATE"));
        assertEquals("120;refresher=uac", wireA.lastResponse(200).header("Session-Expires"), "refresh answered on A");
        assertEquals(sentToB, wireB.sent.size(), "a pure refresh of A does not reach B");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(1, b2bua.calls(), "refreshed at 60 s: alive at 120 s");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(0, b2bua.calls(), "no refresh for 120 - 32 s after the last one");
        wireA.lastRequest("BYE");
        wireB.lastRequest("BYE");
    }

    @Test
    void callBeyondTheTrunksConcurrentLimitGets503UntilTheFirstEnds() {
        String aTag = establish();
        fromA(request("INVITE", "z9hG4bKinv2", 1, null, "INVITE").replace("pbx-call@", "second-call@"));
        SipResponse refused = (SipResponse) wireA.last();
        assertEquals(503, refused.statusCode());
        assertEquals("5", refused.header("Retry-After"));
        assertEquals(1, counters.refusedAdmission());
        fromA(request("BYE", "z9hG4bKbye", 2, aTag, "BYE"));
        fromA(request("INVITE", "z9hG4bKinv3", 1, null, "INVITE").replace("pbx-call@", "third-call@"));
        assertEquals(1, b2bua.calls(), "the slot is free again after the BYE");
    }

    @Test
    void carrier422IsAnsweredWithANewInviteRaisedToItsMinSeOnTheSameLeg() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE"));
        SipRequest first = wireB.lastRequest("INVITE");
        assertEquals("90", first.header("Session-Expires"));
        SipResponse tooSmall = SipResponses.create(first, 422, "Session Interval Too Small", "calleetag");
        tooSmall.addHeader("Min-SE", "1800");
        layerB.receiveResponse((SipResponse) parse(tooSmall.toString().replace("\r\n", "\n")), Destination.udp(GW));
        SipRequest retry = wireB.lastRequest("INVITE");
        assertNotEquals(first.topVia().branch(), retry.topVia().branch(), "a new transaction");
        assertEquals(first.callId(), retry.callId(), "RFC 4028 §7.4: same leg");
        assertEquals(first.fromTag(), retry.fromTag());
        assertEquals("2 INVITE", retry.header("CSeq"));
        assertEquals("1800", retry.header("Session-Expires"));
        assertEquals("1800", retry.header("Min-SE"));
        assertEquals(0, wireA.count(422), "the 422 must not reach the caller");
        fromB(retry, 200, "OK", "calleetag2");
        assertEquals(1, wireA.count(200));
    }

    @Test
    void callerSessionIntervalBelowOurMinSeGets422WithOurMinSe() {
        fromA(request("INVITE", "z9hG4bKinv", 1, null, "INVITE").replace("Max-Forwards: 70\n",
                "Max-Forwards: 70\nSupported: timer\nSession-Expires: 60\n"));
        SipResponse tooSmall = wireA.lastResponse(422);
        assertEquals("90", tooSmall.header("Min-SE"));
        assertEquals(0, b2bua.calls());
        assertTrue(wireB.sent.isEmpty(), "nothing toward the carrier");
    }
}
