package io.sbc.signaling.it;

import io.sbc.signaling.b2bua.TrunkDigestChallenges;
import io.sbc.signaling.core.SignalingNode;
import io.sbc.signaling.dns.Dnsmasq;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway named by host name is located per RFC 3263 (SRV, then A) through a real DNS server
 * (dnsmasq on loopback) without blocking the event loop, and the call reaches the SIPp callee there.
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
}
