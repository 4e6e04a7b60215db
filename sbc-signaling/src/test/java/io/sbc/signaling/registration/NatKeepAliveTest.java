package io.sbc.signaling.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.VirtualScheduler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NatKeepAliveTest {
    private final VirtualScheduler clock = new VirtualScheduler();
    private final Registrar registrar = new Registrar(RegistrarSettings.defaults(), clock::nowMillis);
    private final ScriptedRegistrar wire = new ScriptedRegistrar();
    private final NatKeepAlive keepAlive = new NatKeepAlive(registrar, wire, clock, Duration.ofSeconds(25), 2,
            "198.51.100.1", 5060, SipUri.parse("sip:sbc@198.51.100.1"));
    private final Destination nat = Destination.udp(new InetSocketAddress("203.0.113.7", 41234));

    private void register(String user, String contact, Destination flow) {
        String text = "REGISTER sip:sbc.example SIP/2.0\n"
                + "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK" + user + "\n"
                + "From: <sip:" + user + "@sbc.example>;tag=a\n"
                + "To: <sip:" + user + "@sbc.example>\n"
                + "Call-ID: c-" + user + "\n"
                + "CSeq: 1 REGISTER\n"
                + "Contact: <" + contact + ">\n"
                + "Expires: 3600\n"
                + "Content-Length: 0\n\n";
        byte[] b = text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        ParseResult r = new SipParser().parse(b, 0, b.length);
        assertEquals(200, registrar.register((SipRequest) r.message(), flow).statusCode());
    }

    @Test
    void pingsUdpContactsThroughTheirNatFlowEveryInterval() {
        register("1001", "sip:1001@10.0.0.5:5060", nat);
        register("1002", "sip:1002@10.0.0.6;transport=tcp",
                new Destination("TCP", new InetSocketAddress("203.0.113.8", 50000), 4));
        keepAlive.start();
        clock.advance(Duration.ofSeconds(24));
        assertTrue(wire.sent.isEmpty());
        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, wire.sent.size(), "only the UDP binding is pinged");
        ScriptedRegistrar.Sent ping = wire.last();
        assertEquals("OPTIONS", ping.request().method());
        assertEquals("sip:1001@10.0.0.5:5060", ping.request().requestUri().toString());
        assertEquals(nat, ping.destination(), "sent to where the REGISTER came from, not to the private contact");
        clock.advance(Duration.ofSeconds(25));
        assertEquals(2, wire.sent.size());
    }

    @Test
    void removesBindingAfterConsecutiveMissedPingsButNotAfterAnAnswer() {
        register("1001", "sip:1001@10.0.0.5:5060", nat);
        keepAlive.pingAll();
        wire.fail("timeout");
        keepAlive.pingAll();
        wire.answer(405, "Method Not Allowed");
        keepAlive.pingAll();
        wire.fail("timeout");
        assertEquals(1, registrar.bindingCount(), "an answer in between resets the count");
        keepAlive.pingAll();
        wire.fail("timeout");
        assertEquals(0, registrar.bindingCount());
        assertEquals(1, keepAlive.bindingsRemoved());
    }
}
