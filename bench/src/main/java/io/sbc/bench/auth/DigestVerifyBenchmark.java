package io.sbc.bench.auth;

import io.sbc.policy.model.AuthUser;
import io.sbc.policy.model.RealmAuth;
import io.sbc.policy.model.Secret;
import io.sbc.signaling.auth.AuthResult;
import io.sbc.signaling.auth.ChallengeResponder;
import io.sbc.signaling.auth.DigestClient;
import io.sbc.signaling.auth.DigestCredentials;
import io.sbc.signaling.auth.DigestServer;
import io.sbc.signaling.auth.NonceManager;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.message.SipRequest;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Issue #6 "no user enumeration": the cost of rejecting credentials of a known user with a wrong
 * password versus an unknown user. Both should take the same time (same hash work, constant-time
 * compare), so an attacker cannot tell which user names exist.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class DigestVerifyBenchmark {

    @Param({"knownUserWrongPassword", "unknownUser"})
    public String attempt;

    private DigestServer server;
    private InetAddress source;
    private final List<SipRequest> signed = new ArrayList<>();
    private int next;

    @Setup
    public void setUp() throws Exception {
        NonceManager nonces = new NonceManager(new byte[32], Duration.ofHours(1), 1 << 20, System::currentTimeMillis);
        server = new DigestServer("pbx", new RealmAuth("sbc.example",
                List.of(new AuthUser("1001", new Secret("env:P", "pw1001"))), List.of()), nonces, null);
        source = InetAddress.getByName("192.0.2.10");
        String user = attempt.equals("unknownUser") ? "9999" : "1001";
        String password = "wrong";
        ChallengeResponder phone = new ChallengeResponder(new DigestClient());
        for (int i = 0; i < 1000; i++) {
            SipRequest invite = invite();
            SipRequest s = phone.respond(invite, server.authenticate(invite, source, false).challenge(),
                    new DigestCredentials(user, new Secret("t", password), null));
            signed.add(s);
        }
    }

    private static SipRequest invite() {
        String text = "INVITE sip:+15551239999@sbc.example SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKbench\r\n"
                + "From: <sip:1001@sbc.example>;tag=a\r\nTo: <sip:+15551239999@sbc.example>\r\n"
                + "Call-ID: bench@192.0.2.10\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return (SipRequest) new SipParser().parse(b, 0, b.length).message();
    }

    @Benchmark
    public AuthResult verify() {
        SipRequest r = signed.get(next);
        next = (next + 1) % signed.size();
        return server.authenticate(r, source, false);
    }
}
