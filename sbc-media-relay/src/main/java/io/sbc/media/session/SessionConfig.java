package io.sbc.media.session;

import io.sbc.media.sdp.CryptoSuite;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Relay session settings.
 *
 * @param interfaces   logical interface name → relay address (literal IPv4/IPv6) advertised in SDP;
 *                     the first is the default when an offer has no {@code direction}
 * @param portLow      first relay port (inclusive), default 30000
 * @param portHigh     last relay port (inclusive), default 39999
 * @param quarantine   time a released port stays unused, default {@link PortAllocator#DEFAULT_QUARANTINE}
 *                     (2 s), 0..{@link PortAllocator#MAX_QUARANTINE}
 * @param maxCalls     concurrent calls before offers are refused, default 10000
 * @param sdesSuites   suites offered (in order, tags 1..n) when the relay starts SRTP on a side
 */
public record SessionConfig(Map<String, String> interfaces, int portLow, int portHigh, Duration quarantine,
                            int maxCalls, List<CryptoSuite> sdesSuites) {
    public static final List<CryptoSuite> DEFAULT_SUITES = List.of(CryptoSuite.AEAD_AES_128_GCM,
            CryptoSuite.AES_CM_128_HMAC_SHA1_80, CryptoSuite.AES_CM_128_HMAC_SHA1_32);

    public SessionConfig {
        if (interfaces.isEmpty()) {
            throw new IllegalArgumentException("at least one interface");
        }
        for (Map.Entry<String, String> e : interfaces.entrySet()) {
            if (!isIpLiteral(e.getValue())) {
                // SDP must carry an address, and the control thread must never block on DNS.
                throw new IllegalArgumentException("interface " + e.getKey() + ": not an IP address: " + e.getValue());
            }
        }
        interfaces = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        sdesSuites = List.copyOf(sdesSuites);
        if (quarantine == null || quarantine.isNegative() || quarantine.compareTo(PortAllocator.MAX_QUARANTINE) > 0) {
            throw new IllegalArgumentException("port quarantine must be 0.." + PortAllocator.MAX_QUARANTINE
                    + ", got " + quarantine);
        }
        if (maxCalls <= 0) {
            throw new IllegalArgumentException("maxCalls must be positive");
        }
    }

    public static SessionConfig of(Map<String, String> interfaces, int portLow, int portHigh) {
        return new SessionConfig(interfaces, portLow, portHigh, PortAllocator.DEFAULT_QUARANTINE, 10000, DEFAULT_SUITES);
    }

    /** The same settings with another port quarantine (policy {@code media.port-quarantine}). */
    public SessionConfig withQuarantine(Duration portQuarantine) {
        return new SessionConfig(interfaces, portLow, portHigh, portQuarantine, maxCalls, sdesSuites);
    }

    public String defaultInterface() {
        return interfaces.keySet().iterator().next();
    }

    /** Dotted-quad IPv4 or an IPv6 literal (hex digits, ':' and an optional dotted-quad tail); no DNS. */
    public static boolean isIpLiteral(String a) {
        if (a == null || a.isEmpty() || a.length() > 45) {
            return false;
        }
        if (a.indexOf(':') >= 0) {
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
        String[] parts = a.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }
}
