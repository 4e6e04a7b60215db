package io.sbc.bench.policy;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.compile.CompiledRoute;
import io.sbc.policy.eval.EvalContext;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Policy work on a new INVITE, as the signaling plane does it (design "Signaling data flow" step 6
 * minus admission and media): route selection over 200 routes, then 30 outbound header rules.
 * The matching route is number 183 of 200, after 182 routes that fail on a prefix, a range or a
 * regex; 5 of the 30 header rules apply (remove by name and wildcard, set a constant, add a
 * template, regex replace, set the Request-URI host), the rest target other trunks or methods.
 * Parameter {@code regexReplaces}: how many of the applying rules are regex replacements, as an
 * operator's realistic rule set has some: "none" (a constant set instead), "one" (Diversion
 * national to E.164), "three" (that one, plus stripping UPDATE from Allow and 100rel from
 * Supported, replacing two rules that do not apply: 7 rules apply).
 * Goal (issue #3): under 2 microseconds and under 1 KB allocated per INVITE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
public class PolicyEvalBenchmark {
    /** How many applying rules are regex replacements: "none", "one" or "three". */
    @Param({"three", "one", "none"})
    String regexReplaces;

    PolicySnapshot snapshot;
    ArrayMessage invite;
    InetAddress source;

    static String policy() {
        return policy("one");
    }

    static String policy(String regexReplaces) {
        boolean three = regexReplaces.equals("three");
        StringBuilder sb = new StringBuilder("""
                version: 1
                realms:
                  pbx: {listen: [udp://127.0.0.20:5060]}
                  carrier: {listen: [udp://127.0.0.21:5060]}
                trunks:
                  ip-pbx: {realm: pbx, gateways: [{uri: "sip:127.0.0.10:5060"}]}
                """);
        for (int t = 0; t < 20; t++) {
            sb.append("  carrier-").append(t).append(": {realm: carrier, gateways: [{uri: \"sip:127.0.1.").append(t + 1)
                    .append(":5060\", priority: 1, weight: 2}, {uri: \"sip:127.0.2.").append(t + 1).append(":5060\", priority: 2}]}\n");
        }
        sb.append("routes:\n");
        for (int i = 0; i < 200; i++) {
            String trunk = "carrier-" + (i % 20);
            switch (i % 3) {
                case 0 -> sb.append("  - {name: prefix-").append(i).append(", from: pbx, match: {ruri-user-prefix: [\"+9").append(100 + i)
                        .append("\", \"009").append(100 + i).append("\"]}, to: ").append(trunk).append("}\n");
                case 1 -> sb.append("  - {name: range-").append(i).append(", from: pbx, match: {method: INVITE, ruri-user-range: [")
                        .append(1000000 + i * 1000).append('-').append(1000000 + i * 1000 + 999).append("]}, to: ").append(trunk).append("}\n");
                default -> {
                    if (i == 182) {
                        sb.append("  - {name: us, from: pbx, match: {ruri-user: \"\\\\+1[2-9][0-9]{9}\"}, to: carrier-7, failover: [carrier-8]}\n");
                    } else {
                        sb.append("  - {name: regex-").append(i).append(", from: pbx, match: {ruri-user: \"\\\\+").append(200 + i)
                                .append("[0-9]{6,10}\"}, to: ").append(trunk).append("}\n");
                    }
                }
            }
        }
        sb.append("  - {from: carrier, to: ip-pbx}\n");
        sb.append("header-rules:\n");
        for (int i = 0; i < (three ? 22 : 24); i++) {
            if (i % 2 == 0) {
                sb.append("  - {name: other-").append(i).append(", to: carrier-").append(i % 7 == 0 ? 1 : i % 20 == 7 ? 9 : i % 20)
                        .append(", remove: [X-Other-").append(i).append("], set: {X-Carrier: \"").append(i).append("\"}}\n");
            } else {
                sb.append("  - {name: bye-").append(i).append(", method: BYE, remove: [X-Bye-").append(i).append("]}\n");
            }
        }
        sb.append("""
                  - {name: hide-brand, to: carrier-7, remove: [User-Agent, Server, "X-*"]}
                  - {name: pai, to: carrier-7, method: INVITE, set: {P-Asserted-Identity: "<sip:+15551230000@carrier.example>"}}
                  - {name: src, to: carrier-7, add: {X-Src: "${src.ip}"}}
                  - DIVERSION
                  - {name: ruri-host, to: carrier-7, set-ruri: {host: carrier.example}}
                  - {name: prack, to: carrier-7, method: PRACK, remove: [Require]}
                """);
        if (three) {
            sb.append("""
                      - {name: no-update, to: carrier-7, replace: [{header: Allow, regex: ", ?UPDATE", with: ""}]}
                      - {name: no-100rel, to: carrier-7, method: INVITE, replace: [{header: Supported, regex: "100rel, ?", with: ""}]}
                    """);
        }
        return sb.toString().replace("  - DIVERSION\n", !regexReplaces.equals("none")
                ? "  - {name: diversion, to: carrier-7, replace: [{header: Diversion, regex: \"sip:0([0-9]+)@\", with: \"sip:+44$1@\"}]}\n"
                : "  - {name: diversion, to: carrier-7, set: {X-Diversion-Checked: \"yes\"}}\n");
    }

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        LoadResult r = new PolicyLoader(Map.<String, String>of()::get).load(policy(regexReplaces), "bench.yaml", Path.of("."));
        if (!r.ok()) {
            throw new IllegalStateException("benchmark policy invalid: " + r.problems());
        }
        snapshot = r.snapshot();
        if (snapshot.policy().routes().size() != 201 || snapshot.policy().headerRules().size() != 30) {
            throw new IllegalStateException("expected 200+1 routes and 30 header rules");
        }
        source = InetAddress.getByName("127.0.0.10");
        invite = new ArrayMessage("INVITE", "+12125551234", "127.0.0.20", "100", "127.0.0.10", "+12125551234", "127.0.0.20",
                new String[][] {
                    {"Via", "SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK776asdhds"},
                    {"Max-Forwards", "70"},
                    {"From", "\"Desk 100\" <sip:100@127.0.0.10>;tag=1928301774"},
                    {"To", "<sip:+12125551234@127.0.0.20>"},
                    {"Call-ID", "a84b4c76e66710@pbx.example"},
                    {"CSeq", "314159 INVITE"},
                    {"Contact", "<sip:100@127.0.0.10:5060>"},
                    {"User-Agent", "PBX 16.2"},
                    {"Allow", "INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK, UPDATE"},
                    {"Supported", "100rel, timer"},
                    {"X-Internal-Id", "42"},
                    {"X-Cost-Center", "sales"},
                    {"Diversion", "<sip:02070000000@pbx.example>;reason=unconditional"},
                    {"P-Asserted-Identity", "<sip:100@pbx.example>"},
                    {"Content-Type", "application/sdp"},
                    {"Content-Length", "142"},
                });
        CompiledRoute route = routeAndHeaderRulesCheck();
        if (!route.name().equals("us")) {
            throw new IllegalStateException("benchmark INVITE should take route 'us', took " + route.name());
        }
    }

    private CompiledRoute routeAndHeaderRulesCheck() {
        invite.reset();
        EvalContext in = EvalContext.inbound("pbx", "ip-pbx", source);
        CompiledRoute route = snapshot.routes().select(in, invite);
        int fired = snapshot.headerRules().applyOutbound(in.toward(route.trunk().realm(), route.trunk().name()), invite, null);
        int expected = regexReplaces.equals("three") ? 7 : 5;
        if (fired != expected) {
            throw new IllegalStateException("expected " + expected + " header rules to fire, got " + fired);
        }
        if (!regexReplaces.equals("none") && !invite.header("Diversion").startsWith("<sip:+44")) {
            throw new IllegalStateException("Diversion not rewritten: " + invite.header("Diversion"));
        }
        if (regexReplaces.equals("three") && (!invite.header("Supported").equals("timer")
                || !invite.header("Allow").equals("INVITE, ACK, CANCEL, BYE, OPTIONS, PRACK"))) {
            throw new IllegalStateException("Allow/Supported not rewritten: " + invite.header("Allow") + " / " + invite.header("Supported"));
        }
        return route;
    }

    /** Route selection plus outbound header rules for one INVITE (includes resetting the message). */
    @Benchmark
    public int routeAndHeaderRules() {
        invite.reset();
        EvalContext in = EvalContext.inbound("pbx", "ip-pbx", source);
        CompiledRoute route = snapshot.routes().select(in, invite);
        EvalContext out = in.toward(route.trunk().realm(), route.trunk().name());
        return snapshot.headerRules().applyOutbound(out, invite, null) + invite.headerCount();
    }

    /** Route selection alone. */
    @Benchmark
    public CompiledRoute routeOnly() {
        return snapshot.routes().select(EvalContext.inbound("pbx", "ip-pbx", source), invite);
    }
}
