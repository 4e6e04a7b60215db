package io.sbc.signaling.codec;

/**
 * 256-entry byte classification tables for the SIP grammar (RFC 3261 §25.1), built once.
 * Each byte maps to a bit set; {@code is(b, FLAG)} is one array load and one AND, so the
 * parser never calls {@code Character} methods per byte.
 */
public final class ByteClass {
    public static final int DIGIT = 1;
    public static final int ALPHA = 1 << 1;
    public static final int HEX = 1 << 2;
    /** RFC 3261 token: alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~". */
    public static final int TOKEN = 1 << 3;
    /** SP / HTAB. */
    public static final int WS = 1 << 4;
    /** unreserved = alphanum / mark (- _ . ! ~ * ' ( )). */
    public static final int UNRESERVED = 1 << 5;
    /** Characters of the SIP-URI user part besides escapes: unreserved / user-unreserved. */
    public static final int USER = 1 << 6;
    /** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ). */
    public static final int PASSWORD = 1 << 7;
    /** paramchar = param-unreserved / unreserved (escapes handled separately). */
    public static final int PARAMCHAR = 1 << 8;
    /** hname/hvalue characters: hnv-unreserved / unreserved. */
    public static final int HNV = 1 << 9;
    /** Host name / IPv4 characters (alphanum "-" "." and, liberally, "_"). */
    public static final int HOST = 1 << 10;
    /** Call-ID word characters (RFC 3261 §25.1 word). */
    public static final int WORD = 1 << 11;
    /** Liberal generic-param value: token plus ":" "[" "]" so unbracketed IPv6 (RFC 5118 §4.5) fits. */
    public static final int GENVALUE = 1 << 12;
    /** Characters allowed in an absoluteURI of an unknown scheme (RFC 2396 uric plus "#" "[" "]"). */
    public static final int URIC = 1 << 13;
    /** Characters of a telephone-subscriber (RFC 3966) besides parameters. */
    public static final int TEL = 1 << 14;
    /** Characters that may start or appear in a URI scheme name. */
    public static final int SCHEME = 1 << 15;

    private static final int[] CLASS = new int[256];

    static {
        for (int c = '0'; c <= '9'; c++) {
            CLASS[c] |= DIGIT | HEX;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            CLASS[c] |= ALPHA;
            CLASS[c - 32] |= ALPHA;
        }
        for (int c = 'a'; c <= 'f'; c++) {
            CLASS[c] |= HEX;
            CLASS[c - 32] |= HEX;
        }
        for (int c = 0; c < 128; c++) {
            if ((CLASS[c] & (DIGIT | ALPHA)) != 0) {
                CLASS[c] |= TOKEN | UNRESERVED | USER | PASSWORD | PARAMCHAR | HNV | HOST | WORD
                        | GENVALUE | URIC | SCHEME;
            }
        }
        set("-.!%*_+`'~", TOKEN | GENVALUE | WORD);
        set("-_.!~*'()", UNRESERVED | USER | PASSWORD | PARAMCHAR | HNV | URIC);
        // '#' is not in RFC 3261 user-unreserved, but PBX feature codes ("sip:*67#@pbx") are sent unescaped.
        set("&=+$,;?/#", USER);
        set("&=+$,", PASSWORD);
        set("[]/:&+$", PARAMCHAR);
        set("[]/?:+$", HNV);
        set("-._", HOST);
        set("()<>:\\\"/[]?{}", WORD);
        set(":[]", GENVALUE);
        set(";/?:@&=+$,%#[]", URIC);
        set("0123456789ABCDEFabcdef*#-.()+pPwW", TEL);
        set("+-.", SCHEME);
        set(" \t", WS);
    }

    private ByteClass() {}

    private static void set(String chars, int flags) {
        for (int i = 0; i < chars.length(); i++) {
            CLASS[chars.charAt(i)] |= flags;
        }
    }

    /** True when byte {@code b} belongs to any class in {@code flags}. */
    public static boolean is(byte b, int flags) {
        return (CLASS[b & 0xFF] & flags) != 0;
    }

    /** Value of a hex digit, or -1. */
    public static int hexValue(byte b) {
        int c = b & 0xFF;
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        c |= 0x20;
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }

    /** ASCII lower case of one byte (other bytes unchanged). */
    public static int lower(byte b) {
        int c = b & 0xFF;
        return c >= 'A' && c <= 'Z' ? c | 0x20 : c;
    }
}
