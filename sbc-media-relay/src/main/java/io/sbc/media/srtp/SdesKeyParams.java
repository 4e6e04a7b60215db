package io.sbc.media.srtp;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * SDES key parameters (RFC 4568 §6.1) of one {@code a=crypto} key: {@code
 * inline:<base64(key||salt)>[|<lifetime>][|<MKI>:<MKI length>]}, for the suite named on the same line.
 *
 * <p>Immutable. {@link #toString()} never prints key material. Parsing runs on the signalling /
 * control path (not per packet) and reports malformed input as a {@link Parsed} with a reason,
 * never an exception.
 *
 * <p>The SDP code splits multiple key-params of one line on ';' and calls {@link #parse} per element.
 * A context holds one master key, so of several keys (each with its own MKI) use the first.
 */
public final class SdesKeyParams {
    /** RFC 3711 §9.2: at most 2^48 SRTP packets per master key (2^31 for SRTCP). */
    public static final long MAX_LIFETIME = 1L << 48;
    /** RFC 4568 §6.1: MKI length is 1..128 octets. */
    public static final int MAX_MKI_LENGTH = 128;

    private final SrtpCryptoSuite suite;
    private final byte[] masterKey;
    private final byte[] masterSalt;
    private final long lifetime;
    private final boolean lifetimeIsPowerOfTwo;
    private final long mki;
    private final int mkiLength;

    private SdesKeyParams(SrtpCryptoSuite suite, byte[] masterKey, byte[] masterSalt, long lifetime,
                          boolean lifetimeIsPowerOfTwo, long mki, int mkiLength) {
        this.suite = suite;
        this.masterKey = masterKey;
        this.masterSalt = masterSalt;
        this.lifetime = lifetime;
        this.lifetimeIsPowerOfTwo = lifetimeIsPowerOfTwo;
        this.mki = mki;
        this.mkiLength = mkiLength;
    }

    /** Key params from explicit key and salt, without lifetime or MKI. */
    public static SdesKeyParams of(SrtpCryptoSuite suite, byte[] masterKey, byte[] masterSalt) {
        if (suite.sdesName() == null) {
            throw new IllegalArgumentException(suite + " is not negotiable with SDES");
        }
        if (masterKey.length != suite.masterKeyLength() || masterSalt.length != suite.masterSaltLength()) {
            throw new IllegalArgumentException("key/salt length does not match " + suite.sdesName());
        }
        return new SdesKeyParams(suite, masterKey.clone(), masterSalt.clone(), -1, false, -1, 0);
    }

    /** Fresh random master key and salt for {@code suite} (RFC 4568 §6.1: one per offer/answer direction). */
    public static SdesKeyParams generate(SrtpCryptoSuite suite, SecureRandom random) {
        byte[] key = new byte[suite.masterKeyLength()];
        byte[] salt = new byte[suite.masterSaltLength()];
        random.nextBytes(key);
        random.nextBytes(salt);
        return of(suite, key, salt);
    }

    /**
     * Parses one key-param ({@code inline:...}) for {@code suite}.
     *
     * @return {@link Parsed#ok()} with the value, or a reason such as {@code "key length 20, expected 30"}
     */
    public static Parsed parse(SrtpCryptoSuite suite, String keyParam) {
        if (suite == null || suite.sdesName() == null) {
            return Parsed.error("unsupported crypto suite");
        }
        if (keyParam == null || !keyParam.regionMatches(true, 0, "inline:", 0, 7)) {
            return Parsed.error("key method is not inline");
        }
        int bar1 = keyParam.indexOf('|', 7);
        String b64 = keyParam.substring(7, bar1 < 0 ? keyParam.length() : bar1);
        byte[] keySalt;
        try {
            keySalt = Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            return Parsed.error("key is not valid base64");
        }
        if (keySalt.length != suite.keySaltLength()) {
            // RFC 4568 §6.1: the decoded key||salt must be exactly as long as the suite defines.
            return Parsed.error("key length " + keySalt.length + ", expected " + suite.keySaltLength());
        }
        long lifetime = -1;
        boolean pow2 = false;
        long mki = -1;
        int mkiLength = 0;
        if (bar1 >= 0) {
            int bar2 = keyParam.indexOf('|', bar1 + 1);
            String f1 = keyParam.substring(bar1 + 1, bar2 < 0 ? keyParam.length() : bar2);
            String f2 = bar2 < 0 ? null : keyParam.substring(bar2 + 1);
            if (f2 != null && f2.indexOf('|') >= 0) {
                return Parsed.error("too many '|' fields");
            }
            // The lifetime may be omitted while MKI is present: an MKI field contains ':'.
            String lifetimeField = f1.indexOf(':') >= 0 ? null : f1;
            String mkiField = lifetimeField == null ? f1 : f2;
            if (lifetimeField == null && f2 != null) {
                return Parsed.error("lifetime must precede MKI");
            }
            if (lifetimeField != null) {
                if (lifetimeField.startsWith("2^")) {
                    long e = parseDecimal(lifetimeField, 2);
                    if (e < 1 || e > 48) {
                        return Parsed.error("lifetime exponent out of range 1..48");
                    }
                    lifetime = 1L << e;
                    pow2 = true;
                } else {
                    lifetime = parseDecimal(lifetimeField, 0);
                    if (lifetime < 1 || lifetime > MAX_LIFETIME) {
                        return Parsed.error("lifetime out of range 1..2^48");
                    }
                }
            }
            if (mkiField != null) {
                int colon = mkiField.indexOf(':');
                if (colon <= 0) {
                    return Parsed.error("MKI must be value:length");
                }
                mki = parseDecimal(mkiField.substring(0, colon), 0);
                long ml = parseDecimal(mkiField.substring(colon + 1), 0);
                if (mki < 0 || ml < 1 || ml > MAX_MKI_LENGTH) {
                    return Parsed.error("MKI value or length out of range");
                }
                mkiLength = (int) ml;
                if (mkiLength < 8 && mki >= (1L << (8 * mkiLength))) {
                    return Parsed.error("MKI value does not fit its length");
                }
            }
        }
        byte[] key = Arrays.copyOfRange(keySalt, 0, suite.masterKeyLength());
        byte[] salt = Arrays.copyOfRange(keySalt, suite.masterKeyLength(), keySalt.length);
        Arrays.fill(keySalt, (byte) 0);
        return Parsed.ok(new SdesKeyParams(suite, key, salt, lifetime, pow2, mki, mkiLength));
    }

    /** Non-negative decimal (at most 18 digits) from {@code start}, or -1. */
    private static long parseDecimal(String s, int start) {
        int n = s.length() - start;
        if (n < 1 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Formats back to {@code inline:...} (lifetime and MKI written as they were parsed). */
    public String format() {
        byte[] keySalt = new byte[masterKey.length + masterSalt.length];
        System.arraycopy(masterKey, 0, keySalt, 0, masterKey.length);
        System.arraycopy(masterSalt, 0, keySalt, masterKey.length, masterSalt.length);
        StringBuilder sb = new StringBuilder(64).append("inline:").append(Base64.getEncoder().encodeToString(keySalt));
        Arrays.fill(keySalt, (byte) 0);
        if (lifetime > 0) {
            sb.append('|');
            if (lifetimeIsPowerOfTwo) {
                sb.append("2^").append(Long.numberOfTrailingZeros(lifetime));
            } else {
                sb.append(lifetime);
            }
        }
        if (mkiLength > 0) {
            sb.append('|').append(mki).append(':').append(mkiLength);
        }
        return sb.toString();
    }

    public SrtpCryptoSuite suite() {
        return suite;
    }

    /** A copy of the master key. */
    public byte[] masterKey() {
        return masterKey.clone();
    }

    /** A copy of the master salt. */
    public byte[] masterSalt() {
        return masterSalt.clone();
    }

    /** Key lifetime in packets, or -1 if not given (default 2^48, RFC 4568 §6.1). */
    public long lifetime() {
        return lifetime;
    }

    public boolean hasMki() {
        return mkiLength > 0;
    }

    /** MKI value, or -1 if absent. */
    public long mki() {
        return mki;
    }

    /** The MKI as carried in packets: the value big-endian in {@link #mkiLength()} octets; empty if absent. */
    public byte[] mkiBytes() {
        byte[] b = new byte[mkiLength];
        long v = mki;
        for (int i = mkiLength - 1; i >= 0 && i >= mkiLength - 8; i--) {
            b[i] = (byte) v;
            v >>>= 8;
        }
        return b;
    }

    /** MKI length in octets, 0 if absent. */
    public int mkiLength() {
        return mkiLength;
    }

    /** Same suite, key and salt (lifetime/MKI ignored): a re-offer with these keeps its context. */
    public boolean sameKeys(SdesKeyParams other) {
        return other != null && suite == other.suite && MessageDigest.isEqual(masterKey, other.masterKey)
                && MessageDigest.isEqual(masterSalt, other.masterSalt);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SdesKeyParams && sameKeys((SdesKeyParams) o)
                && lifetime == ((SdesKeyParams) o).lifetime && mki == ((SdesKeyParams) o).mki
                && mkiLength == ((SdesKeyParams) o).mkiLength;
    }

    @Override
    public int hashCode() {
        return suite.hashCode() * 31 + Arrays.hashCode(masterSalt);
    }

    /** Redacted: key material never reaches logs. */
    @Override
    public String toString() {
        return "SdesKeyParams[" + suite.sdesName() + ", key=<redacted>"
                + (lifetime > 0 ? ", lifetime=" + lifetime : "")
                + (mkiLength > 0 ? ", mki=" + mki + ":" + mkiLength : "") + "]";
    }

    /** Result of {@link #parse}: a value or a reason. */
    public static final class Parsed {
        private final SdesKeyParams value;
        private final String error;

        private Parsed(SdesKeyParams value, String error) {
            this.value = value;
            this.error = error;
        }

        static Parsed ok(SdesKeyParams v) {
            return new Parsed(v, null);
        }

        static Parsed error(String reason) {
            return new Parsed(null, reason);
        }

        public boolean ok() {
            return value != null;
        }

        /** The parsed key params; {@code null} if parsing failed. */
        public SdesKeyParams value() {
            return value;
        }

        /** Why parsing failed; {@code null} on success. */
        public String error() {
            return error;
        }

        @Override
        public String toString() {
            return ok() ? "Parsed[" + value + "]" : "Parsed[error=" + error + "]";
        }
    }
}
