package io.sbc.signaling.it;

import io.sbc.signaling.b2bua.TrunkDigestChallenges;
import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.dns.Dnsmasq;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway named by host name is located per RFC 3263 (SRV, then A) through a real DNS server
 * (dnsmasq on loopback) without blocking the event loop, and the call reaches the SIPp callee there;
 * likewise a host name in the Contact of a 302 from a trunk that follows redirects, and a pager-mode
 * MESSAGE routed to a trunk whose gateway is a host name.
 */
class DnsGatewayIT {

    @Test
    void gatewayHostNameIsResolvedBySrvAndTheCallIsAnswered() throws Exception {
        OptionsSippIT.assumeSipp();
        Dnsmasq.assumeInstalled();
        String test = "dns-gateway";
        try (Dnsmasq dns = Dnsmasq.start("127.0.0.59", Path.of("target", "it-logs", "DnsGatewayIT"), 60, List.of(
                "--srv-host=_sip._udp.carrier.test,gw.carrier.test,5090,10,10",
                "--host-record=gw.carrier.test,127.0.0.98"));
                SignalingNode node = SignalingNode.start(ItPolicies.load("auth/dns-policy.yaml"),
                        new TrunkDigestChallenges(), dns.address)) {
            SippPeer callee = SippPeer.uas(test, "callee", ItPolicies.resource("calls/callee.xml"), "127.0.0.98", 5090,
                    2, Duration.ofSeconds(25)).start();
            SippPeer caller = SippPeer.uac(test, "caller", ItPolicies.resource("calls/caller.xml"), "127.0.0.85", 5190,
                    "127.0.0.96:5070", 2, Duration.ofSeconds(20)).arg("-s", "+15551234567", "-d", "300").start();
            try {
                assertEquals(0, caller.await(), caller::describe);
                assertEquals(0, callee.await(), callee::describe);
            } finally {
                caller.kill();
                callee.kill();
            }
            assertTrue(dns.queriesLogged("_sip._udp.carrier.test") >= 1, "SRV asked");
            assertEquals(1, dns.queriesLogged("_sip._udp.carrier.test"), "the second call is served from the cache");
        }
    }

    @Test
    void redirectToAHostNameIsResolvedAndFollowed() throws Exception {
        OptionsSippIT.assumeSipp();
        Dnsmasq.assumeInstalled();
        String test = "dns-redirect";
        try (Dnsmasq dns = Dnsmasq.start("127.0.0.59", Path.of("target", "it-logs", "DnsGatewayIT-redirect"), 60,
                List.of("--host-record=moved.carrier.test,127.0.0.98"));
                SignalingNode node = SignalingNode.start(ItPolicies.load("auth/dns-policy.yaml"),
                        new TrunkDigestChallenges(), dns.address)) {
            Path dir = ItPolicies.evidenceDir(test).toAbsolutePath();
            Files.createDirectories(dir);
            Path redirecting = dir.resolve("callee-302.xml");
            Files.writeString(redirecting, Files.readString(ItPolicies.resource("calls/callee-error.xml"))
                    .replace("CODE REASON", "302 Moved Temporarily")
                    .replace("Retry-After: 30", "Contact: <sip:+15557654321@moved.carrier.test:5093>"));
            SippPeer first = SippPeer.uas(test, "redirecting", redirecting, "127.0.0.98", 5092, 1,
                    Duration.ofSeconds(25)).start();
            SippPeer target = SippPeer.uas(test, "target", ItPolicies.resource("calls/callee.xml"), "127.0.0.98", 5093,
                    1, Duration.ofSeconds(25)).start();
            SippPeer caller = SippPeer.uac(test, "caller", ItPolicies.resource("calls/caller.xml"), "127.0.0.85", 5191,
                    "127.0.0.96:5070", 1, Duration.ofSeconds(20)).arg("-s", "6555000111", "-d", "200").start();
            try {
                assertEquals(0, caller.await(), caller::describe);
                assertEquals(0, first.await(), first::describe);
                assertEquals(0, target.await(), target::describe);
            } finally {
                caller.kill();
                first.kill();
                target.kill();
            }
            assertTrue(dns.queriesLogged("moved.carrier.test") >= 1, "the redirect target was not looked up");
            assertTrue(caller.received().stream().noneMatch(m -> m.startsWith("SIP/2.0 302")), "the 302 reached the caller");
        }
    }

    @Test
    void pagerMessageToAGatewayHostNameIsResolvedAndDelivered() throws Exception {
        OptionsSippIT.assumeSipp();
        Dnsmasq.assumeInstalled();
        String test = "dns-pager";
        try (Dnsmasq dns = Dnsmasq.start("127.0.0.59", Path.of("target", "it-logs", "DnsGatewayIT-pager"), 60, List.of(
                "--srv-host=_sip._udp.carrier.test,gw.carrier.test,5094,10,10",
                "--host-record=gw.carrier.test,127.0.0.98"));
                SignalingNode node = SignalingNode.start(ItPolicies.load("auth/dns-policy.yaml"),
                        new TrunkDigestChallenges(), dns.address)) {
            SippPeer receiver = SippPeer.uas(test, "receiver", ItPolicies.resource("calls/receiver-message.xml"),
                    "127.0.0.98", 5094, 1, Duration.ofSeconds(20)).start();
            SippPeer sender = SippPeer.uac(test, "sender", ItPolicies.resource("calls/sender-message.xml"), "127.0.0.85",
                    5192, "127.0.0.96:5070", 1, Duration.ofSeconds(15)).arg("-s", "+15551234567").start();
            try {
                assertEquals(0, sender.await(), sender::describe);
                assertEquals(0, receiver.await(), receiver::describe);
            } finally {
                sender.kill();
                receiver.kill();
            }
            assertTrue(dns.queriesLogged("_sip._udp.carrier.test") >= 1, "SRV asked");
            assertTrue(receiver.received().stream().anyMatch(m -> m.startsWith("MESSAGE ")), "MESSAGE not delivered");
        }
    }
}
