package io.sbc.signaling.codec;

import static io.sbc.signaling.codec.ByteClass.is;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * RFC 3261 §25 grammar over byte ranges, allocation-free. Every {@code scanX(b, p, end)} reads
 * from {@code p}, never past {@code end}, and returns the position after what it consumed, or
 * {@link #FAIL} when the input does not match. Nothing throws for malformed input. Header values
 * are given raw, so linear white space may contain folds (CRLF or LF followed by SP/HT).
 *
 * <p>Stateless; safe from any thread. Used by {@link SipParser} to validate the core headers at
 * parse time, and by the message classes to build their objects on first access.
 */
public final class SipGrammar {
    public static final int FAIL = -1;

    public static final int URI_SIP = 1;
    public static final int URI_SIPS = 2;
    public static final int URI_TEL = 3;
    public static final int URI_OTHER = 4;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** "sip:" as a little-endian int; compared after {@code | 0x202020} (letters folded, ':' exact). */
    private static final int SIP_COLON = 's' | 'i' << 8 | 'p' << 16 | ':' << 24;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
    /** "SIP/2.0/" as a little-endian word. */
    private static final long SIP_2_0_SLASH = 0x2F302E322F504953L;
    /** "udp ", "tcp ", "tls " as little-endian ints; compared after {@code | 0x202020} (see scanViaSentBy). */
    private static final int UDP_SP = 'u' | 'd' << 8 | 'p' << 16 | ' ' << 24;
    private static final int TCP_SP = 't' | 'c' << 8 | 'p' << 16 | ' ' << 24;
    private static final int TLS_SP = 't' | 'l' << 8 | 's' << 16 | ' ' << 24;

    private SipGrammar() {}

    /**
     * Index of the first LF in {@code b[p, end)}, or -1. Reads 8 bytes per step (SWAR zero-byte
     * test): line scanning is most of the framing work, and this measured about 4x faster than a
     * byte loop on a 1 KB INVITE.
     */
    public static int indexOfLf(byte[] b, int p, int end) {
        int i = p;
        // Two words per step: one exit test per 16 bytes (header lines average ~45 bytes).
        for (; i + 16 <= end; i += 16) {
            long x = (long) LONGS.get(b, i) ^ LFS;
            long y = (long) LONGS.get(b, i + 8) ^ LFS;
            long t = (x - ONES) & ~x & HIGHS;
            long u = (y - ONES) & ~y & HIGHS;
            if ((t | u) != 0) {
                // The lowest flagged byte is always a true match (borrows only propagate upwards).
                return t != 0 ? i + (Long.numberOfTrailingZeros(t) >>> 3) : i + 8 + (Long.numberOfTrailingZeros(u) >>> 3);
            }
        }
        for (; i + 8 <= end; i += 8) {
            long x = (long) LONGS.get(b, i) ^ LFS;
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < end; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Skips SWS: spaces, tabs and line folds (RFC 3261 §7.3.1, §25.1 LWS). */
    public static int skipSws(byte[] b, int p, int end) {
        // Fast exit kept tiny so the JIT inlines it at every call site: most calls stand on a
        // visible character (every blank and line break is <= SP; bytes >= 0x80 are negative).
        if (p >= end || b[p] > ' ') {
            return p;
        }
        return skipSwsSlow(b, p, end);
    }

    private static int skipSwsSlow(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c == ' ' || c == '\t') {
                p++;
            } else if (c == '\r' && p + 2 < end && b[p + 1] == '\n' && is(b[p + 2], ByteClass.WS)) {
                p += 3;
            } else if (c == '\n' && p + 1 < end && is(b[p + 1], ByteClass.WS)) {
                p += 2;
            } else {
                break;
            }
        }
        return p;
    }

    /** Position before trailing white space and folds of {@code b[from, end)}. */
    public static int trimEnd(byte[] b, int from, int end) {
        while (end > from) {
            byte c = b[end - 1];
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                end--;
            } else {
                break;
            }
        }
        return end;
    }

    /** Scans a run of bytes of class {@code flags}; returns its end (== p when empty). */
    public static int scanRun(byte[] b, int p, int end, int flags) {
        while (p < end && is(b[p], flags)) {
            p++;
        }
        return p;
    }

    /** Index of byte {@code c} in {@code b[p, end)}, or -1. */
    public static int indexOf(byte[] b, int p, int end, byte c) {
        // Eight bytes per step as in indexOfLf: the searches for '@', '>', ',' and '?' in URIs and
        // addresses cross 10-40 bytes each and were the top frame of a full parse (JFR, issue #2).
        int i = p;
        if (i + 8 <= end) {
            long pattern = (c & 0xFFL) * ONES;
            do {
                long x = (long) LONGS.get(b, i) ^ pattern;
                long t = (x - ONES) & ~x & HIGHS;
                if (t != 0) {
                    // The lowest flagged byte is always a true match (borrows only propagate upwards).
                    return i + (Long.numberOfTrailingZeros(t) >>> 3);
                }
                i += 8;
            } while (i + 8 <= end);
        }
        for (; i < end; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** quoted-string starting at the DQUOTE at {@code p}; returns the position after the closing DQUOTE. */
    public static int scanQuoted(byte[] b, int p, int end) {
        if (p >= end || b[p] != '"') {
            return FAIL;
        }
        p++;
        while (p < end) {
            byte c = b[p];
            if (c == '"') {
                return p + 1;
            }
            if (c == '\\') {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
                if (p + 1 >= end || b[p + 1] == '\r' || b[p + 1] == '\n' || b[p + 1] < 0) {
                    return FAIL;
                }
                p += 2;
            } else if (c == '\r' || c == '\n') {
                int q = skipSws(b, p, end);
                if (q == p) {
                    return FAIL;
                }
                p = q;
            } else {
                p++;
            }
        }
        return FAIL;
    }

    private static int scanEscaped(byte[] b, int p, int end) {
        if (p + 2 < end && is(b[p + 1], ByteClass.HEX) && is(b[p + 2], ByteClass.HEX)) {
            return p + 3;
        }
        return FAIL;
    }

    /** Run of {@code flags} bytes or %HH escapes; FAIL on a bad escape. */
    private static int scanEscapedRun(byte[] b, int p, int end, int flags) {
        while (p < end) {
            byte c = b[p];
            if (is(c, flags)) {
                p++;
            } else if (c == '%') {
                p = scanEscaped(b, p, end);
                if (p < 0) {
                    return FAIL;
                }
            } else {
                break;
            }
        }
        return p;
    }

    /** IPv6reference "[" IPv6address "]" (liberal: hex, ':' and '.', at least two colons; RFC 5118 §4.10). */
    public static int scanIpv6Reference(byte[] b, int p, int end) {
        if (p >= end || b[p] != '[') {
            return FAIL;
        }
        int colons = 0;
        int q = p + 1;
        while (q < end) {
            byte c = b[q];
            if (c == ']') {
                return colons >= 2 && q - p <= 46 ? q + 1 : FAIL;
            }
            if (c == ':') {
                colons++;
            } else if (c != '.' && !is(c, ByteClass.HEX)) {
                return FAIL;
            }
            q++;
        }
        return FAIL;
    }

    /** host = hostname / IPv4address / IPv6reference. */
    public static int scanHost(byte[] b, int p, int end) {
        if (p < end && b[p] == '[') {
            return scanIpv6Reference(b, p, end);
        }
        int q = scanRun(b, p, end, ByteClass.HOST);
        if (q == p || b[p] == '.' || b[p] == '-') {
            return FAIL;
        }
        return q;
    }

    /** port = 1*DIGIT, at most 65535. */
    public static int scanPort(byte[] b, int p, int end) {
        int v = 0;
        int q = p;
        while (q < end && is(b[q], ByteClass.DIGIT)) {
            v = v * 10 + (b[q] - '0');
            if (v > 65535) {
                return FAIL;
            }
            q++;
        }
        return q == p ? FAIL : q;
    }

    /** Case-insensitive match of ASCII {@code lower} at {@code p}. */
    public static boolean matchesLower(byte[] b, int p, int end, String lower) {
        int n = lower.length();
        if (end - p < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (ByteClass.lower(b[p + i]) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Position of the ':' ending a URI scheme starting at {@code p}, or FAIL. */
    /**
     * True when {@code b[p, end)} starts with "sip:" in any letter case (one int compare, see
     * {@link #uriEnd}); {@link #schemeKind} then says {@link #URI_SIP} with the colon at p + 3.
     */
    public static boolean startsWithSipColon(byte[] b, int p, int end) {
        return p + 4 <= end && ((int) INTS.get(b, p) | 0x202020) == SIP_COLON;
    }

    public static int schemeEnd(byte[] b, int p, int end) {
        if (p >= end || !is(b[p], ByteClass.ALPHA)) {
            return FAIL;
        }
        int q = scanRun(b, p + 1, end, ByteClass.SCHEME);
        return q < end && b[q] == ':' ? q : FAIL;
    }

    /**
     * Validates that {@code b[p, end)} is exactly one URI; returns {@link #URI_SIP}, {@link #URI_SIPS},
     * {@link #URI_TEL}, {@link #URI_OTHER} (absoluteURI of another scheme, RFC 3261 §19.1.1 / RFC 4475
     * §3.3.2), or FAIL.
     */
    public static int scanUri(byte[] b, int p, int end) {
        int colon = schemeEnd(b, p, end);
        if (colon < 0) {
            return FAIL;
        }
        int kind = schemeKind(b, p, colon);
        if (kind == URI_SIP || kind == URI_SIPS) {
            return scanSipUriRest(b, colon + 1, end) == end ? kind : FAIL;
        }
        if (kind == URI_TEL) {
            return scanTelRest(b, colon + 1, end) == end ? URI_TEL : FAIL;
        }
        int q = scanEscapedRun(b, colon + 1, end, ByteClass.URIC | ByteClass.UNRESERVED);
        return q == end && q > colon + 1 ? URI_OTHER : FAIL;
    }

    /**
     * End of the longest URI prefix of {@code b[p, end)} the URI grammar accepts (see
     * {@link #scanUri}), or FAIL. No URI character class contains SP, HT, '>' or a line break,
     * so when the URI is followed by one of those at position e, {@code uriEnd(b, p, end) == e}
     * exactly when {@code scanUri(b, p, e)} succeeds (every look-ahead of the scanners fails the
     * same way on such a delimiter as on the end of the range): one pass instead of finding the
     * delimiter first and then scanning the URI again.
     */
    public static int uriEnd(byte[] b, int p, int end) {
        // "sip:" in any letter case, as nearly every URI starts: schemeEnd would stop at that ':'
        // (s, i, p are scheme characters, ':' is not) and schemeKind would say URI_SIP. One int
        // compare instead of the scheme run and the packing: | 0x202020 folds exactly the case
        // of 's', 'i' and 'p' (no other byte maps onto them) and leaves the ':' lane untouched.
        if (p + 4 <= end && ((int) INTS.get(b, p) | 0x202020) == SIP_COLON) {
            return scanSipUriRest(b, p + 4, end);
        }
        int colon = schemeEnd(b, p, end);
        if (colon < 0) {
            return FAIL;
        }
        int kind = schemeKind(b, p, colon);
        if (kind == URI_SIP || kind == URI_SIPS) {
            return scanSipUriRest(b, colon + 1, end);
        }
        if (kind == URI_TEL) {
            return scanTelRest(b, colon + 1, end);
        }
        int q = scanEscapedRun(b, colon + 1, end, ByteClass.URIC | ByteClass.UNRESERVED);
        return q > colon + 1 ? q : FAIL;
    }

    /**
     * Scheme of a name {@code b[p, colon)} that {@link #schemeEnd} accepted: {@link #URI_SIP},
     * {@link #URI_SIPS}, {@link #URI_TEL} (any letter case) or {@link #URI_OTHER}. The bytes are
     * packed into an int and compared with {@code | 0x20}, which on scheme characters (letters,
     * digits, "+", "-", ".") folds exactly the letters' case and changes nothing else, so this is
     * the same case-insensitive comparison as {@link #matchesLower} without a per-char loop.
     * Also used to pick the URI type when building an already validated URI.
     */
    public static int schemeKind(byte[] b, int p, int colon) {
        int n = colon - p;
        if (n != 3 && n != 4) {
            return URI_OTHER;
        }
        int w = ((b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16) | 0x202020;
        if (n == 4) {
            return w == ('s' | 'i' << 8 | 'p' << 16) && (b[p + 3] | 0x20) == 's' ? URI_SIPS : URI_OTHER;
        }
        return w == ('s' | 'i' << 8 | 'p' << 16) ? URI_SIP : w == ('t' | 'e' << 8 | 'l' << 16) ? URI_TEL : URI_OTHER;
    }

    /** The part of a SIP-URI after "sip:" (RFC 3261 §19.1.1, §25.1). */
    static int scanSipUriRest(byte[] b, int p, int end) {
        // userinfo is present iff an '@' ends the user (and optional password) characters; one
        // pass in the common case instead of searching for '@' first.
        // The host characters come first (HOST is a subset of USER and holds no '%', so the user
        // scan continues from h with the same result); without userinfo that run is the host.
        int h = scanRun(b, p, end, ByteClass.HOST);
        int u = scanEscapedRun(b, h, end, ByteClass.USER);
        if (u < 0) {
            return FAIL;
        }
        if (u < end && b[u] == ':') {
            int r = scanEscapedRun(b, u + 1, end, ByteClass.PASSWORD);
            if (r < 0) {
                return FAIL;
            }
            u = r;
        }
        if (u < end && b[u] == '@') {
            // An empty user ("sip:@host") is outside the ABNF but sent by real tools (captured
            // metasploit INVITE); accepted liberally, it reads as user "".
            p = scanHost(b, u + 1, end);
        } else if (h > p && b[p] != '.' && b[p] != '-') {
            // What scanHost(b, p, end) returns here: b[p] is a host character, so not '['.
            p = h;
        } else {
            p = scanHost(b, p, end);
        }
        if (p < 0) {
            return FAIL;
        }
        if (p < end && b[p] == ':') {
            p = scanPort(b, p + 1, end);
            if (p < 0) {
                return FAIL;
            }
        }
        while (p < end && b[p] == ';') {
            int q = scanEscapedRun(b, p + 1, end, ByteClass.PARAMCHAR);
            if (q <= p + 1) {
                return FAIL;
            }
            if (q < end && b[q] == '=') {
                int v = scanEscapedRun(b, q + 1, end, ByteClass.PARAMCHAR);
                if (v <= q + 1) {
                    return FAIL;
                }
                q = v;
            }
            p = q;
        }
        if (p < end && b[p] == '?') {
            do {
                int q = scanEscapedRun(b, p + 1, end, ByteClass.HNV);
                if (q <= p + 1 || q >= end || b[q] != '=') {
                    return FAIL;
                }
                q = scanEscapedRun(b, q + 1, end, ByteClass.HNV);
                if (q < 0) {
                    return FAIL;
                }
                p = q;
            } while (p < end && b[p] == '&');
        }
        return p;
    }

    /** telephone-subscriber and parameters after "tel:" (RFC 3966 §3, liberal on separators). */
    static int scanTelRest(byte[] b, int p, int end) {
        int q = scanRun(b, p, end, ByteClass.TEL);
        if (q == p) {
            return FAIL;
        }
        while (q < end && b[q] == ';') {
            int n = scanEscapedRun(b, q + 1, end, ByteClass.PARAMCHAR);
            if (n <= q + 1) {
                return FAIL;
            }
            if (n < end && b[n] == '=') {
                int v = scanEscapedRun(b, n + 1, end, ByteClass.PARAMCHAR | ByteClass.TEL);
                if (v <= n + 1) {
                    return FAIL;
                }
                n = v;
            }
            q = n;
        }
        return q;
    }

    /** Generic parameters {@code *( SEMI token [ EQUAL gen-value ] )}; returns the end of the last one. */
    public static int scanParams(byte[] b, int p, int end) {
        while (true) {
            int q = skipSws(b, p, end);
            if (q >= end || b[q] != ';') {
                return p;
            }
            q = skipSws(b, q + 1, end);
            int n = scanRun(b, q, end, ByteClass.TOKEN);
            if (n == q) {
                return FAIL;
            }
            p = n;
            int r = skipSws(b, n, end);
            if (r < end && b[r] == '=') {
                r = skipSws(b, r + 1, end);
                int v = r < end && b[r] == '"' ? scanQuoted(b, r, end) : scanRun(b, r, end, ByteClass.GENVALUE);
                if (v <= r) {
                    return FAIL;
                }
                p = v;
            }
        }
    }

    /** End of an addr-spec written without angle brackets (RFC 3261 §20: no ',', ';' or '?' then). */
    public static int addrSpecEnd(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c == ';' || c == ',' || c == '?' || c == ' ' || c == '\t' || c == '\r' || c == '\n'
                    || c == '<' || c == '>' || c == '"') {
                break;
            }
            p++;
        }
        return p;
    }

    /**
     * ( name-addr / addr-spec ) *( SEMI generic-param ), as in From, To, Contact; with
     * {@code bracketsRequired} only name-addr (Route, Record-Route). Starts at a non-blank byte.
     */
    public static int scanAddress(byte[] b, int p, int end, boolean bracketsRequired) {
        int lt;
        if (p >= end) {
            return FAIL;
        }
        if (b[p] == '"') {
            int q = scanQuoted(b, p, end);
            if (q < 0) {
                return FAIL;
            }
            lt = skipSws(b, q, end);
        } else if (b[p] == '<') {
            lt = p;
        } else {
            // display-name = *(token LWS); RFC 4475 §3.1.1.6 allows no LWS before '<'.
            int q = p;
            while (true) {
                int t = scanRun(b, q, end, ByteClass.TOKEN);
                if (t == q) {
                    break;
                }
                q = skipSws(b, t, end);
            }
            if (q < end && b[q] == '<') {
                lt = q;
            } else {
                if (bracketsRequired) {
                    return FAIL;
                }
                int u = addrSpecEnd(b, p, end);
                if (scanUri(b, p, u) < 0) {
                    return FAIL;
                }
                return scanParams(b, u, end);
            }
        }
        if (lt >= end || b[lt] != '<') {
            return FAIL;
        }
        // Same verdict as "first '>' after '<', then scanUri up to it" (see uriEnd), in one pass.
        int gt = uriEnd(b, lt + 1, end);
        if (gt < 0 || gt >= end || b[gt] != '>') {
            return FAIL;
        }
        return scanParams(b, gt + 1, end);
    }

    /** One address value filling the whole of {@code b[p, end)} (From, To). */
    public static boolean isSingleAddress(byte[] b, int p, int end) {
        int q = scanAddress(b, skipSws(b, p, end), end, false);
        return q >= 0 && skipSws(b, q, end) == end;
    }

    /**
     * Comma-separated address list filling {@code b[p, end)}; returns the number of values or FAIL.
     * With {@code starAllowed} a lone "*" counts as one value (Contact, RFC 3261 §20.10).
     */
    public static int scanAddressList(byte[] b, int p, int end, boolean bracketsRequired, boolean starAllowed) {
        p = skipSws(b, p, end);
        if (starAllowed && p < end && b[p] == '*' && skipSws(b, p + 1, end) == end) {
            return 1;
        }
        int count = 0;
        while (true) {
            int q = scanAddress(b, p, end, bracketsRequired);
            if (q < 0) {
                return FAIL;
            }
            count++;
            q = skipSws(b, q, end);
            if (q == end) {
                return count;
            }
            if (b[q] != ',') {
                return FAIL;
            }
            p = skipSws(b, q + 1, end);
        }
    }

    /** via-parm = sent-protocol LWS sent-by *( SEMI via-params ) (RFC 3261 §20.42). */
    public static int scanViaParm(byte[] b, int p, int end) {
        p = scanViaSentBy(b, p, end);
        return p < 0 ? FAIL : scanParams(b, p, end);
    }

    /**
     * The start of a via-parm up to the end of sent-by: what a response is routed by (RFC 3261
     * §18.2.2), so a request whose top Via has only malformed parameters can still be answered.
     */
    public static int scanViaSentBy(byte[] b, int p, int end) {
        int part = 0;
        if (p + 8 <= end && (long) LONGS.get(b, p) == SIP_2_0_SLASH) {
            // "SIP/2.0/" as nearly every peer writes it: the loop below would take "SIP" and
            // "2.0" as tokens and each '/' with no blanks around it, then skip any SWS before
            // the transport; do just that last step.
            p = skipSws(b, p + 8, end);
            part = 2;
            // The transport as nearly every peer writes it, UDP/TCP/TLS and one SP: the token run
            // would end at that SP (not a token character) and the SWS after it must be non-empty,
            // which the SP is. | 0x202020 folds exactly the three letters' case (bit 5 is the
            // only one it sets, and only 'U'/'u' etc. map onto these lower-case letters) and
            // leaves the SP lane as written. One compare instead of a three-byte loop.
            if (p + 4 <= end) {
                int w = (int) INTS.get(b, p) | 0x202020;
                if (w == UDP_SP || w == TCP_SP || w == TLS_SP) {
                    p = skipSws(b, p + 4, end);
                    part = 3;
                }
            }
        }
        for (; part < 3; part++) {
            int t = scanRun(b, p, end, ByteClass.TOKEN);
            if (t == p) {
                return FAIL;
            }
            if (part < 2) {
                int s = skipSws(b, t, end);
                if (s >= end || b[s] != '/') {
                    return FAIL;
                }
                p = skipSws(b, s + 1, end);
            } else {
                p = skipSws(b, t, end);
                if (p == t) {
                    return FAIL;
                }
            }
        }
        int h = scanHost(b, p, end);
        if (h < 0) {
            return FAIL;
        }
        p = h;
        int c = skipSws(b, h, end);
        if (c < end && b[c] == ':') {
            p = scanPort(b, skipSws(b, c + 1, end), end);
        }
        return p;
    }

    /** Via value list filling {@code b[p, end)}; returns the number of via-parms or FAIL. */
    public static int scanViaList(byte[] b, int p, int end) {
        p = skipSws(b, p, end);
        int count = 0;
        while (true) {
            int q = scanViaParm(b, p, end);
            if (q < 0) {
                return FAIL;
            }
            count++;
            q = skipSws(b, q, end);
            if (q == end) {
                return count;
            }
            if (b[q] != ',') {
                return FAIL;
            }
            p = skipSws(b, q + 1, end);
        }
    }

    /** callid = word [ "@" word ], the whole range. */
    public static boolean isCallId(byte[] b, int p, int end) {
        int q = scanRun(b, p, end, ByteClass.WORD);
        if (q == p) {
            return false;
        }
        if (q < end && b[q] == '@') {
            int r = scanRun(b, q + 1, end, ByteClass.WORD);
            if (r == q + 1) {
                return false;
            }
            q = r;
        }
        return q == end;
    }

    /** Unsigned decimal filling {@code b[p, end)} with at most {@code maxDigits} digits, or -1. */
    public static long parseDigits(byte[] b, int p, int end, int maxDigits) {
        if (p >= end || end - p > maxDigits) {
            return -1;
        }
        long v = 0;
        for (int i = p; i < end; i++) {
            byte c = b[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * CSeq = 1*DIGIT LWS Method (RFC 3261 §20.16); sequence number at most 2^31-1 (§8.1.1.5).
     * Returns the start of the method (which runs to {@code end}), or FAIL.
     */
    public static int cseqMethodStart(byte[] b, int p, int end) {
        int d = scanRun(b, p, end, ByteClass.DIGIT);
        // Leading zeros are legal (RFC 4475 §3.1.1.1 "0009"), so strip them before the length check.
        int z = p;
        while (z < d - 1 && b[z] == '0') {
            z++;
        }
        if (d == p || d - z > 10) {
            return FAIL;
        }
        // Same value as parseDigits(b, z, d, 10): the run holds only digits.
        long n = 0;
        for (int i = z; i < d; i++) {
            n = n * 10 + (b[i] - '0');
        }
        if (n > 0x7FFFFFFFL) {
            return FAIL;
        }
        int m = skipSws(b, d, end);
        if (m == d) {
            return FAIL;
        }
        return scanRun(b, m, end, ByteClass.TOKEN) == end && m < end ? m : FAIL;
    }

    /** Decimal value with leading zeros allowed, at most {@code max}; -1 when malformed or larger. */
    public static long parseBounded(byte[] b, int p, int end, long max) {
        while (p < end - 1 && b[p] == '0') {
            p++;
        }
        long v = parseDigits(b, p, end, 18);
        return v > max ? -1 : v;
    }

    /** media-type = m-type SLASH m-subtype *(SEMI m-parameter) (RFC 3261 §20.15), whole range. */
    public static boolean isMediaType(byte[] b, int p, int end) {
        int t = scanRun(b, p, end, ByteClass.TOKEN);
        if (t == p) {
            return false;
        }
        int s = skipSws(b, t, end);
        if (s >= end || b[s] != '/') {
            return false;
        }
        int st = skipSws(b, s + 1, end);
        int u = scanRun(b, st, end, ByteClass.TOKEN);
        if (u == st) {
            return false;
        }
        int q = scanParams(b, u, end);
        return q >= 0 && skipSws(b, q, end) == end;
    }
}
