package io.sbc.signaling.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.session.CallRegistry;
import io.sbc.media.session.SessionConfig;
import io.sbc.media.session.StreamListener;
import io.sbc.policy.load.LoadResult;
import io.sbc.policy.load.PolicyLoader;
import io.sbc.policy.model.MediaSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Policy {@code media:} reaches the embedded relay's port allocator (issue #5: the quarantine capped anchored cps). */
class EmbeddedRelaySessionConfigTest {
    private static final String POLICY = """
            version: 1
            media:
              ports: 40000-40003
              port-quarantine: %s
            realms:
              pbx:
                listen: [udp://127.0.0.20:5060]
                media-address: 127.0.0.20
            trunks:
              ip-pbx: {realm: pbx, gateways: [{uri: "sip:127.0.0.10:5060"}]}
            routes:
              - {from: pbx, to: ip-pbx}
            """;

    private static MediaSettings media(String quarantine) {
        LoadResult r = new PolicyLoader(k -> null).load(POLICY.formatted(quarantine), "test.yaml", Path.of("."));
        assertTrue(r.ok(), () -> r.problems().toString());
        return r.snapshot().policy().media();
    }

    @Test
    void embeddedRelayTakesThePortQuarantineFromPolicy() {
        SessionConfig c = EmbeddedRelay.sessionConfig(Map.of("pbx", "127.0.0.20"), media("750ms"));
        assertEquals(Duration.ofMillis(750), c.quarantine());
        assertEquals(40000, c.portLow());
        assertEquals(40003, c.portHigh());
        long[] now = {0};
        CallRegistry registry = new CallRegistry(c, StreamListener.NONE, () -> now[0], 0, new SecureRandom());
        assertEquals(Duration.ofMillis(750), registry.ports().quarantine());
    }

    @Test
    void zeroQuarantineLetsTheEmbeddedRelayReuseAReleasedPairAtOnce() {
        SessionConfig c = EmbeddedRelay.sessionConfig(Map.of("pbx", "127.0.0.20"), media("0s"));
        CallRegistry registry = new CallRegistry(c, StreamListener.NONE, () -> 0L, 0, new SecureRandom());
        int a = registry.ports().allocatePair();
        int b = registry.ports().allocatePair();
        registry.ports().releasePair(a);
        assertEquals(a, registry.ports().allocatePair(), "range 40000-40003 is full but for the pair just released");
        assertTrue(b != a);
    }
}
