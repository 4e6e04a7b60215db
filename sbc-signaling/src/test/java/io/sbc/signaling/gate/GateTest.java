package io.sbc.signaling.gate;

import io.sbc.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import static io.sbc.signaling.gate.GatePolicies.v4;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GateTest {
    private static final long SEC = 1_000_000_000L;
    private static final PolicySnapshot POLICY = GatePolicies.load(GatePolicies.TWO_REALMS);

    private final long[] clock = {1_000 * SEC};
    private final Gate gate = new Gate(POLICY, GateConfig.defaults().withSourcesPerRealm(1024), () -> clock[0]);
    private final int pbx = gate.realmIndex("pbx");
    private final int carrier = gate.realmIndex("carrier");

    @Test
    void admitsBurstThenDropsOverRateAndBansAfterTenMoreMessages() {
        int src = v4("192.0.2.50");
        for (int i = 0; i < 100; i++) {
            assertEquals(Verdict.PASS, gate.checkV4(pbx, src, clock[0]), "message " + i + " of the burst");
        }
        for (int i = 0; i < 9; i++) {
            assertEquals(Verdict.DROP_RATE, gate.checkV4(pbx, src, clock[0]));
        }
        assertFalse(gate.isBanned("192.0.2.50"));
        assertEquals(Verdict.DROP_RATE, gate.checkV4(pbx, src, clock[0]));
        assertTrue(gate.isBanned("192.0.2.50"), "banned at score 100");
        assertEquals(Verdict.DROP_BANNED, gate.checkV4(pbx, src, clock[0]));
        assertEquals(10, gate.dropped(pbx, DropReason.RATE));
        assertEquals(1, gate.dropped(pbx, DropReason.BANNED_RATE));
        assertEquals(Verdict.PASS, gate.checkV4(pbx, v4("192.0.2.51"), clock[0]), "another source is unaffected");
    }

    @Test
    void automaticBanExpiresAfterTheRealmBanTime() {
        int src = v4("192.0.2.60");
        for (int i = 0; i < 110; i++) {
            gate.checkV4(pbx, src, clock[0]);
        }
        assertTrue(gate.isBanned("192.0.2.60"));
        clock[0] += 299 * SEC;
        assertEquals(Verdict.DROP_BANNED, gate.checkV4(pbx, src, clock[0]));
        clock[0] += 2 * SEC;
        assertFalse(gate.isBanned("192.0.2.60"));
        assertEquals(Verdict.PASS, gate.checkV4(pbx, src, clock[0]), "the bucket refilled while banned");
        assertEquals(0, gate.bansActive());
    }

    @Test
    void refillsAtTheConfiguredRate() {
        int src = v4("192.0.2.70");
        for (int i = 0; i < 100; i++) {
            gate.checkV4(pbx, src, clock[0]);
        }
        clock[0] += SEC / 10; // 50/s: five tokens
        int passed = 0;
        for (int i = 0; i < 8; i++) {
            if (gate.checkV4(pbx, src, clock[0]) == Verdict.PASS) {
                passed++;
            }
        }
        assertEquals(5, passed);
    }

    @Test
    void aclDropsSourcesOutsideTheAllowListAndDeniedOnes() {
        assertEquals(Verdict.DROP_ACL, gate.checkV4(carrier, v4("192.0.2.1"), clock[0]));
        assertEquals(Verdict.DROP_ACL, gate.checkV4(carrier, v4("203.0.113.66"), clock[0]), "deny before allow");
        assertEquals(Verdict.PASS, gate.checkV4(carrier, v4("203.0.113.5"), clock[0]));
        assertEquals(Verdict.PASS, gate.checkV4(carrier, v4("198.51.100.7"), clock[0]),
                "a trunk realm admits its gateway without naming it in allow");
        assertEquals(2, gate.dropped(carrier, DropReason.ACL));
    }

    @Test
    void trustedGatewayOverBudgetGets503VerdictAndIsNeverBanned() {
        int gw = v4("198.51.100.7");
        int passed = 0;
        int over = 0;
        for (int i = 0; i < 5_000; i++) {
            Verdict v = gate.checkV4(carrier, gw, clock[0]);
            if (v == Verdict.PASS) {
                passed++;
            } else {
                assertEquals(Verdict.OVER_BUDGET_TRUSTED, v);
                over++;
            }
        }
        assertEquals(200, passed, "its own budget: burst 20 x trusted factor 10");
        assertEquals(4_800, over);
        for (int i = 0; i < 100; i++) {
            gate.onMalformed(carrier, new InetSocketAddress(addr("198.51.100.7"), 5060), clock[0]);
            gate.onAuthFailure(addr("198.51.100.7"), "carrier", "user" + i);
        }
        gate.onScannerUserAgent(carrier, new InetSocketAddress(addr("198.51.100.7"), 5060), clock[0]);
        assertFalse(gate.isBanned("198.51.100.7"));
        assertEquals(0, gate.bansActive());
    }

    @Test
    void allowListedPeerIsTrustedToo() {
        int peer = v4("203.0.113.9");
        for (int i = 0; i < 1_000; i++) {
            assertTrue(gate.checkV4(carrier, peer, clock[0]) != Verdict.DROP_RATE);
        }
        assertFalse(gate.isBanned("203.0.113.9"));
    }

    @Test
    void malformedMessagesBanAtTheFifth() {
        InetSocketAddress src = new InetSocketAddress(addr("192.0.2.80"), 5060);
        for (int i = 0; i < 4; i++) {
            gate.onMalformed(pbx, src, clock[0]);
        }
        assertFalse(gate.isBanned("192.0.2.80"));
        gate.onMalformed(pbx, src, clock[0]);
        assertEquals(Verdict.DROP_BANNED, gate.check(pbx, src, clock[0]));
        assertEquals("malformed", gate.bans().get(0).reason());
    }

    @Test
    void scoresDecaySoOccasionalMalformedMessagesNeverBan() {
        InetSocketAddress src = new InetSocketAddress(addr("192.0.2.81"), 5060);
        for (int i = 0; i < 100; i++) {
            gate.onMalformed(pbx, src, clock[0]);
            clock[0] += 11 * SEC; // 20 points in, 22 forgiven
        }
        assertFalse(gate.isBanned("192.0.2.81"));
    }

    @Test
    void scannerUserAgentBansAtOnce() {
        assertTrue(gate.isScanner("friendly-scanner"));
        assertTrue(gate.isScanner("SIPVicious 0.3.4"));
        assertFalse(gate.isScanner("Linphone/5.2"));
        InetSocketAddress src = new InetSocketAddress(addr("192.0.2.90"), 5060);
        gate.onScannerUserAgent(pbx, src, clock[0]);
        assertEquals(Verdict.DROP_BANNED, gate.check(pbx, src, clock[0]));
        assertEquals(1, gate.dropped(pbx, DropReason.SCANNER));
        assertEquals(1, gate.dropped(pbx, DropReason.BANNED_SCANNER));
    }

    @Test
    void phonesBehindOneNatFailingAuthenticationDoNotGetTheAddressBanned() {
        InetAddress nat = addr("192.0.2.100");
        for (int user = 0; user < 7; user++) { // seven phones, each failing twice
            gate.onAuthFailure(nat, "pbx", "phone" + user);
            gate.onAuthFailure(nat, "pbx", "phone" + user);
        }
        assertFalse(gate.isBanned("192.0.2.100"));
    }

    @Test
    void bruteForceOfOneUsernameIsBannedAtTheEighthFailure() {
        InetAddress src = addr("192.0.2.101");
        for (int i = 0; i < 7; i++) {
            gate.onAuthFailure(src, "pbx", "100");
        }
        assertFalse(gate.isBanned("192.0.2.101"));
        gate.onAuthFailure(src, "pbx", "100");
        assertTrue(gate.isBanned("192.0.2.101"));
        assertEquals("auth", gate.bans().get(0).reason());
    }

    @Test
    void usernameEnumerationIsBannedWhenManyDistinctUsernamesFail() {
        InetAddress src = addr("192.0.2.102");
        int failures = 0;
        while (!gate.isBanned("192.0.2.102") && failures < 64) {
            gate.onAuthFailure(src, "pbx", "ext" + (1000 + failures));
            failures++;
        }
        assertTrue(gate.isBanned("192.0.2.102"));
        assertTrue(failures >= 8 && failures <= 12, "banned after " + failures + " distinct usernames");
    }

    @Test
    void authFailuresOutsideTheWindowAreForgotten() {
        InetAddress src = addr("192.0.2.103");
        for (int i = 0; i < 70; i++) {
            gate.onAuthFailure(src, "pbx", "100");
            if (i % 7 == 6) {
                clock[0] += 11 * 60 * SEC;
            }
        }
        assertFalse(gate.isBanned("192.0.2.103"));
    }

    @Test
    void manualBanTakesPrecedenceAndCanBeLifted() {
        assertTrue(gate.banManually("192.0.2.110", Duration.ofSeconds(30)));
        assertEquals(Verdict.DROP_BANNED, gate.checkV4(pbx, v4("192.0.2.110"), clock[0]));
        assertEquals(1, gate.dropped(pbx, DropReason.BANNED_MANUAL));
        for (int i = 0; i < 10; i++) {
            gate.onMalformed(pbx, new InetSocketAddress(addr("192.0.2.110"), 5060), clock[0]);
        }
        assertEquals("manual", gate.bans().get(0).reason(), "an automatic ban does not replace a manual one");
        assertEquals(1, gate.bans().size());
        assertTrue(gate.unban("192.0.2.110"));
        assertFalse(gate.isBanned("192.0.2.110"));
        assertFalse(gate.unban("192.0.2.110"));
        assertFalse(gate.banManually("not-an-ip", null));
    }

    @Test
    void manualBanOfTrustedGatewayApplies() {
        assertTrue(gate.banManually("198.51.100.7", null));
        assertEquals(Verdict.DROP_BANNED, gate.checkV4(carrier, v4("198.51.100.7"), clock[0]));
    }

    @Test
    void ipv6SourcesAreKeyedByTheirSlash64() {
        InetSocketAddress a = new InetSocketAddress(addr("2001:db8:1:2::10"), 5060);
        InetSocketAddress b = new InetSocketAddress(addr("2001:db8:1:2::20"), 5060);
        InetSocketAddress other = new InetSocketAddress(addr("2001:db8:1:3::10"), 5060);
        for (int i = 0; i < 5; i++) {
            gate.onMalformed(pbx, a, clock[0]);
        }
        assertEquals(Verdict.DROP_BANNED, gate.check(pbx, b, clock[0]));
        assertEquals(Verdict.PASS, gate.check(pbx, other, clock[0]));
        assertEquals("2001:db8:1:2:0:0:0:0/64", gate.bans().get(0).address());
        assertTrue(gate.isBanned("2001:db8:1:2::99"));
    }

    @Test
    void loopbackIpv6AndMappedIpv4HaveDistinctKeys() {
        assertEquals(SourceKey.ofV4(v4("192.0.2.1")), SourceKey.of(addr("::ffff:192.0.2.1")));
        long loop6 = SourceKey.of(addr("::1"));
        assertFalse(SourceKey.isV4(loop6));
        assertTrue(loop6 != 0);
        assertEquals("0:0:0:0:0:0:0:0/64", SourceKey.format(loop6));
        assertEquals("127.0.0.1", SourceKey.format(SourceKey.of(addr("127.0.0.1"))));
    }

    static InetAddress addr(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
