package io.sbc.signaling.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.signaling.message.SipUri;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** RFC 3263 resolution against a real DNS server (dnsmasq) on loopback. */
class DnsResolverIT {
    private static Dnsmasq dns;
    private static Dnsmasq bigDns;
    private final AtomicLong clock = new AtomicLong(1_000_000);

    @BeforeAll
    static void startDns() throws Exception {
        Dnsmasq.assumeInstalled();
        dns = Dnsmasq.start("127.0.0.57", Path.of("target", "it-logs", "DnsResolverIT"), 60, List.of(
                "--srv-host=_sip._udp.carrier.test,gw1.carrier.test,5060,10,60",
                "--srv-host=_sip._udp.carrier.test,gw2.carrier.test,5062,10,40",
                "--srv-host=_sip._udp.carrier.test,gw3.carrier.test,5064,20,0",
                "--host-record=gw1.carrier.test,127.0.0.30",
                "--host-record=gw2.carrier.test,127.0.0.31",
                "--host-record=gw3.carrier.test,127.0.0.32,fd00::32",
                "--host-record=plain.test,127.0.0.40,fd00::40",
                "--srv-host=_sip._tcp.tcponly.test,t1.tcponly.test,5070,1,1",
                "--host-record=t1.tcponly.test,127.0.0.41",
                "--srv-host=_sips._tcp.secure.test,tls1.secure.test,5061,1,1",
                "--host-record=tls1.secure.test,127.0.0.50",
                "--host-record=short.test,127.0.0.60,fd00::60"));
        // 60 SRV records with long targets: over 1232 bytes, so the UDP answer is truncated (TC).
        List<String> big = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++) {
            big.add("--srv-host=_sip._udp.big.test,gateway-with-a-rather-long-name-" + i + ".big.test,5060,1,1");
        }
        big.add("--host-record=gateway-with-a-rather-long-name-7.big.test,127.0.0.77");
        bigDns = Dnsmasq.start("127.0.0.58", Path.of("target", "it-logs", "DnsResolverIT-big"), 60, big);
    }

    @AfterAll
    static void stopDns() throws Exception {
        if (dns != null) {
            dns.close();
        }
        if (bigDns != null) {
            bigDns.close();
        }
    }

    private Rfc3263Resolver resolver(long seed) {
        return new Rfc3263Resolver(new DnsClient(dns.address, Duration.ofSeconds(1), 2), 128, clock::get,
                new SplittableRandom(seed), 2);
    }

    private static List<SipTarget> get(Rfc3263Resolver r, String uri) throws Exception {
        return r.resolve(SipUri.parse(uri)).get(10, TimeUnit.SECONDS);
    }

    @Test
    void ordersSrvTargetsByPriorityAndWeight() throws Exception {
        int gw1First = 0;
        int runs = 200;
        for (long seed = 0; seed < runs; seed++) {
            try (Rfc3263Resolver r = resolver(seed)) {
                List<SipTarget> t = get(r, "sip:carrier.test");
                assertEquals(4, t.size(), t.toString()); // gw1, gw2, gw3 (A) and gw3 (AAAA)
                assertEquals("UDP", t.get(0).transport());
                assertEquals("gw3.carrier.test", t.get(2).host(), "priority 20 after both priority 10");
                assertEquals(new InetSocketAddress("127.0.0.32", 5064), t.get(2).address());
                assertEquals(new InetSocketAddress("fd00::32", 5064), t.get(3).address());
                if (t.get(0).host().equals("gw1.carrier.test")) {
                    assertEquals(new InetSocketAddress("127.0.0.30", 5060), t.get(0).address());
                    gw1First++;
                } else {
                    assertEquals(new InetSocketAddress("127.0.0.31", 5062), t.get(0).address());
                }
            }
        }
        assertTrue(gw1First > 95 && gw1First < 145, "weight 60:40, gw1 first in " + gw1First + " of " + runs);
    }

    @Test
    void fallsBackToAandAaaaOnDefaultPortWithoutSrv() throws Exception {
        try (Rfc3263Resolver r = resolver(1)) {
            List<SipTarget> t = get(r, "sip:plain.test");
            assertEquals(List.of(new InetSocketAddress("127.0.0.40", 5060), new InetSocketAddress("fd00::40", 5060)),
                    t.stream().map(SipTarget::address).toList());
            assertEquals("UDP", t.get(0).transport());
        }
    }

    @Test
    void explicitPortSkipsSrv() throws Exception {
        try (Rfc3263Resolver r = resolver(1)) {
            List<SipTarget> t = get(r, "sip:carrier.test:5080");
            assertTrue(t.isEmpty(), "carrier.test has no A record; SRV must not be used with a port: " + t);
            assertEquals(new InetSocketAddress("127.0.0.40", 5999), get(r, "sip:plain.test:5999").get(0).address());
        }
    }

    @Test
    void picksTheTransportThatHasSrvRecords() throws Exception {
        try (Rfc3263Resolver r = resolver(1)) {
            List<SipTarget> tcp = get(r, "sip:tcponly.test");
            assertEquals("TCP", tcp.get(0).transport());
            assertEquals(new InetSocketAddress("127.0.0.41", 5070), tcp.get(0).address());
            List<SipTarget> tls = get(r, "sips:secure.test");
            assertEquals("TLS", tls.get(0).transport());
            assertEquals(new InetSocketAddress("127.0.0.50", 5061), tls.get(0).address());
        }
    }

    @Test
    void readsTruncatedSrvSetAgainOverTcp() throws Exception {
        DnsClient client = new DnsClient(bigDns.address, Duration.ofSeconds(2), 1);
        DnsAnswer a = client.query("_sip._udp.big.test", DnsWire.TYPE_SRV);
        assertEquals(60, a.records().size(), "all 60 SRV records, which only fit a TCP answer");
        try (Rfc3263Resolver r = new Rfc3263Resolver(client, 128, clock::get, new SplittableRandom(3), 1)) {
            List<SipTarget> t = get(r, "sip:big.test");
            assertEquals(List.of(new InetSocketAddress("127.0.0.77", 5060)), t.stream().map(SipTarget::address).toList());
        }
    }

    @Test
    void nxdomainGivesNoTargets() throws Exception {
        try (Rfc3263Resolver r = resolver(1)) {
            assertTrue(get(r, "sip:missing.test").isEmpty());
            assertTrue(get(r, "sip:alice@missing.test;transport=tcp").isEmpty());
        }
    }

    @Test
    void usesTheCacheWithinTtlAndQueriesAgainAfterIt() throws Exception {
        try (Rfc3263Resolver r = resolver(1)) {
            List<SipTarget> first = get(r, "sip:short.test:5060");
            assertEquals(new InetSocketAddress("127.0.0.60", 5060), first.get(0).address());
            assertEquals(60, first.get(0).ttlSeconds(), "dnsmasq --local-ttl=60");
            long sent = r.queriesSent();
            int logged = dns.queriesLogged("short.test");
            clock.addAndGet(59_000);
            get(r, "sip:short.test:5060");
            assertEquals(sent, r.queriesSent(), "inside the TTL: answered from the cache");
            clock.addAndGet(1_000);
            get(r, "sip:short.test:5060");
            assertEquals(sent + 2, r.queriesSent(), "TTL over: A and AAAA asked again");
            // dnsmasq logs asynchronously; give it a moment to write the line.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (dns.queriesLogged("short.test") < logged + 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(logged + 2, dns.queriesLogged("short.test"), "the server saw the re-query");
        }
    }

    @Test
    void serverThatDoesNotAnswerGivesNoTargetsWithinTheTimeout() throws Exception {
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(new InetSocketAddress("127.0.0.57", 0));
                Rfc3263Resolver r = new Rfc3263Resolver(new DnsClient(
                        new InetSocketAddress("127.0.0.57", silent.getLocalPort()), Duration.ofMillis(200), 2),
                        16, clock::get, new SplittableRandom(1), 1)) {
            long start = System.nanoTime();
            assertTrue(get(r, "sip:plain.test:5060").isEmpty());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(3));
        }
    }
}
