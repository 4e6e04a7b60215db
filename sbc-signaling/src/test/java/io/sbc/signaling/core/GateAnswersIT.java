package io.sbc.signaling.core;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.signaling.gate.DropReason;

import io.sbc.signaling.gate.Gate;
import io.sbc.signaling.gate.OverloadDetector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gate's answers on the wire: a trusted peer over its budget gets 503 with Retry-After and is
 * never banned; while an event loop lags, a new INVITE gets 503 with Retry-After but a request
 * inside a dialog (To tag) is still processed.
 */
class GateAnswersIT {
    private static final InetSocketAddress SBC = new InetSocketAddress("127.0.0.121", 5062);
    private static SignalingNode node;
    private static Gate gate;
    private static OverloadDetector overload;

    @BeforeAll
    static void start() throws Exception {
        Path p = Path.of(GateAnswersIT.class.getResource("gate-trusted-policy.yaml").toURI());
        LoadResult r = PolicyLoader.withSystemEnvironment().load(p);
        if (!r.ok()) {
            throw new IllegalStateException(r.problems().toString());
        }
        PolicySnapshot policy = r.snapshot();
        node = SignalingNode.start(policy);
        gate = node.gate(); // the node's own gate and overload detector, as in production
        overload = node.overload();
    }

    @AfterAll
    static void stop() {
        if (overload != null) {
            overload.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void trustedPeerOverItsBudgetGets503WithRetryAfterAndIsNeverBanned() throws Exception {
        List<String> answers = new ArrayList<>();
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", 0))) {
            s.setSoTimeout(1000);
            for (int i = 0; i < 150; i++) {
                byte[] m = request("OPTIONS", "trusted-" + i, "127.0.0.10", null).getBytes(StandardCharsets.US_ASCII);
                s.send(new DatagramPacket(m, m.length, SBC));
            }
            answers.addAll(receiveAll(s, 150));
        }
        long ok = answers.stream().filter(a -> a.startsWith("SIP/2.0 200")).count();
        List<String> busy = answers.stream().filter(a -> a.startsWith("SIP/2.0 503")).toList();
        assertTrue(ok >= 50, "the trusted budget (burst 50) is served: " + ok);
        assertFalse(busy.isEmpty(), "past its budget the peer gets 503; answers " + answers.size());
        assertTrue(busy.get(0).contains("\r\nRetry-After: 5\r\n"), busy.get(0));
        assertFalse(gate.isBanned("127.0.0.10"), "a trusted peer is never banned");
        assertTrue(gate.dropped(gate.realmIndex("pbx"), DropReason.OVER_BUDGET_TRUSTED) > 0);
    }

    @Test
    void underOverloadNewInviteGets503ButInDialogRequestsAreServed() throws Exception {
        io.netty.channel.EventLoop loop = node.eventLoops().get(0);
        // A backlog that lasts (not one pause): every tick runs behind for 3 s.
        io.sbc.signaling.gate.SustainedBacklog.start(loop, 3_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        while (!overload.refuseNewWork() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(overload.refuseNewWork(), "the stall was detected");
        loop.submit(() -> { }).get(10, TimeUnit.SECONDS); // overload holds while behind and 1 s after
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.11", 0))) {
            s.setSoTimeout(1000);
            byte[] invite = request("INVITE", "overload-new", "127.0.0.11", null).getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(invite, invite.length, SBC));
            String first = receiveAll(s, 1).get(0);
            assertTrue(first.startsWith("SIP/2.0 503") && first.contains("\r\nRetry-After: 5\r\n"), first);
            byte[] bye = request("BYE", "overload-dialog", "127.0.0.11", "remote-tag").getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(bye, bye.length, SBC));
            String second = receiveAll(s, 1).get(0);
            assertFalse(second.startsWith("SIP/2.0 503"), "an in-dialog BYE is processed: " + second);
        }
        assertTrue(node.counters().drops(SignalingCounters.Drop.OVERLOAD) >= 1, node.counters()::toString);
    }

    private static List<String> receiveAll(DatagramSocket s, int max) throws java.io.IOException {
        List<String> out = new ArrayList<>();
        byte[] in = new byte[8192];
        while (out.size() < max) {
            DatagramPacket p = new DatagramPacket(in, in.length);
            try {
                s.receive(p);
            } catch (SocketTimeoutException e) {
                break;
            }
            String r = new String(in, 0, p.getLength(), StandardCharsets.US_ASCII);
            if (!r.startsWith("SIP/2.0 1")) {
                out.add(r);
            }
        }
        return out;
    }

    private static String request(String method, String callId, String from, String toTag) {
        return method + " sip:100@" + SBC.getHostString() + ":" + SBC.getPort() + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + from + ":5099;branch=z9hG4bK-" + callId + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:probe@" + from + ">;tag=" + callId + "\r\n"
                + "To: <sip:100@" + SBC.getHostString() + ">" + (toTag == null ? "" : ";tag=" + toTag) + "\r\n"
                + "Call-ID: " + callId + "@" + from + "\r\n"
                + "CSeq: 1 " + method + "\r\n"
                + "Contact: <sip:probe@" + from + ":5099>\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
