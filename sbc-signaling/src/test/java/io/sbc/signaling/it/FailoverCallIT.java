package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CANCEL before answer, final errors relayed with their codes, route rejects, and gateway failover
 * (a silent gateway, a gateway answering 503, every gateway and failover trunk gone, and a gateway
 * that OPTIONS keep-alive marked down), with real SIPp peers.
 */
class FailoverCallIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/failover-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** callee-error.xml with its final response set to {@code code reason}, written into the test's directory. */
    private static SippPeer erroringCallee(String test, String ip, int port, int code, String reason) throws Exception {
        return erroringCallee(test, ip, port, code, reason, null);
    }

    private static SippPeer erroringCallee(String test, String ip, int port, int code, String reason, String contact)
            throws Exception {
        java.nio.file.Path dir = ItPolicies.evidenceDir(test).toAbsolutePath();
        java.nio.file.Files.createDirectories(dir);
        java.nio.file.Path scenario = dir.resolve("callee-error-" + code + ".xml");
        java.nio.file.Files.writeString(scenario, java.nio.file.Files.readString(BasicCallIT.scenario("callee-error.xml"))
                .replace("CODE REASON", code + " " + reason)
                .replace("Retry-After: 30", contact == null ? "Retry-After: 30" : "Retry-After: 30\n      Contact: " + contact));
        return SippPeer.uas(test, "callee-" + ip + "-" + port, scenario, ip, port, 1, Duration.ofSeconds(30));
    }

    private static SippPeer callee(String test, String scenario, String ip, int port) {
        return SippPeer.uas(test, "callee-" + ip + "-" + port, BasicCallIT.scenario(scenario), ip, port, 1,
                Duration.ofSeconds(30));
    }

    private static SippPeer caller(String test, String scenario, int port, String user) {
        return SippPeer.uac(test, "caller", BasicCallIT.scenario(scenario), "127.0.0.10", port, "127.0.0.20:5072", 1,
                Duration.ofSeconds(25)).arg("-s", user, "-d", "200");
    }

    private static void run(SippPeer caller, SippPeer... callees) throws Exception {
        try {
            for (SippPeer c : callees) {
                c.start();
            }
            caller.start();
            assertEquals(0, caller.await(), caller::describe);
            for (SippPeer c : callees) {
                assertEquals(0, c.await(), c::describe);
            }
        } finally {
            caller.kill();
            for (SippPeer c : callees) {
                c.kill();
            }
        }
        ActiveCalls.awaitNone(node);
    }

    private static boolean received(SippPeer peer, String startLine) throws Exception {
        List<String> msgs = peer.received();
        return msgs.stream().anyMatch(m -> m.startsWith(startLine));
    }

    @Test
    void cancelBeforeAnswerGives487ToTheCallerAndCancelsTheCallee() throws Exception {
        String test = "cancel-before-answer";
        SippPeer callee = callee(test, "callee-ring.xml", "127.0.0.30", 5100);
        SippPeer caller = caller(test, "caller-cancel.xml", 5190, "5551230001");
        run(caller, callee);
        assertTrue(received(caller, "SIP/2.0 487"), "no 487 for the caller");
        assertTrue(received(callee, "CANCEL "), "the callee saw no CANCEL");
    }

    @ParameterizedTest
    @CsvSource({"486, Busy Here", "603, Decline", "404, Not Found"})
    void finalErrorIsRelayedWithItsCodeAndReason(int code, String reason) throws Exception {
        String test = "error-" + code;
        SippPeer callee = erroringCallee(test, "127.0.0.30", 5100, code, reason);
        SippPeer caller = caller(test, "caller-error.xml", 5191, "5551230002");
        run(caller, callee);
        assertTrue(received(caller, "SIP/2.0 " + code + " " + reason), "caller did not get " + code + " " + reason);
    }

    @Test
    void rejectingRouteAnswersWithThePolicyCode() throws Exception {
        SippPeer caller = caller("route-reject", "caller-error.xml", 5192, "9001");
        run(caller);
        assertTrue(received(caller, "SIP/2.0 403 Barred Destination"), "no 403 from the reject route");
    }

    @Test
    void silentFirstGatewayIsLeftForTheSecond() throws Exception {
        String test = "failover-silent";
        long failovers = node.calls().failovers();
        SippPeer second = callee(test, "callee.xml", "127.0.0.30", 5102);
        SippPeer caller = caller(test, "caller.xml", 5193, "1555000111");
        run(caller, second);
        assertTrue(node.calls().failovers() > failovers, "no failover counted");
    }

    @Test
    void firstGatewayAnswering503IsLeftForTheSecond() throws Exception {
        String test = "failover-503";
        SippPeer first = erroringCallee(test, "127.0.0.31", 5103, 503, "Service Unavailable");
        SippPeer second = callee(test, "callee.xml", "127.0.0.30", 5104);
        SippPeer caller = caller(test, "caller.xml", 5194, "2555000111");
        run(caller, first, second);
        assertFalse(received(caller, "SIP/2.0 503"), "the 503 of the first gateway reached the caller");
    }

    @Test
    void everyGatewayAndFailoverTrunkGoneGivesTheCaller503() throws Exception {
        SippPeer caller = caller("failover-exhausted", "caller-error.xml", 5195, "3555000111");
        run(caller);
        assertTrue(received(caller, "SIP/2.0 503"), "no 503 after every gateway failed");
    }

    @Test
    void gatewayMarkedDownByOptionsKeepAliveIsSkipped() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (node.gatewayHealth().isUp("sip:127.0.0.31:5107") && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertFalse(node.gatewayHealth().isUp("sip:127.0.0.31:5107"), "the silent gateway was never marked down");
        String test = "failover-probed";
        long failovers = node.calls().failovers();
        long t0 = System.nanoTime();
        SippPeer second = callee(test, "callee.xml", "127.0.0.30", 5108);
        SippPeer caller = caller(test, "caller.xml", 5196, "4555000111");
        run(caller, second);
        assertEquals(failovers, node.calls().failovers(), "the down gateway was tried");
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(4).toNanos(), "the call waited for the down gateway");
    }

    @Test
    void redirectFromATrunkThatFollowsRedirectsIsFollowed() throws Exception {
        String test = "redirect-followed";
        SippPeer first = erroringCallee(test, "127.0.0.30", 5130, 302, "Moved Temporarily", "<sip:127.0.0.30:5131>");
        SippPeer target = callee(test, "callee.xml", "127.0.0.30", 5131);
        SippPeer caller = caller(test, "caller.xml", 5197, "6555000111");
        run(caller, first, target);
        assertFalse(received(caller, "SIP/2.0 302"), "the 302 reached the caller");
    }

    @Test
    void redirectFromATrunkThatDoesNotFollowIsReturnedWithTheSbcAsHost() throws Exception {
        String test = "redirect-returned";
        SippPeer first = erroringCallee(test, "127.0.0.30", 5100, 302, "Moved Temporarily",
                "<sip:+15559998888@127.0.0.30:5131>");
        SippPeer caller = caller(test, "caller-error.xml", 5198, "5555000111");
        run(caller, first);
        String redirect = caller.received().stream().filter(m -> m.startsWith("SIP/2.0 302")).findFirst().orElse("");
        assertTrue(redirect.contains("Contact: <sip:+15559998888@127.0.0.20:5072>"), redirect);
        assertFalse(redirect.contains("127.0.0.30"), redirect);
    }

    @Test
    void a200CrossingTheCancelIsAckedAndEndedWithBye() throws Exception {
        String test = "cancel-crossing-200";
        SippPeer callee = callee(test, "callee-crossing.xml", "127.0.0.30", 5100);
        SippPeer caller = caller(test, "caller-cancel.xml", 5199, "5551230003");
        run(caller, callee);
        assertTrue(received(caller, "SIP/2.0 487"), "the caller must get 487 for its cancelled INVITE");
        assertTrue(caller.received().stream().noneMatch(m -> m.startsWith("SIP/2.0 200") && m.contains("CSeq: 1 INVITE")),
                "the crossing 200 reached the caller");
        assertTrue(received(callee, "ACK ") && received(callee, "BYE "), "the callee's 200 was not ACKed and BYEd");
    }

    @Test
    void transportErrorToTheFirstGatewayMovesToTheSecondAtOnce() throws Exception {
        String test = "failover-transport-error";
        long failovers = node.calls().failovers();
        long t0 = System.nanoTime();
        SippPeer second = callee(test, "callee.xml", "127.0.0.30", 5151);
        SippPeer caller = caller(test, "caller.xml", 5189, "0555000111");
        run(caller, second);
        assertTrue(node.calls().failovers() > failovers, "no failover counted");
        assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(4).toNanos(),
                "the refused TCP connection should not wait for the silent-gateway timer");
    }
}
