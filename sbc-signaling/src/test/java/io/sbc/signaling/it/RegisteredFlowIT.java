package io.sbc.signaling.it;

import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.registration.Binding;
import io.sbc.signaling.registration.Registrar;
import io.sbc.signaling.transaction.Destination;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A phone registers with the SBC over TCP; when its connection closes, the transport's close hook
 * removes the binding (RFC 5626 §5.3: the contact was reachable only through that flow), so a
 * carrier call to the AOR no longer tries the dead flow: it goes to the trunk's gateways (here
 * nobody, so the caller gets a failure).
 */
class RegisteredFlowIT {
    private static SignalingNode node;

    @BeforeAll
    static void start() throws Exception {
        OptionsSippIT.assumeSipp();
        node = SignalingNode.start(ItPolicies.load("auth/flow-policy.yaml"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void bindingsOfAClosedTcpConnectionAreRemovedAndCallsDoNotTryTheDeadFlow() throws Exception {
        Registrar registrar = node.registrar("phones");
        try (Socket phone = new Socket()) {
            phone.bind(new InetSocketAddress("127.0.0.98", 0));
            phone.connect(new InetSocketAddress("127.0.0.97", 5072), 3000);
            phone.setSoTimeout(5000);
            int port = phone.getLocalPort();
            String register = "REGISTER sip:127.0.0.97:5072;transport=tcp SIP/2.0\r\n"
                    + "Via: SIP/2.0/TCP 127.0.0.98:" + port + ";branch=z9hG4bK-flow-close-1;rport\r\n"
                    + "Max-Forwards: 70\r\n"
                    + "From: <sip:1001@127.0.0.97>;tag=flow1\r\n"
                    + "To: <sip:1001@127.0.0.97>\r\n"
                    + "Call-ID: flow-close-1@127.0.0.98\r\n"
                    + "CSeq: 1 REGISTER\r\n"
                    + "Contact: <sip:1001@127.0.0.98:" + port + ";transport=tcp>\r\n"
                    + "Expires: 600\r\n"
                    + "Content-Length: 0\r\n\r\n";
            phone.getOutputStream().write(register.getBytes(StandardCharsets.US_ASCII));
            String answer = readResponse(phone.getInputStream());
            assertTrue(answer.startsWith("SIP/2.0 200"), answer);
            List<Binding> bound = registrar.contactsFor("sip:1001@127.0.0.97");
            assertEquals(1, bound.size(), "bound: " + registrar.allBindings());
            assertNotEquals(Destination.NO_CONNECTION, bound.get(0).flow().connectionId(), "binding without its connection");
        }
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (registrar.bindingCount() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, registrar.bindingCount(), "binding of the closed connection kept: " + registrar.allBindings());

        String test = "registered-flow-closed";
        SippPeer carrier = SippPeer.uac(test, "carrier", BasicCallIT.scenario("caller-error.xml"), "127.0.0.96", 5214,
                "127.0.0.96:5072", 1, Duration.ofSeconds(20)).arg("-s", "1001");
        try {
            carrier.start();
            assertEquals(0, carrier.await(), carrier::describe);
        } finally {
            carrier.kill();
        }
        assertTrue(carrier.received().stream().anyMatch(m -> m.startsWith("SIP/2.0 503")), "the call did not fail over");
        ActiveCalls.awaitNone(node);
    }

    private static String readResponse(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            String s = out.toString(StandardCharsets.US_ASCII);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
