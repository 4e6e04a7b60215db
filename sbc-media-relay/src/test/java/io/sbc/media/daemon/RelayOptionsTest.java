package io.sbc.media.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.relay.EndpointLearning;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class RelayOptionsTest {

    private static RelayOptions ok(String... args) {
        RelayOptions.Parsed p = RelayOptions.parse(args);
        assertNull(p.error());
        return p.options();
    }

    @Test
    void defaultsAreLoopbackControlOnRtpenginesPortWithHybridIdle() {
        RelayOptions o = ok();
        assertEquals("127.0.0.1", o.controlHost());
        assertEquals(2223, o.controlPort());
        assertEquals(Map.of("127.0.0.1", "127.0.0.1"), o.interfaces());
        assertEquals(30000, o.portLow());
        assertEquals(39999, o.portHigh());
        assertEquals(1, o.workers());
        assertEquals("hybrid", o.idle());
        assertEquals(Duration.ofSeconds(60), o.mediaTimeout());
        assertEquals(EndpointLearning.DELAYED, o.learning());
    }

    @Test
    void defaultInterfaceIsNamedAsItsAddressAndNamedInterfacesFollowInOrder() {
        RelayOptions o = ok("--control", "127.0.0.20:2223", "--address", "127.0.0.20", "--interface", "pbx=127.0.0.21",
                "--interface", "carrier=::1", "--ports", "40000-40999", "--workers", "2", "--idle", "spin",
                "--media-timeout", "500ms", "--learning", "heuristic");
        assertEquals(List.of("127.0.0.20", "pbx", "carrier"), List.copyOf(o.interfaces().keySet()));
        assertEquals("::1", o.interfaces().get("carrier"));
        assertEquals(40000, o.portLow());
        assertEquals(40999, o.portHigh());
        assertEquals(2, o.workers());
        assertEquals("spin", o.idle());
        assertEquals(Duration.ofMillis(500), o.mediaTimeout());
        assertEquals(EndpointLearning.HEURISTIC, o.learning());
    }

    @Test
    void acceptsTheBlockIdleStrategy() {
        assertEquals("block", ok("--idle", "block").idle());
    }

    @Test
    void firstNamedInterfaceIsTheDefaultWithoutAddress() {
        assertEquals(List.of("pbx", "carrier"), List.copyOf(ok("--interface", "pbx=127.0.0.20", "--interface",
                "carrier=127.0.0.21").interfaces().keySet()));
    }

    @Test
    void acceptsBracketedIpv6Control() {
        RelayOptions o = ok("--control", "[::1]:0");
        assertEquals("::1", o.controlHost());
        assertEquals(0, o.controlPort());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--bogus|x|unknown option '--bogus'",
            "--control|localhost:2223|--control host must be an IP address, got 'localhost'",
            "--control|127.0.0.1|--control wants HOST:PORT, got '127.0.0.1'",
            "--control|127.0.0.1:70000|--control port must be 0..65535, got '70000'",
            "--address|relay.example|--address must be an IP address, got 'relay.example'",
            "--interface|pbx|--interface wants NAME=IP, got 'pbx'",
            "--interface|pbx=host|--interface pbx: not an IP address: 'host'",
            "--ports|30000|--ports wants LO-HI within 1024-65535 with room for two port pairs, got '30000'",
            "--ports|30000-30001|--ports wants LO-HI within 1024-65535 with room for two port pairs, got '30000-30001'",
            "--ports|80-90|--ports wants LO-HI within 1024-65535 with room for two port pairs, got '80-90'",
            "--workers|0|--workers must be 1..256, got '0'",
            "--workers|many|--workers must be 1..256, got 'many'",
            "--idle|sleep|--idle must be hybrid, spin, backoff or block, got 'sleep'",
            "--media-timeout|10ms|--media-timeout wants a duration between 100ms and 24h (e.g. 60s, 500ms, 2m), got '10ms'",
            "--media-timeout|soon|--media-timeout wants a duration between 100ms and 24h (e.g. 60s, 500ms, 2m), got 'soon'",
            "--learning|sometimes|--learning must be off, immediate, delayed or heuristic, got 'sometimes'",
            "--port-quarantine|301s|--port-quarantine wants a duration between 0s and 5m (e.g. 2s, 500ms, 0s), got '301s'",
            "--port-quarantine|-1s|--port-quarantine wants a duration between 0s and 5m (e.g. 2s, 500ms, 0s), got '-1s'",
    })
    void rejectsBadValuesWithOneClearLine(String option, String value, String error) {
        assertEquals(error, RelayOptions.parse(new String[] {option, value}).error());
    }

    @Test
    void rejectsMissingValueStrayArgumentAndDuplicateInterface() {
        assertEquals("--ports needs a value", RelayOptions.parse(new String[] {"--ports"}).error());
        assertEquals("unexpected argument 'now'", RelayOptions.parse(new String[] {"now"}).error());
        assertEquals("--interface a given twice",
                RelayOptions.parse(new String[] {"--interface", "a=127.0.0.1", "--interface", "a=127.0.0.2"}).error());
        assertEquals("--interface 127.0.0.1 clashes with the default interface name", RelayOptions.parse(
                new String[] {"--address", "127.0.0.1", "--interface", "127.0.0.1=127.0.0.2"}).error());
    }

    @Test
    void mainExitsTwoWithTheErrorAndUsageOnBadArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = RelayMain.run(new String[] {"--workers", "x"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("sbc relay: --workers must be 1..256, got 'x'\nusage: sbc relay "), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @org.junit.jupiter.api.Test
    void parsesCpuListsForWorkerPinningAndRefusesBadOnes() {
        RelayOptions.Parsed ok = RelayOptions.parse(new String[] {"--cpus", "0,2-3"});
        org.junit.jupiter.api.Assertions.assertTrue(ok.ok(), ok.error());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(0, 2, 3), ok.options().cpus());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), RelayOptions.parse(new String[0]).options().cpus());
        RelayOptions.Parsed bad = RelayOptions.parse(new String[] {"--cpus", "x"});
        org.junit.jupiter.api.Assertions.assertFalse(bad.ok());
        org.junit.jupiter.api.Assertions.assertTrue(bad.error().contains("--cpus"), bad.error());
    }

    @Test
    void connectPeersIsOffByDefaultOnWithOnAndRefusesOtherValues() {
        assertFalse(RelayOptions.parse(new String[0]).options().connectPeers());
        RelayOptions.Parsed on = RelayOptions.parse(new String[] {"--connect-peers", "on"});
        assertTrue(on.ok(), on.error());
        assertTrue(on.options().connectPeers());
        assertFalse(RelayOptions.parse(new String[] {"--connect-peers", "off"}).options().connectPeers());
        RelayOptions.Parsed bad = RelayOptions.parse(new String[] {"--connect-peers", "yes"});
        assertFalse(bad.ok());
        assertTrue(bad.error().contains("--connect-peers"), bad.error());
    }

    @Test
    void portQuarantineDefaultsToTwoSecondsAndTakesADuration() {
        assertEquals(java.time.Duration.ofSeconds(2), RelayOptions.parse(new String[0]).options().portQuarantine());
        assertEquals(java.time.Duration.ZERO,
                RelayOptions.parse(new String[] {"--port-quarantine", "0s"}).options().portQuarantine());
        assertEquals(java.time.Duration.ofMillis(750),
                RelayOptions.parse(new String[] {"--port-quarantine", "750ms"}).options().portQuarantine());
    }

    @Test
    void standaloneRelayHandsThePortQuarantineToItsPortAllocator() {
        RelayOptions o = RelayOptions.parse(new String[] {"--port-quarantine", "750ms", "--ports", "40000-40003"})
                .options();
        io.sbc.media.session.CallRegistry registry = new io.sbc.media.session.CallRegistry(
                StandaloneRelay.sessionConfig(o), io.sbc.media.session.StreamListener.NONE, () -> 0L, 0,
                new java.security.SecureRandom());
        assertEquals(java.time.Duration.ofMillis(750), registry.ports().quarantine());
        assertEquals(40000, registry.ports().lowPort());
    }
}
