package io.sbc.signaling.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Header names the SBC knows, with their compact forms (RFC 3261 §7.3.3, §20; IANA "Header Field
 * Parameters and Parameter Values" compact forms) and whether their comma-separated values may be
 * split into several (RFC 3261 §7.3.1). Lookup from wire bytes goes through a precomputed
 * open-addressing table keyed by a case-insensitive hash, so identifying a header allocates nothing.
 */
public enum HeaderName {
    /** Any header not in this table; compared by its bytes. */
    OTHER("", 0, false),
    VIA("Via", 'v', true),
    FROM("From", 'f', false),
    TO("To", 't', false),
    CALL_ID("Call-ID", 'i', false),
    CSEQ("CSeq", 0, false),
    MAX_FORWARDS("Max-Forwards", 0, false),
    CONTACT("Contact", 'm', true),
    ROUTE("Route", 0, true),
    RECORD_ROUTE("Record-Route", 0, true),
    CONTENT_LENGTH("Content-Length", 'l', false),
    CONTENT_TYPE("Content-Type", 'c', false),
    CONTENT_ENCODING("Content-Encoding", 'e', true),
    SUBJECT("Subject", 's', false),
    SUPPORTED("Supported", 'k', true),
    EVENT("Event", 'o', false),
    ALLOW_EVENTS("Allow-Events", 'u', true),
    REFER_TO("Refer-To", 'r', false),
    REFERRED_BY("Referred-By", 'b', false),
    SESSION_EXPIRES("Session-Expires", 'x', false),
    IDENTITY("Identity", 'y', false),
    ACCEPT_CONTACT("Accept-Contact", 'a', true),
    REQUEST_DISPOSITION("Request-Disposition", 'd', true),
    REJECT_CONTACT("Reject-Contact", 'j', true),
    IDENTITY_INFO("Identity-Info", 'n', false),
    ACCEPT("Accept", 0, true),
    ACCEPT_ENCODING("Accept-Encoding", 0, true),
    ACCEPT_LANGUAGE("Accept-Language", 0, true),
    ALERT_INFO("Alert-Info", 0, true),
    ALLOW("Allow", 0, true),
    AUTHENTICATION_INFO("Authentication-Info", 0, false),
    // RFC 3261 §7.3.1: these carry commas inside one value and must never be split or joined.
    AUTHORIZATION("Authorization", 0, false),
    CALL_INFO("Call-Info", 0, true),
    CONTENT_DISPOSITION("Content-Disposition", 0, false),
    CONTENT_LANGUAGE("Content-Language", 0, true),
    DATE("Date", 0, false),
    ERROR_INFO("Error-Info", 0, true),
    EXPIRES("Expires", 0, false),
    IN_REPLY_TO("In-Reply-To", 0, true),
    MIME_VERSION("MIME-Version", 0, false),
    MIN_EXPIRES("Min-Expires", 0, false),
    MIN_SE("Min-SE", 0, false),
    ORGANIZATION("Organization", 0, false),
    PRIORITY("Priority", 0, false),
    PROXY_AUTHENTICATE("Proxy-Authenticate", 0, false),
    PROXY_AUTHORIZATION("Proxy-Authorization", 0, false),
    PROXY_REQUIRE("Proxy-Require", 0, true),
    REPLY_TO("Reply-To", 0, false),
    REQUIRE("Require", 0, true),
    RETRY_AFTER("Retry-After", 0, false),
    SERVER("Server", 0, false),
    TIMESTAMP("Timestamp", 0, false),
    UNSUPPORTED("Unsupported", 0, true),
    USER_AGENT("User-Agent", 0, false),
    WARNING("Warning", 0, true),
    WWW_AUTHENTICATE("WWW-Authenticate", 0, false),
    RSEQ("RSeq", 0, false),
    RACK("RAck", 0, false),
    PATH("Path", 0, true),
    SERVICE_ROUTE("Service-Route", 0, true),
    P_ASSERTED_IDENTITY("P-Asserted-Identity", 0, true),
    P_PREFERRED_IDENTITY("P-Preferred-Identity", 0, true),
    PRIVACY("Privacy", 0, true),
    REASON("Reason", 0, true),
    HISTORY_INFO("History-Info", 0, true),
    DIVERSION("Diversion", 0, true),
    SUBSCRIPTION_STATE("Subscription-State", 0, false),
    REPLACES("Replaces", 0, false);

    private static final HeaderName[] VALUES = values();
    private static final int TABLE_SIZE = 256; // power of two, > 2 × (names + compact forms)
    private static final HeaderName[] TABLE = new HeaderName[TABLE_SIZE];
    /**
     * Keys as packed words: slot k holds the lower-case name's bytes 0-7, 8-15 and 16-23 as
     * little-endian longs at {@code 3k, 3k+1, 3k+2} (zero-padded) and its length in
     * {@code TABLE_LEN[k]} (0 = empty slot). Comparing three longs replaces a per-byte loop.
     */
    private static final long[] TABLE_KEY = new long[TABLE_SIZE * 3];
    /**
     * Per key word, 0x20 in the lanes holding a letter and 0 elsewhere: {@code (raw | TABLE_FOLD)
     * == TABLE_KEY} is an exact case-insensitive match of raw (unfolded) bytes, because only a
     * letter's case bit is ignored and every other byte must equal the key's ({@link #knownName}).
     */
    private static final long[] TABLE_FOLD = new long[TABLE_SIZE * 3];
    private static final int[] TABLE_LEN = new int[TABLE_SIZE];
    /**
     * {@link #knownName}'s copy of the table, one slot per 64-byte line ({@code 8k}): key words
     * 0-2, fold words 0-2, then {@code ordinal | (length << 8)} (0 = empty slot). One cache line
     * and no object load per probe instead of four arrays and the enum constant.
     */
    private static final long[] PROBE = new long[TABLE_SIZE * 8];
    private static final int MAX_NAME = 24;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long FOLD = 0x2020202020202020L;
    private static final HeaderName[] BY_COMPACT = new HeaderName[128];

    /**
     * Full names in their canonical spelling, direct-mapped by {@code String.hashCode} (cached in
     * the String): {@link #lookup(String)} for a name as the code writes it ("P-Asserted-Identity")
     * is then one String compare. A name whose slot another took is found the general way.
     */
    private static final int SPELLING_SIZE = 512;
    private static final String[] SPELLING_KEY = new String[SPELLING_SIZE];
    private static final HeaderName[] SPELLING_VALUE = new HeaderName[SPELLING_SIZE];

    static {
        for (HeaderName h : VALUES) {
            if (h == OTHER) {
                continue;
            }
            int slot = spellingSlot(h.canonical);
            if (SPELLING_KEY[slot] == null) {
                SPELLING_KEY[slot] = h.canonical;
                SPELLING_VALUE[slot] = h;
            }
            insert(h.lowerBytes, h);
            if (h.compact != 0) {
                BY_COMPACT[h.compact] = h;
                BY_COMPACT[h.compact - 32] = h;
            }
        }
    }

    private final String canonical;
    private final char compact;
    private final boolean joinable;
    private final byte[] lowerBytes;

    HeaderName(String canonical, int compact, boolean joinable) {
        this.canonical = canonical;
        this.compact = (char) compact;
        this.joinable = joinable;
        this.lowerBytes = canonical.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
    }

    private static void insert(byte[] key, HeaderName h) {
        int n = key.length;
        int slot = hash(key, 0, n) & (TABLE_SIZE - 1);
        while (TABLE_LEN[slot] != 0) {
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
        TABLE[slot] = h;
        TABLE_LEN[slot] = n;
        TABLE_KEY[slot * 3] = word(key, 0, n);
        TABLE_KEY[slot * 3 + 1] = word(key, 8, n - 8);
        TABLE_KEY[slot * 3 + 2] = word(key, 16, n - 16);
        for (int i = 0; i < n; i++) {
            if (key[i] >= 'a' && key[i] <= 'z') {
                TABLE_FOLD[slot * 3 + (i >>> 3)] |= 0x20L << ((i & 7) << 3);
            }
        }
        for (int w = 0; w < 3; w++) {
            PROBE[slot * 8 + w] = TABLE_KEY[slot * 3 + w];
            PROBE[slot * 8 + 3 + w] = TABLE_FOLD[slot * 3 + w];
        }
        PROBE[slot * 8 + 6] = h.ordinal() | (n << 8);
    }

    /**
     * The first {@code min(n, 8)} bytes at {@code i} as a little-endian long with {@code | 0x20}
     * applied to each (zero beyond them; 0 when {@code n <= 0}). On token characters {@code | 0x20}
     * folds ASCII letters to lower case and maps no other token character onto a letter, digit or
     * '-' (only '_' changes, to 0x7F), so equal words mean case-insensitively equal names.
     */
    static long word(byte[] b, int i, int n) {
        if (n <= 0) {
            return 0;
        }
        long x;
        if (i + 8 <= b.length) {
            x = (long) LONGS.get(b, i);
        } else {
            // Near the end of the array: assemble the bytes that exist (never read past it).
            x = 0;
            for (int k = Math.min(n, 8) - 1; k >= 0; k--) {
                x = (x << 8) | (b[i + k] & 0xFF);
            }
        }
        x |= FOLD;
        return n >= 8 ? x : x & ((1L << (n << 3)) - 1);
    }

    /** Case-insensitive hash of a token from its first two packed words and its length. */
    static int hash(byte[] b, int from, int to) {
        int n = to - from;
        return hash(word(b, from, n), word(b, from + 8, n - 8), n);
    }

    private static int hash(long w0, long w1, int n) {
        long h = w0 * 0x9E3779B97F4A7C15L + w1 * 0xC2B2AE3D27D4EB4FL + n * 0x165667B19E3779F9L;
        return (int) (h >>> 40);
    }

    /** Full name as written in RFC 3261, e.g. {@code Call-ID}; empty for {@link #OTHER}. */
    public String canonical() {
        return canonical;
    }

    /** Compact form letter (lower case), or 0 when the header has none. */
    public char compact() {
        return compact;
    }

    /**
     * True when several values may share one header line separated by commas (RFC 3261 §7.3.1);
     * false for single-valued headers and for WWW-Authenticate, Authorization, Proxy-Authenticate,
     * Proxy-Authorization and Date, whose values contain commas.
     */
    public boolean joinable() {
        return joinable;
    }

    /** Identifies the header name in {@code b[from, to)}, full or compact form, case-insensitively. */
    public static HeaderName lookup(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 1) {
            int c = b[from] & 0xFF;
            HeaderName h = c < 128 ? BY_COMPACT[c] : null;
            return h == null ? OTHER : h;
        }
        if (n <= 0 || n > MAX_NAME) {
            return OTHER;
        }
        // No name contains a control byte, and | 0x20 would fold CR onto '-' and 0x10-0x19 onto
        // digits: such input (possible here, never from the parser's token scan) is simply OTHER.
        for (int i = from; i < to; i++) {
            if ((b[i] & 0xFF) < 0x20) {
                return OTHER;
            }
        }
        return lookupToken(b, from, to);
    }

    /**
     * {@link #lookup(byte[], int, int)} for a name the parser already scanned as a token (so no
     * control bytes): each packed word is read once, for the hash and the compare alike, and the
     * third only for names longer than 16 bytes.
     */
    static HeaderName lookupToken(byte[] b, int from, int to) {
        int n = to - from;
        if (n == 1) {
            int c = b[from] & 0xFF;
            HeaderName h = c < 128 ? BY_COMPACT[c] : null;
            return h == null ? OTHER : h;
        }
        if (n <= 0 || n > MAX_NAME) {
            return OTHER;
        }
        long w0 = word(b, from, n);
        long w1 = word(b, from + 8, n - 8);
        int slot = hash(w0, w1, n) & (TABLE_SIZE - 1);
        while (true) {
            int len = TABLE_LEN[slot];
            if (len == 0) {
                return OTHER;
            }
            int k = slot * 3;
            if (len == n && TABLE_KEY[k] == w0 && TABLE_KEY[k + 1] == w1
                    && (n <= 16 || TABLE_KEY[k + 2] == word(b, from + 16, n - 16))) {
                return TABLE[slot];
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
    }

    /**
     * The parser's fast path for the common line "Known-Name:": when the bytes at {@code p} up to
     * the first ':' (found eight bytes at a time within the first 24) are exactly a full-form name
     * of this table in any letter case, returns {@code ordinal | (length << 8)}; otherwise 0 and the
     * caller scans the name byte by byte. A hit proves what the byte scan would find: every byte of
     * a table name is a token character and ':' is not, so the token run ends at the colon and the
     * same entry is the match. The name's bytes are compared raw (letters case-folded through
     * {@link #TABLE_FOLD}, every other byte exactly), so no token pre-scan is needed: a CR, a
     * control byte or a blank inside the candidate simply misses. The caller must check that the
     * colon lies inside the message ({@code p + length < scanEnd}). Requires {@code p + 24 <= b.length}.
     */
    static int knownName(byte[] b, int p) {
        long x0 = (long) LONGS.get(b, p);
        long x1 = 0;
        long x2 = 0;
        int n = colonLane(x0);
        if (n == 8) {
            x1 = (long) LONGS.get(b, p + 8);
            int m = colonLane(x1);
            if (m == 8) {
                x2 = (long) LONGS.get(b, p + 16);
                m = colonLane(x2);
                if (m == 8) {
                    return 0;
                }
                x2 &= (1L << (m << 3)) - 1;
                n = 16 + m;
            } else {
                x1 &= (1L << (m << 3)) - 1;
                n = 8 + m;
            }
        } else {
            x0 &= (1L << (n << 3)) - 1;
        }
        if (n < 2) {
            // Empty name (an error) or a compact form: the byte scan handles both.
            return 0;
        }
        // The table is hashed on fully folded words; zero lanes stay zero under the mask below.
        long m0 = n >= 8 ? -1L : (1L << (n << 3)) - 1;
        long m1 = n >= 16 ? -1L : n <= 8 ? 0 : (1L << ((n - 8) << 3)) - 1;
        int slot = hash((x0 | FOLD) & m0, (x1 | FOLD) & m1, n) & (TABLE_SIZE - 1);
        long[] t = PROBE;
        while (true) {
            int k = slot << 3;
            long meta = t[k + 6];
            // One branch for the whole compare: the differences of the three words and of the
            // length are OR-ed (a hit on the first probe is the common case).
            long diff = ((x0 | t[k + 3]) ^ t[k]) | ((x1 | t[k + 4]) ^ t[k + 1]) | ((x2 | t[k + 5]) ^ t[k + 2])
                    | ((meta >>> 8) ^ n);
            if (diff == 0) {
                return (int) meta;
            }
            if (meta == 0) {
                return 0;
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
    }

    /** Lane (0-7) of the first ':' in a little-endian word, or 8 (SWAR zero-byte test on x ^ ':'). */
    private static int colonLane(long x) {
        long t = x ^ 0x3A3A3A3A3A3A3A3AL;
        long z = (t - 0x0101010101010101L) & ~t & 0x8080808080808080L;
        // The lowest flagged lane is always a true match (borrows only propagate upwards).
        return Long.numberOfTrailingZeros(z) >>> 3;
    }

    /** Identifies a header name given as a string (full or compact, any case). */
    public static HeaderName lookup(String name) {
        int spelling = spellingSlot(name);
        if (name.equals(SPELLING_KEY[spelling])) {
            return SPELLING_VALUE[spelling];
        }
        // Same result as lookup(name.getBytes(ISO_8859_1), ...) without the array: a char above
        // 0xFF (encoded as '?') or a control char matches no name; words are packed as word() does.
        int n = name.length();
        if (n == 0 || n > MAX_NAME) {
            return OTHER;
        }
        long w0 = 0;
        long w1 = 0;
        long w2 = 0;
        for (int i = 0; i < n; i++) {
            char c = name.charAt(i);
            if (c < 0x20 || c > 0xFF) {
                return OTHER;
            }
            long folded = (c | 0x20) & 0xFFL;
            int shift = (i & 7) << 3;
            if (i < 8) {
                w0 |= folded << shift;
            } else if (i < 16) {
                w1 |= folded << shift;
            } else {
                w2 |= folded << shift;
            }
        }
        if (n == 1) {
            char c = name.charAt(0);
            HeaderName h = c < 128 ? BY_COMPACT[c] : null;
            return h == null ? OTHER : h;
        }
        int slot = hash(w0, w1, n) & (TABLE_SIZE - 1);
        while (true) {
            int len = TABLE_LEN[slot];
            if (len == 0) {
                return OTHER;
            }
            int k = slot * 3;
            if (len == n && TABLE_KEY[k] == w0 && TABLE_KEY[k + 1] == w1 && TABLE_KEY[k + 2] == w2) {
                return TABLE[slot];
            }
            slot = (slot + 1) & (TABLE_SIZE - 1);
        }
    }

    private static int spellingSlot(String name) {
        int h = name.hashCode();
        return (h ^ (h >>> 9) ^ (h >>> 18)) & (SPELLING_SIZE - 1);
    }

    /** The enum constant with this ordinal (used by the header table, which stores ordinals). */
    public static HeaderName ofOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}
