package io.sbc.media.sdp;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An SDES {@code a=crypto} value (RFC 4568 §9.1): {@code tag SP crypto-suite SP key-params [SP session-params]}.
 * The key-params string is kept as written (e.g. {@code inline:<base64>|2^20|1:32}).
 */
public record CryptoAttribute(int tag, String suite, String keyParams, String sessionParams) {

    /** Parses the attribute value (after {@code a=crypto:}); null when malformed. */
    public static CryptoAttribute parse(String value) {
        String[] f = SdpParser.splitFields(value);
        if (f.length < 3) {
            return null;
        }
        // RFC 4568 §9.1: tag = 1*9DIGIT
        if (f[0].length() > 9) {
            return null;
        }
        int tag = 0;
        for (int i = 0; i < f[0].length(); i++) {
            char c = f[0].charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            tag = tag * 10 + (c - '0');
        }
        if (!f[2].startsWith("inline:")) {
            return null;
        }
        String session = null;
        if (f.length > 3) {
            StringBuilder sb = new StringBuilder(f[3]);
            for (int i = 4; i < f.length; i++) {
                sb.append(' ').append(f[i]);
            }
            session = sb.toString();
        }
        return new CryptoAttribute(tag, f[1], f[2], session);
    }

    /** Fresh key params for a suite: random key‖salt of the suite's length, base64, no lifetime/MKI. */
    public static CryptoAttribute generate(int tag, CryptoSuite suite, SecureRandom random) {
        byte[] keySalt = new byte[suite.keySaltBytes()];
        random.nextBytes(keySalt);
        return new CryptoAttribute(tag, suite.name(), "inline:" + Base64.getEncoder().encodeToString(keySalt), null);
    }

    /** The known suite, or null for a suite this relay does not implement. */
    public CryptoSuite knownSuite() {
        return CryptoSuite.byName(suite);
    }

    /** The base64 key‖salt of the first inline key (before any {@code |lifetime|mki}). */
    public String inlineKeySalt() {
        int start = "inline:".length();
        int bar = keyParams.indexOf('|', start);
        int semi = keyParams.indexOf(';', start);
        int end = keyParams.length();
        if (bar >= 0) {
            end = bar;
        }
        if (semi >= 0 && semi < end) {
            end = semi;
        }
        return keyParams.substring(start, end);
    }

    /** The value as written after {@code a=crypto:}. */
    public String format() {
        return tag + " " + suite + " " + keyParams + (sessionParams == null ? "" : " " + sessionParams);
    }
}
