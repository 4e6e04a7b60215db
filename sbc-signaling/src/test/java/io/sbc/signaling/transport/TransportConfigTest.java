package io.sbc.signaling.transport;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransportConfigTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        TransportConfig c = TransportConfig.defaults();
        assertEquals(65_536, c.maxMessageBytes());
        assertEquals(Duration.ofSeconds(300), c.idleTimeout());
        assertEquals(1, c.ioThreads());
        assertEquals(1, c.udpSocketsPerPoint());
        assertTrue(c.preferEpoll());
        assertEquals(10_000, c.maxConnections());
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheField() {
        TransportConfig c = TransportConfig.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.withMaxMessageBytes(100)).getMessage()
                .contains("maxMessageBytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.withIdleTimeout(Duration.ZERO)).getMessage()
                .contains("idleTimeout"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.withIoThreads(1, 2)).getMessage()
                .contains("udpSocketsPerPoint"));
        assertThrows(IllegalArgumentException.class, () -> c.withMaxConnections(0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.withEdgePriority(99)).getMessage()
                .contains("edgePriority"));
        assertThrows(IllegalArgumentException.class, () -> c.withEdgePriority(-1));
        assertEquals(98, c.withEdgePriority(98).edgePriority());
    }

    @Test
    void theEdgeDefaultsToRealTimePriorityOneOnlyWithTwoCpusOrMore() {
        assertEquals(0, TransportConfig.defaultEdgePriority(1));
        assertEquals(1, TransportConfig.defaultEdgePriority(2));
        assertEquals(TransportConfig.defaultEdgePriority(Runtime.getRuntime().availableProcessors()),
                TransportConfig.defaults().edgePriority());
    }

    @Test
    void tlsTransportsNeedTlsSettingsAndOthersRefuseThem() {
        InetSocketAddress a = new InetSocketAddress("127.0.0.1", 5061);
        TlsSettings tls = TlsSettings.of(Path.of("c.pem"), Path.of("k.pem"));
        assertThrows(IllegalArgumentException.class, () -> ListenPoint.of(Transport.TLS, a, "carrier"));
        assertThrows(IllegalArgumentException.class, () -> ListenPoint.of(Transport.WSS, a, "carrier"));
        assertThrows(IllegalArgumentException.class, () -> new ListenPoint(Transport.TCP, a, "carrier", tls));
        assertThrows(IllegalArgumentException.class, () -> ListenPoint.of(Transport.UDP, a, ""));
        assertThrows(IllegalArgumentException.class,
                () -> ListenPoint.of(Transport.UDP, InetSocketAddress.createUnresolved("sbc.example", 5060), "pbx"));
        assertEquals("tls://127.0.0.1:5061 (realm carrier)", new ListenPoint(Transport.TLS, a, "carrier", tls).toString());
        assertEquals("udp://[::1]:5060 (realm pbx)",
                ListenPoint.of(Transport.UDP, new InetSocketAddress("::1", 5060), "pbx").toString());
    }

    @Test
    void formatsIpv6InCanonicalTextForm() throws Exception {
        for (String[] c : new String[][] {{"::1", "::1"}, {"2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"},
                {"2001:0db8:0000:0000:0000:0000:0002:0001", "2001:db8::2:1"}, {"::", "::"},
                {"fe80:0:0:0:0:0:0:0", "fe80::"}, {"2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"}}) {
            assertEquals(c[1], TransportAddresses.canonical(java.net.InetAddress.getByName(c[0]).getAddress()), c[0]);
        }
    }

    @Test
    void parsesPolicyListenEntries() {
        TlsSettings tls = TlsSettings.of(Path.of("c.pem"), Path.of("k.pem"));
        ListenPoint udp = ListenPoint.parse("udp://127.0.0.20:5060", "pbx", null);
        assertEquals(Transport.UDP, udp.transport());
        assertEquals(new InetSocketAddress("127.0.0.20", 5060), udp.address());
        assertEquals("pbx", udp.realm());
        assertEquals(new InetSocketAddress("::1", 5061), ListenPoint.parse("tls://[::1]", "carrier", tls).address());
        assertEquals(tls, ListenPoint.parse("wss://0.0.0.0:8443", "webrtc", tls).tls());
        assertEquals(null, ListenPoint.parse("tcp://127.0.0.1:0", "pbx", tls).tls());
        for (String bad : new String[] {"127.0.0.1:5060", "sctp://127.0.0.1:5060", "udp://sbc.example:5060",
                "udp://127.0.0.1:65536", "udp://127.0.0.1:", "udp://[::1", "udp://[127.0.0.1]:5060", "udp://1.2.3:5060",
                "udp://127.0.0.1:-1", "tls://127.0.0.1:5061"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ListenPoint.parse(bad, "pbx", null), bad);
            assertTrue(e.getMessage().contains(bad.startsWith("tls") ? "TLS settings" : bad), e.getMessage());
        }
    }

    @Test
    void mutualTlsNeedsACaFile() {
        assertThrows(IllegalArgumentException.class,
                () -> new TlsSettings(Path.of("c.pem"), Path.of("k.pem"), ClientAuthMode.REQUIRED, null));
    }
}
