package io.sbc.media.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SessionConfigTest {
    @Test
    void acceptsIpv4AndIpv6LiteralsOnly() {
        assertTrue(SessionConfig.isIpLiteral("127.0.0.20"));
        assertTrue(SessionConfig.isIpLiteral("2001:db8::1"));
        assertTrue(SessionConfig.isIpLiteral("::ffff:192.0.2.1"));
        assertFalse(SessionConfig.isIpLiteral("relay.example.com"));
        assertFalse(SessionConfig.isIpLiteral("256.1.1.1"));
        assertFalse(SessionConfig.isIpLiteral("1.2.3"));
    }

    @Test
    void rejectsHostNameInterfaceSoTheControlThreadNeverResolvesDns() {
        assertThrows(IllegalArgumentException.class, () -> SessionConfig.of(Map.of("pbx", "pbx.example.com"), 30000, 30100));
    }

    @Test
    void firstInterfaceIsTheDefault() {
        assertEquals("a", SessionConfig.of(new java.util.LinkedHashMap<>(Map.of("a", "192.0.2.1")), 30000, 30100).defaultInterface());
    }
}
