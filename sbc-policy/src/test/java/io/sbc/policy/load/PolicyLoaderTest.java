package io.sbc.policy.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.Defaults;
import io.sbc.policy.model.MediaMode;
import io.sbc.policy.model.Realm;
import io.sbc.policy.model.RouteAction;
import io.sbc.policy.model.SrtpMode;
import io.sbc.policy.model.Transport;
import io.sbc.policy.model.Trunk;
import io.sbc.policy.testing.Policies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    private static List<String> problems(String yaml) {
        LoadResult r = Policies.load(yaml);
        assertFalse(r.ok(), "expected problems");
        return r.problems().stream().map(Problem::toString).toList();
    }

    private static void assertProblem(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected) || p.contains(expected)),
                "no problem like '" + expected + "' in:\n" + String.join("\n", problems));
    }

    @Test
    void loadsTheShippedExampleIntoTheDesignModel() {
        LoadResult r = Policies.loader(Map.of()).load(Policies.OPS_POLICY.resolve("example.yaml"));
        assertTrue(r.ok(), () -> r.problems().toString());
        PolicySnapshot s = r.snapshot();
        assertEquals("sbc-1", s.policy().node().name());
        assertEquals(8080, s.policy().node().admin().port());
        assertEquals("var/cdr", s.policy().node().cdrDirectory());
        Realm pbx = s.realm("pbx");
        assertEquals(2, pbx.listen().size());
        assertEquals(Transport.TCP, pbx.listen().get(1).transport());
        assertEquals(50, pbx.limits().ratePerSecond());
        assertEquals(Duration.ofSeconds(300), pbx.limits().ban());
        assertEquals("127.0.0.10/32", pbx.allow().get(0).text());
        Realm carrier = s.realm("carrier");
        assertEquals(5061, carrier.listen().get(1).port());
        assertTrue(carrier.allow().isEmpty());
        Trunk a = s.trunk("carrier-a");
        assertEquals("lab-secret", a.auth().password().reveal(), "fallback used when the env var is unset");
        assertEquals(600, a.register().expiresSeconds());
        assertEquals(20, a.limits().cps());
        assertEquals(MediaMode.ANCHOR, a.media().mode());
        assertEquals(SrtpMode.OFF, a.media().srtp());
        assertEquals(List.of("PCMU", "PCMA", "telephone-event"), a.media().codecs());
        assertEquals(new RouteAction.ToTrunk("carrier-a", List.of()), s.policy().routes().get(0).action());
        assertEquals(List.of("User-Agent", "Server", "X-*"), s.policy().headerRules().get(0).remove());
    }

    @Test
    void usesTheEnvironmentValueOverTheFallback() {
        LoadResult r = Policies.loader(Map.of("CARRIER_A_SECRET", "from-env")).load(Policies.OPS_POLICY.resolve("example.yaml"));
        assertEquals("from-env", r.snapshot().trunk("carrier-a").auth().password().reveal());
    }

    @Test
    void fillsEveryDefaultWhenSectionsAreOmitted() {
        PolicySnapshot s = Policies.snapshot("version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n");
        assertEquals(Defaults.NODE, s.policy().node());
        assertEquals(Defaults.MEDIA, s.policy().media());
        Realm a = s.realm("a");
        assertEquals(5060, a.listen().get(0).port());
        assertEquals("127.0.0.1", a.mediaAddress());
        assertEquals(Defaults.REALM_LIMITS, a.limits());
        assertEquals(Defaults.TIMERS, a.timers());
        assertEquals(Defaults.GLOBAL_LIMITS, s.policy().limits());
        assertEquals(Defaults.SECURITY, s.policy().security());
    }

    @Test
    void reportsUnknownKeyWithClosestValidKeyAndPosition() {
        List<String> p = problems("version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n    limts: {rate: 5}\n");
        assertProblem(p, "test.yaml:5:5: realms.a: unknown key 'limts'; did you mean 'limits'?");
    }

    @Test
    void rejectsReplacementTemplatesNamingGroupsTheRegexLacks() {
        String yaml = Policies.BASE + "header-rules:\n"
                + "  - {name: a, replace: [{header: Diversion, regex: \"sip:0([0-9]+)@\", with: \"sip:+44$2@\"}]}\n"
                + "  - {name: b, replace: [{header: Diversion, regex: \"(?P<n>[0-9]+)\", with: \"${m}\"}]}\n"
                + "  - {name: c, replace: [{header: Diversion, regex: \"x\", with: \"${open\"}]}\n"
                + "  - {name: d, replace: [{header: Diversion, regex: \"(?P<n>[0-9]+)\", with: \"$1 ${n} \\\\$9 $\"}]}\n";
        List<String> p = problems(yaml);
        assertProblem(p, "header-rules[0].replace[0].with: replacement refers to group $2 but regex 'sip:0([0-9]+)@' has 1 group");
        assertProblem(p, "header-rules[1].replace[0].with: replacement refers to group ${m}");
        assertProblem(p, "header-rules[2].replace[0].with: replacement has '${' without a closing '}'");
        assertEquals(3, p.size(), () -> String.join("\n", p));
    }

    @Test
    void reportsWrongTypesAtTheValue() {
        List<String> p = problems("version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n    limits: {rate: fast, burst: [1]}\n");
        assertProblem(p, "test.yaml:5:20: realms.a.limits.rate: expected an integer, found 'fast'");
        assertProblem(p, "realms.a.limits.burst: expected an integer, found a list");
    }

    @Test
    void reportsBadCidrUriDurationPortRangeAndRegexTogether() {
        String yaml = Policies.BASE.replace("listen: [udp://127.0.0.20:5060]", "listen: [udp://127.0.0.20:5060]\n    allow: [10.0.0.0/40]")
                + "media: {ports: 40000-30000}\nnode: {drain-timeout: 10 seconds}\n"
                + "routes:\n  - {match: {ruri-user: \"a(\"}, to: carrier-a}\n"
                + "  - {to: carrier-a, match: {source: nonsense}}\n";
        yaml = yaml.replace("sip:127.0.0.40:5060", "sip:127.0.0.40:70000");
        List<String> p = problems(yaml);
        assertProblem(p, "realms.pbx.allow: '10.0.0.0/40': prefix length must be 0-32");
        assertProblem(p, "media.ports: port range '40000-30000' must satisfy");
        assertProblem(p, "node.drain-timeout: duration '10 seconds'");
        assertProblem(p, "routes[0].match.ruri-user: regex 'a(' does not compile");
        assertProblem(p, "routes[1].match.source: 'nonsense' is not a CIDR");
        assertProblem(p, "trunks.carrier-b.gateways[0].uri: 'sip:127.0.0.40:70000'");
    }

    @Test
    void reportsUndefinedRealmsAndTrunksWithSuggestion() {
        String yaml = Policies.BASE.replace("realm: pbx", "realm: pbxx")
                + "routes:\n  - {from: carier, to: carrier-c, failover: [carrier-b, nope]}\n";
        List<String> p = problems(yaml);
        assertProblem(p, "trunks.ip-pbx.realm: undefined realm 'pbxx'; did you mean 'pbx'?");
        assertProblem(p, "routes[0].from: undefined realm or trunk 'carier'; did you mean 'carrier'?");
        assertProblem(p, "routes[0].to: undefined trunk 'carrier-c'; did you mean 'carrier-a'?");
        assertProblem(p, "routes[0].failover: undefined trunk 'nope'");
    }

    @Test
    void reportsTwoRealmsOnOneAddress() {
        List<String> p = problems("version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1:5060]\n  b:\n"
                + "    listen: [tcp://127.0.0.1:5060, udp://127.0.0.1]\n");
        assertProblem(p, "test.yaml:6:36: realms.b.listen: udp://127.0.0.1:5060 is already used by realm 'a'");
        assertEquals(1, p.size(), "tcp on the same port is a different socket: " + p);
    }

    @Test
    void reportsUnresolvableSecretsWithoutPrintingAnySecret(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("token"), "s3cr3t-token\n");
        String yaml = "version: 1\nnode: {admin-token: \"${file:token}\"}\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n"
                + "    auth: {users: [{username: u, password: \"${file:missing}\"}, {username: v, password: \"${env:UNSET_X}\"}]}\n";
        LoadResult r = Policies.loader(Map.of()).load(yaml, "t.yaml", dir);
        List<String> p = r.problems().stream().map(Problem::toString).toList();
        assertProblem(p, "realms.a.auth.users[0].password: secret file missing does not exist");
        assertProblem(p, "realms.a.auth.users[1].password: secret ${env:UNSET_X} is not set");
        assertFalse(String.join("\n", p).contains("s3cr3t"));
        LoadResult ok = Policies.loader(Map.of()).load(yaml.replace("${file:missing}", "${file:token}")
                .replace("${env:UNSET_X}", "lit"), "t.yaml", dir);
        assertTrue(ok.ok(), () -> ok.problems().toString());
        assertEquals("s3cr3t-token", ok.snapshot().policy().node().adminToken().reveal());
        assertFalse(ok.snapshot().policy().toString().contains("s3cr3t"), "model toString must hide secrets");
    }

    @Test
    void reportsYamlSyntaxErrorsWithPosition() {
        List<String> p = problems("version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1\n  b: {\n");
        assertEquals(1, p.size());
        assertTrue(p.get(0).startsWith("test.yaml:"), p.get(0));
        assertTrue(p.get(0).contains("YAML syntax"), p.get(0));
    }

    @Test
    void reportsMissingVersionAndEmptyFile() {
        assertProblem(problems(""), "the file is empty");
        assertProblem(problems("realms:\n  a:\n    listen: [udp://127.0.0.1]\n"), "missing required key 'version'");
        assertProblem(problems("version: 2\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n"), "unsupported version 2");
    }

    @Test
    void reportsDuplicateKeys() {
        assertProblem(problems("version: 1\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n  a:\n    listen: [udp://127.0.0.2]\n"),
                "test.yaml:5:3: realms: duplicate key 'a'");
    }

    @Test
    void acceptsIpv6ListenAndAllowEntries() {
        PolicySnapshot s = Policies.snapshot("version: 1\nrealms:\n  a:\n    listen: [\"udp://[::1]:5080\", \"tls://[::1]\"]\n"
                + "    allow: [\"2001:db8::/32\"]\n    tls: {self-signed: true}\n");
        assertEquals("::1", s.realm("a").listen().get(0).ip());
        assertEquals(5061, s.realm("a").listen().get(1).port());
        assertTrue(s.realm("a").allow().get(0).ipv6());
    }

    @Test
    void requiresTlsMaterialForTlsListeners() {
        assertProblem(problems("version: 1\nrealms:\n  a:\n    listen: [tls://127.0.0.1]\n"),
                "tls:// or wss:// listener needs a 'tls' section");
        assertProblem(problems("version: 1\nrealms:\n  a:\n    listen: [tls://127.0.0.1]\n    tls: {certificate: nope.pem, key: nope.key}\n"),
                "certificate file 'nope.pem' does not exist");
    }

    @Test
    void refusesHeaderRulesOnB2buaHeadersAndUnknownTemplateVariables() {
        List<String> p = problems(Policies.BASE + "header-rules:\n  - {remove: [Call-ID], set: {X-A: \"${ruri.usr}\"}}\n  - {to: carrier-a}\n");
        assertProblem(p, "header-rules[0].remove: header 'Call-ID' is managed by the B2BUA");
        assertProblem(p, "unknown variable ${ruri.usr}");
    }

    @Test
    void rejectsRealmAndTrunkWithTheSameName() {
        assertProblem(problems(Policies.BASE.replace("ip-pbx:", "pbx:")), "'pbx' is already a realm name");
    }

    @Test
    void reportsUnknownEnumWordWithSuggestion() {
        assertProblem(problems("version: 1\nnode: {log-format: jsno}\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n"),
                "node.log-format: 'jsno' is not one of text, json; did you mean 'json'?");
    }

    @Test
    void bindsNumberRulesAndChecksCountries() {
        List<String> p = problems(Policies.BASE + "number-rules:\n  - {to: carrier-a, format: e164, country: XX}\n");
        assertProblem(p, "'XX' is not a country code");
        PolicySnapshot s = Policies.snapshot(Policies.BASE + "number-rules:\n  - {to: carrier-a, format: e164, country: us, fields: [ruri, pai]}\n");
        assertEquals("US", s.policy().numberRules().get(0).country());
        assertNull(s.policy().numberRules().get(0).match());
    }

    @Test
    void bindsMediaPortQuarantineAndDefaultsToTwoSeconds() {
        assertEquals(Duration.ofSeconds(2), Policies.snapshot(Policies.BASE).policy().media().portQuarantine());
        assertEquals(Duration.ofMillis(500),
                Policies.snapshot(Policies.BASE + "media: {port-quarantine: 500ms}\n").policy().media().portQuarantine());
        assertEquals(Duration.ZERO,
                Policies.snapshot(Policies.BASE + "media: {port-quarantine: 0s}\n").policy().media().portQuarantine());
        assertEquals(Duration.ofMinutes(5),
                Policies.snapshot(Policies.BASE + "media: {port-quarantine: 5m}\n").policy().media().portQuarantine());
    }

    @Test
    void reportsBadMediaPortQuarantineAtItsValue() {
        String base = Policies.BASE + "media:\n  ports: 20000-29999\n  port-quarantine: ";
        int line = (int) Policies.BASE.chars().filter(c -> c == '\n').count() + 3;
        assertProblem(problems(base + "301s\n"), "test.yaml:" + line + ":20: media.port-quarantine: port quarantine '301s'"
                + " is too long (at most 5m");
        assertProblem(problems(base + "2\n"), "test.yaml:" + line + ":20: media.port-quarantine: duration '2' needs a unit");
        assertProblem(problems(base + "-1s\n"), "media.port-quarantine: '-1s' is not a duration");
        assertProblem(problems(base + "1d\n"), "media.port-quarantine: duration '1d': unit must be one of");
        assertProblem(problems(Policies.BASE + "media: {port-quarantaine: 1s}\n"),
                "media: unknown key 'port-quarantaine'; did you mean 'port-quarantine'?");
    }
}
