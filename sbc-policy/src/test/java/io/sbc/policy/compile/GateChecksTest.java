package io.sbc.policy.compile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.testing.Policies;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class GateChecksTest {
    final PolicySnapshot s = Policies.snapshot("""
            version: 1
            realms:
              a:
                listen: [udp://127.0.0.1]
                allow: [10.0.0.0/8, "2001:db8::/32"]
                deny: [10.9.0.0/16]
              open:
                listen: [udp://127.0.0.2]
            security: {scanner-user-agents: [friendly-scanner, SIPVicious]}
            """);

    static int v4(String ip) throws Exception {
        return InetAddress.getByName(ip).hashCode();
    }

    @Test
    void denyWinsOverAllowAndEmptyAllowAdmitsAnyone() throws Exception {
        AccessList a = s.accessList("a");
        assertTrue(a.permitsV4(v4("10.1.2.3")));
        assertFalse(a.permitsV4(v4("10.9.2.3")));
        assertFalse(a.permitsV4(v4("192.0.2.1")));
        assertTrue(a.permitsV6(0x20010db800000000L, 1));
        assertFalse(a.permitsV6(0x20010db900000000L, 1));
        assertTrue(s.accessList("open").permitsV4(v4("198.51.100.7")));
    }

    @Test
    void recognizesScannersBySubstringIgnoringCase() {
        assertTrue(s.isScanner("friendly-scanner"));
        assertTrue(s.isScanner("sipvicious 0.3.4"));
        assertFalse(s.isScanner("Asterisk PBX 20"));
        assertFalse(s.isScanner(null));
    }

    @Test
    void adminOnPublicAddressNeedsAToken() {
        LoadResult r = Policies.load("version: 1\nnode: {admin: 0.0.0.0:8080}\nrealms:\n  a:\n    listen: [udp://127.0.0.1]\n");
        assertFalse(r.ok());
        assertTrue(r.problems().get(0).toString().contains("needs an admin-token"), r.problems().toString());
    }
}
