package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.mediactl.NgClient;
import io.sbc.signaling.mediactl.NgReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Anchored calls in both directions through the embedded relay, with RTP from the caller (SIPp
 * {@code rtp_stream}) echoed by the callee ({@code -rtp_echo}); the relay's ng {@code statistics}
 * must show the packets relayed. Then every message each SIPp received ({@code -trace_msg}) is
 * parsed and checked for anything of the other side: its IP address, SIP port, Call-ID, tags,
 * branches, Contact, User-Agent/Server string, and its SDP c=/o= address.
 */
class TopologyHidingCallIT {
    private static SignalingNode node;
    private static NgClient ng;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("calls/anchor-policy.yaml"));
        ng = NgClient.open(node.mediaControl());
    }

    @AfterAll
    static void stop() {
        if (ng != null) {
            ng.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void pbxToCarrierCallShowsNothingOfEitherSideToTheOtherAndRelaysRtp() throws Exception {
        call("hiding-pbx-to-carrier", "127.0.0.30", 5092, "127.0.0.10", 5182, "127.0.0.20:5071");
    }

    @Test
    void carrierToPbxCallShowsNothingOfEitherSideToTheOtherAndRelaysRtp() throws Exception {
        call("hiding-carrier-to-pbx", "127.0.0.10", 5093, "127.0.0.30", 5183, "127.0.0.21:5071");
    }

    private void call(String test, String calleeIp, int calleePort, String callerIp, int callerPort, String sbc)
            throws Exception {
        long relayedBefore = relayedPackets();
        SippPeer callee = SippPeer.uas(test, "callee", BasicCallIT.scenario("callee.xml"), calleeIp, calleePort, 1,
                Duration.ofSeconds(30)).arg("-rtp_echo").start();
        SippPeer caller = SippPeer.uac(test, "caller", BasicCallIT.scenario("caller-rtp.xml"), callerIp, callerPort,
                sbc, 1, Duration.ofSeconds(25)).arg("-s", "+15551234567", "-d", "2500");
        Path dir = ItPolicies.evidenceDir(test).resolve("caller").toAbsolutePath();
        Files.createDirectories(dir);
        byte[] tone = new byte[8000 * 2];
        Arrays.fill(tone, (byte) 0xFF); // PCMU silence, 2 s at 8 kHz
        Files.write(dir.resolve("tone.ulaw"), tone);
        caller.start();
        try {
            assertEquals(0, caller.await(), caller::describe);
            assertEquals(0, callee.await(), callee::describe);
        } finally {
            caller.kill();
            callee.kill();
        }
        ActiveCalls.awaitNone(node);
        long relayed = relayedPackets() - relayedBefore;
        assertTrue(relayed >= 50, "the relay relayed only " + relayed + " RTP packets");

        assertHidden(caller, callee, callerIp, callerPort, "CallerBrand");
        assertHidden(callee, caller, calleeIp, calleePort, "CalleeBrand");
    }

    /** Nothing {@code origin} sent that identifies it reaches {@code receiver}. */
    private static void assertHidden(SippPeer origin, SippPeer receiver, String originIp, int originPort, String brand)
            throws Exception {
        List<String> secrets = new ArrayList<>(List.of(originIp, ":" + originPort, brand));
        for (String m : origin.sent()) {
            addIfPresent(secrets, TraceLog.header(m, "Call-ID"));
            addIfPresent(secrets, TraceLog.param(TraceLog.header(m, "Via"), "branch"));
            addIfPresent(secrets, TraceLog.header(m, "Contact"));
            String fromTag = TraceLog.param(TraceLog.header(m, "From"), "tag");
            String toTag = TraceLog.param(TraceLog.header(m, "To"), "tag");
            // The origin's own tag: From tag in its requests, To tag in its responses.
            addIfPresent(secrets, m.startsWith("SIP/2.0") ? toTag : fromTag);
            for (String line : m.split("\r?\n")) {
                if (line.startsWith("c=") || line.startsWith("o=")) {
                    secrets.add(line.substring(line.lastIndexOf(' ') + 1)); // the SDP address
                }
            }
        }
        List<String> received = receiver.received();
        assertFalse(received.isEmpty(), "the receiver got no messages");
        for (String m : received) {
            for (String s : secrets) {
                assertFalse(m.contains(s), "'" + s + "' of the other side leaked into:\n" + m);
            }
            assertTrue(TraceLog.header(m, "User-Agent") == null && TraceLog.header(m, "Server") == null,
                    "a User-Agent/Server header crossed: \n" + m);
        }
    }

    private static void addIfPresent(List<String> list, String value) {
        if (value != null && !value.isBlank()) {
            list.add(value);
        }
    }

    @SuppressWarnings("unchecked")
    private static long relayedPackets() throws Exception {
        NgReply r = ng.send(Map.of("command", "statistics")).get(5, TimeUnit.SECONDS);
        assertTrue(r.ok(), r.dict().toString());
        Map<String, Object> stats = (Map<String, Object>) r.dict().get("statistics");
        Map<String, Object> total = (Map<String, Object>) stats.get("totalstatistics");
        return ((Number) total.get("relayedpackets")).longValue();
    }
}
