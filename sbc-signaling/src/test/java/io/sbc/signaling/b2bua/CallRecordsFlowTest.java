package io.sbc.signaling.b2bua;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.b2bua.B2buaFlowTest.User;
import io.sbc.signaling.b2bua.B2buaFlowTest.Wire;
import io.sbc.signaling.cdr.CdrRecord;
import io.sbc.signaling.cdr.CdrRecord.EndedBy;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipResponse;
import io.sbc.signaling.message.SipResponses;
import io.sbc.signaling.metrics.SbcMetrics;
import io.sbc.signaling.routing.GatewayHealth;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.TransactionConfig;
import io.sbc.signaling.transaction.TransactionLayer;
import io.sbc.signaling.transaction.VirtualScheduler;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.Transport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

import static io.sbc.signaling.b2bua.B2buaFlowTest.GW;
import static io.sbc.signaling.b2bua.B2buaFlowTest.PBX;
import static io.sbc.signaling.b2bua.B2buaFlowTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #7: every call attempt ends in exactly one call detail record, whatever the end path, and
 * the per-trunk outcome counters agree. Same harness as {@link B2buaFlowTest}: real transaction
 * layers on both sides, a virtual clock, the wire recorded, media bypass.
 */
class CallRecordsFlowTest {
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
                limits: {concurrent: 1}
            routes:
              - {from: pbx, to: carrier-a}
            """;

    VirtualScheduler clock;
    Wire wireA;
    Wire wireB;
    TransactionLayer layerA;
    TransactionLayer layerB;
    B2bua b2bua;
    B2buaCounters counters;
    final List<CdrRecord> cdrs = new ArrayList<>();

    @BeforeEach
    void setUp() {
        LoadResult lr = new PolicyLoader(k -> null).load(POLICY, "cdr.yaml", Path.of("."));
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
        counters.records().sink(cdrs::add);
        b2bua = new B2bua(new B2buaContext(() -> snapshot, null, new GatewayHealth(), counters,
                new io.sbc.signaling.routing.TrunkAdmission(), null), Runnable::run, clock,
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

    static String request(String method, String callId, String branch, int cseq, String toTag, String cseqMethod) {
        return method + " sip:+15551234567@192.0.2.20 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.5:5062;branch=" + branch + "\n"
                + "From: \"pbx\" <sip:+15550001111@10.0.0.5>;tag=pbxtag\n"
                + "To: <sip:+15551234567@192.0.2.20>" + (toTag == null ? "" : ";tag=" + toTag) + "\n"
                + "Call-ID: " + callId + "\n"
                + "CSeq: " + cseq + " " + cseqMethod + "\n"
                + "Contact: <sip:pbx@10.0.0.5:5062>\n"
                + "Max-Forwards: 70\n"
                + "Content-Length: 0\n\n";
    }

    void fromA(String text) {
        layerA.receiveRequest((SipRequest) parse(text), Destination.udp(PBX));
    }

    void invite(String callId) {
        fromA(request("INVITE", callId, "z9hG4bK" + callId.hashCode(), 1, null, "INVITE"));
    }

    void fromB(SipRequest request, int code, String reason, String tag) {
        SipResponse r = SipResponses.create(request, code, reason, tag);
        if (code > 100 && code < 300) {
            r.addHeader("Contact", "<sip:callee@198.51.100.30:5060>");
        }
        layerB.receiveResponse((SipResponse) parse(r.toString().replace("\r\n", "\n")), Destination.udp(GW));
    }

    /** A request from the callee inside the B leg's dialog. */
    void fromBInDialog(String method, SipRequest inviteB, int cseq) {
        layerB.receiveRequest((SipRequest) parse(method + " sip:sbc@203.0.113.21:5060 SIP/2.0\n"
                + "Via: SIP/2.0/UDP 198.51.100.30:5060;branch=z9hG4bKcallee" + cseq + "\n"
                + "From: <sip:callee@198.51.100.30>;tag=calleetag\n"
                + "To: " + inviteB.header("From") + "\n"
                + "Call-ID: " + inviteB.callId() + "\n"
                + "CSeq: " + cseq + " " + method + "\n"
                + "Max-Forwards: 70\n"
                + "Content-Length: 0\n\n"), Destination.udp(GW));
    }

    /** INVITE, 180, 200, ACK: returns the caller's To tag. */
    String establish(String callId) {
        invite(callId);
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 180, "Ringing", "calleetag");
        fromB(inviteB, 200, "OK", "calleetag");
        SipResponse ok = wireA.lastResponse(200);
        fromA(request("ACK", callId, "z9hG4bKack", 1, ok.toTag(), "ACK"));
        return ok.toTag();
    }

    CdrRecord only() {
        assertEquals(1, cdrs.size(), () -> "exactly one record: " + cdrs);
        return cdrs.get(0);
    }

    long total(String trunk, CallRecords.Result r) {
        CallRecords.TrunkTally t = counters.records().trunks().get(trunk);
        return t == null ? 0 : t.total(r);
    }

    @Test
    void answeredCallEndedByTheCallersByeHasOneCompleteRecord() {
        String tag = establish("c1@pbx");
        SipRequest inviteB = wireB.lastRequest("INVITE");
        assertEquals(1, counters.records().trunks().get("carrier-a").active());
        clock.advance(Duration.ofSeconds(3));
        fromA(request("BYE", "c1@pbx", "z9hG4bKbye", 2, tag, "BYE"));
        fromA(request("BYE", "c1@pbx", "z9hG4bKbye2", 3, tag, "BYE"));
        CdrRecord r = only();
        assertEquals("c1@pbx", r.inboundCallId());
        assertEquals(inviteB.callId(), r.outboundCallId());
        assertNotEquals(r.inboundCallId(), r.outboundCallId());
        assertEquals("pbx", r.sourceRealm());
        assertEquals("carrier", r.destRealm());
        assertEquals("carrier-a", r.destTrunk());
        assertEquals("+15550001111", r.caller());
        assertEquals("+15551234567", r.callee());
        assertEquals(200, r.finalStatus());
        assertEquals(EndedBy.CALLER_BYE, r.endedBy());
        assertTrue(r.startMillis() > 0 && r.answerMillis() >= r.startMillis() && r.endMillis() >= r.answerMillis());
        assertEquals(1, total("carrier-a", CallRecords.Result.ANSWERED));
        assertEquals(0, counters.records().trunks().get("carrier-a").active());
    }

    @Test
    void calleesByeIsRecordedAsCalleeBye() {
        establish("c2@pbx");
        fromBInDialog("BYE", wireB.lastRequest("INVITE"), 7);
        assertEquals(EndedBy.CALLEE_BYE, only().endedBy());
        wireA.lastRequest("BYE");
    }

    @Test
    void cancelWhileRingingIsOneCancelledRecordEvenWhenTheCalleesLate487Arrives() {
        invite("c3@pbx");
        SipRequest inviteB = wireB.lastRequest("INVITE");
        fromB(inviteB, 180, "Ringing", "calleetag");
        fromA(request("CANCEL", "c3@pbx", "z9hG4bK" + "c3@pbx".hashCode(), 1, null, "CANCEL"));
        fromB(inviteB, 487, "Request Terminated", "calleetag");
        CdrRecord r = only();
        assertEquals(EndedBy.CALLER_CANCEL, r.endedBy());
        assertEquals(487, r.finalStatus());
        assertEquals(0, r.answerMillis());
        assertEquals(1, total("carrier-a", CallRecords.Result.CANCELLED));
    }

    @ParameterizedTest
    @ValueSource(ints = {404, 486, 603})
    void calleeRejectionIsOneRejectedRecordWithItsStatus(int code) {
        invite("c4@pbx");
        fromB(wireB.lastRequest("INVITE"), code, "Nope", "calleetag");
        CdrRecord r = only();
        assertEquals(EndedBy.REJECTED, r.endedBy());
        assertEquals(code, r.finalStatus());
        assertEquals(1, total("carrier-a", CallRecords.Result.REJECTED));
    }

    @Test
    void silentGatewayWithNoOtherLeftIsOneFailedRecord() {
        invite("c5@pbx");
        clock.advance(Duration.ofSeconds(40));
        CdrRecord r = only();
        assertEquals(503, r.finalStatus());
        assertEquals(1, total("carrier-a", CallRecords.Result.FAILED));
    }

    @Test
    void ringingWithoutAnswerIsGivenUpByTimerCInOneTimeoutRecord() {
        invite("c6@pbx");
        fromB(wireB.lastRequest("INVITE"), 180, "Ringing", "calleetag");
        clock.advance(Duration.ofSeconds(200));
        assertEquals(EndedBy.TIMEOUT, only().endedBy());
        wireB.lastRequest("CANCEL");
    }

    @Test
    void missingAckEndsTheAnsweredCallInOneTimeoutRecord() {
        invite("c7@pbx");
        fromB(wireB.lastRequest("INVITE"), 200, "OK", "calleetag");
        clock.advance(Duration.ofSeconds(60));
        CdrRecord r = only();
        assertEquals(EndedBy.TIMEOUT, r.endedBy());
        assertEquals("no ACK", r.endReason());
        assertEquals(1, total("carrier-a", CallRecords.Result.ANSWERED));
    }

    @Test
    void admissionRefusalIsRecordedAtOnceAndTheFirstCallLater() {
        String tag = establish("c8@pbx");
        invite("c9@pbx");
        CdrRecord refused = only();
        assertEquals("c9@pbx", refused.inboundCallId());
        assertEquals("", refused.outboundCallId());
        assertEquals(EndedBy.ADMISSION_REFUSED, refused.endedBy());
        assertEquals(503, refused.finalStatus());
        assertEquals(1, total("carrier-a", CallRecords.Result.REFUSED));
        fromA(request("BYE", "c8@pbx", "z9hG4bKbye", 2, tag, "BYE"));
        assertEquals(2, cdrs.size());
        assertEquals("c8@pbx", cdrs.get(1).inboundCallId());
    }

    @Test
    void inviteFromARealmWithoutRouteIsOneNoRouteRecord() {
        SipRequest fromCarrier = (SipRequest) parse(request("INVITE", "c10@gw", "z9hG4bKgw", 1, null, "INVITE")
                .replace("10.0.0.5:5062", "198.51.100.30:5060"));
        layerB.receiveRequest(fromCarrier, Destination.udp(GW));
        CdrRecord r = only();
        assertEquals(EndedBy.NO_ROUTE, r.endedBy());
        assertEquals("carrier", r.sourceRealm());
        assertTrue(r.finalStatus() >= 400, "refused: " + r.finalStatus());
    }

    @Test
    void inviteWithMaxForwardsZeroIsOneRejectedRecord() {
        fromA(request("INVITE", "c11@pbx", "z9hG4bKmf", 1, null, "INVITE").replace("Max-Forwards: 70", "Max-Forwards: 0"));
        CdrRecord r = only();
        assertEquals(483, r.finalStatus());
        assertEquals(EndedBy.REJECTED, r.endedBy());
    }

    @Test
    void drainRefusesNewInvitesServesByeAndTerminateAllByesTheRest() {
        String tag = establish("d1@pbx");
        counters.records().drain();
        invite("d2@pbx");
        SipResponse refused = (SipResponse) wireA.last();
        assertEquals(503, refused.statusCode());
        assertEquals("5", refused.header("Retry-After"));
        assertEquals(EndedBy.DRAIN, only().endedBy());
        assertEquals(1, total(CallRecords.NO_TRUNK, CallRecords.Result.REFUSED));
        int byesB = countRequests(wireB, "BYE");
        assertEquals(1, b2bua.terminateAll("drain timeout"));
        assertEquals(byesB + 1, countRequests(wireB, "BYE"), "BYE to the callee");
        assertEquals(1, countRequests(wireA, "BYE"), "BYE to the caller");
        assertEquals(2, cdrs.size());
        assertEquals(EndedBy.DRAIN, cdrs.get(1).endedBy());
        assertEquals(0, b2bua.calls());
        fromA(request("BYE", "d1@pbx", "z9hG4bKbye", 2, tag, "BYE"));
        assertEquals(481, ((SipResponse) wireA.last()).statusCode());
        assertEquals(2, cdrs.size(), "the caller's late BYE adds no record");
    }

    @Test
    void inDialogByeIsServedWhileDraining() {
        String tag = establish("d3@pbx");
        counters.records().drain();
        fromA(request("BYE", "d3@pbx", "z9hG4bKbye", 2, tag, "BYE"));
        assertEquals(200, wireA.lastResponse(200).statusCode());
        wireB.lastRequest("BYE");
        assertEquals(EndedBy.CALLER_BYE, only().endedBy());
    }

    static int countRequests(Wire w, String method) {
        return (int) w.sent.stream().filter(m -> m instanceof SipRequest r && r.method().equals(method)).count();
    }

    /**
     * Seeded random mix of every end path: the number of records equals the number of INVITEs, each
     * inbound Call-ID appears in exactly one, and the per-result counters add up to the same number.
     */
    @ParameterizedTest
    @ValueSource(longs = {1L, 7L, 42L, 20261121L})
    void everyAttemptOfARandomMixEndsInExactlyOneRecord(long seed) {
        RandomGenerator rnd = RandomGenerator.of("L64X128MixRandom");
        rnd = java.util.random.RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
        int n = 40;
        for (int i = 0; i < n; i++) {
            String id = "r" + i + "@pbx";
            int path = rnd.nextInt(8);
            switch (path) {
                case 0 -> fromA(request("BYE", id, "z9hG4bKb" + i, 2, establish(id), "BYE"));
                case 1 -> {
                    establish(id);
                    fromBInDialog("BYE", wireB.lastRequest("INVITE"), 9);
                }
                case 2 -> {
                    invite(id);
                    fromB(wireB.lastRequest("INVITE"), 180, "Ringing", "calleetag");
                    fromA(request("CANCEL", id, "z9hG4bK" + id.hashCode(), 1, null, "CANCEL"));
                }
                case 3 -> {
                    invite(id);
                    fromB(wireB.lastRequest("INVITE"), 486, "Busy Here", "calleetag");
                }
                case 4 -> {
                    invite(id);
                    clock.advance(Duration.ofSeconds(40));
                }
                case 5 -> fromA(request("INVITE", id, "z9hG4bKm" + i, 1, null, "INVITE")
                        .replace("Max-Forwards: 70", "Max-Forwards: 0"));
                case 6 -> {
                    invite(id);
                    fromB(wireB.lastRequest("INVITE"), 200, "OK", "calleetag");
                    clock.advance(Duration.ofSeconds(60));
                }
                default -> {
                    establish(id);
                    b2bua.terminateAll("drain");
                }
            }
            clock.advance(Duration.ofSeconds(40));
            assertEquals(0, b2bua.calls(), "seed " + seed + " call " + i + " path " + path);
        }
        long s = seed;
        assertEquals(n, cdrs.size(), () -> "seed " + s);
        Map<String, Integer> seen = new HashMap<>();
        for (CdrRecord r : cdrs) {
            seen.merge(r.inboundCallId(), 1, Integer::sum);
        }
        assertEquals(n, seen.size(), () -> "seed " + s + ": " + seen);
        long totals = 0;
        for (CallRecords.TrunkTally t : counters.records().trunks().values()) {
            for (CallRecords.Result r : CallRecords.Result.values()) {
                totals += t.total(r);
            }
            assertEquals(0, t.active());
        }
        assertEquals(n, totals);
        long observed = 0;
        for (long c : counters.records().inviteBucketCounts()) {
            observed += c;
        }
        assertEquals(n, observed, "one INVITE processing time per attempt");
    }

    @Test
    void callMetricsAreExposedUnderTheDocumentedNames() {
        String tag = establish("m1@pbx");
        fromA(request("BYE", "m1@pbx", "z9hG4bKbye", 2, tag, "BYE"));
        SbcMetrics metrics = new SbcMetrics();
        metrics.bindCalls(counters.records());
        String text = new String(metrics.scrape(), StandardCharsets.UTF_8);
        assertTrue(text.contains("sbc_calls_total{result=\"answered\",trunk=\"carrier-a\"} 1.0")
                || text.contains("sbc_calls_total{trunk=\"carrier-a\",result=\"answered\"} 1.0"), text);
        assertTrue(text.contains("sbc_calls_active{trunk=\"carrier-a\"} 0.0"), text);
        assertTrue(text.contains("sbc_invite_processing_seconds_count 1"), text);
        assertTrue(text.contains("sbc_invite_processing_seconds_bucket{le=\"+Inf\"} 1"), text);
    }
}
