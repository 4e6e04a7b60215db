package io.sbc.signaling.message;

import io.sbc.signaling.codec.ByteClass;
import io.sbc.signaling.codec.SipGrammar;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Ordered, immutable list of {@code ;name[=value]} parameters (URI, Via, name-addr, media type).
 * Names compare case-insensitively (RFC 3261 §7.3.1, §19.1.4); values are kept as written
 * (a quoted-string keeps its quotes). A flag parameter has the value "" and writes no "=".
 *
 * <p>Parameters of a parsed message are split into Strings on first use, not when the Via or
 * name-addr holding them is built: most of them (lr, transport, rport, received, user, ...) are
 * never read, and building their Strings was about a tenth of a full parse (JFR, issue #2).
 * Safe to share between threads: the unparsed source is final, and the parsed pairs are published
 * through a volatile field (parsing twice in a race yields equal results).
 */
public final class Params {
    private static final String[] EMPTY_PAIRS = new String[0];
    public static final Params EMPTY = new Params(EMPTY_PAIRS);

    /** name0, value0 (null for a flag), name1, value1, ...; null while {@link #src} is unparsed. */
    private final String[] eager;
    /** Unparsed parameters {@code src[from, to)} (null when {@link #eager} is set). */
    private final byte[] src;
    private final int from;
    private final int to;
    private volatile String[] parsed;

    private Params(String[] pairs) {
        this.eager = pairs;
        this.src = null;
        this.from = 0;
        this.to = 0;
    }

    private Params(byte[] src, int from, int to) {
        this.eager = null;
        this.src = src;
        this.from = from;
        this.to = to;
    }

    /**
     * Parameters in {@code b[p, end)} (starting at a ';', white space and folds tolerated), split
     * on first use; {@link #EMPTY} when there is none. The caller must not change {@code b}
     * afterwards (message bytes are never changed once parsed).
     */
    static Params lazy(byte[] b, int p, int end) {
        int q = SipGrammar.skipSws(b, p, end);
        return q < end && b[q] == ';' ? new Params(b, p, end) : EMPTY;
    }

    private String[] pairs() {
        String[] p = eager;
        if (p == null) {
            p = parsed;
            if (p == null) {
                p = split(src, from, to);
                parsed = p;
            }
        }
        return p;
    }

    /** Parses parameters in {@code b[p, end)} starting at a ';' (white space and folds tolerated). */
    static Params parse(byte[] b, int p, int end) {
        String[] pairs = split(b, p, end);
        return pairs.length == 0 ? EMPTY : new Params(pairs);
    }

    private static String[] split(byte[] b, int p, int end) {
        String[] out = new String[6];
        int n = 0;
        while (true) {
            int q = SipGrammar.skipSws(b, p, end);
            if (q >= end || b[q] != ';') {
                break;
            }
            q = SipGrammar.skipSws(b, q + 1, end);
            int ne = q;
            while (ne < end && b[ne] != '=' && b[ne] != ';' && b[ne] != ' ' && b[ne] != '\t' && b[ne] != '\r'
                    && b[ne] != '\n' && b[ne] != '?' && b[ne] != ',' && b[ne] != '>') {
                ne++;
            }
            if (ne == q) {
                break;
            }
            String name = io.sbc.signaling.codec.AsciiStrings.of(b, q, ne);
            String value = null;
            p = ne;
            int r = SipGrammar.skipSws(b, ne, end);
            if (r < end && b[r] == '=') {
                r = SipGrammar.skipSws(b, r + 1, end);
                int v;
                if (r < end && b[r] == '"') {
                    v = SipGrammar.scanQuoted(b, r, end);
                    if (v < 0) {
                        v = end;
                    }
                } else {
                    v = r;
                    while (v < end && b[v] != ';' && b[v] != ' ' && b[v] != '\t' && b[v] != '\r' && b[v] != '\n'
                            && b[v] != '?' && b[v] != ',' && b[v] != '>') {
                        v++;
                    }
                }
                value = v - r <= 3 ? io.sbc.signaling.codec.AsciiStrings.of(b, r, v) : io.sbc.signaling.codec.AsciiStrings.utf8(b, r, v - r);
                p = v;
            }
            if (n + 2 > out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[n++] = name;
            out[n++] = value;
        }
        return n == 0 ? EMPTY_PAIRS : Arrays.copyOf(out, n);
    }

    /** Parses {@code ";a=b;c"} (leading ';' required for the first parameter). */
    public static Params parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    public int size() {
        return pairs().length / 2;
    }

    public String name(int i) {
        return pairs()[2 * i];
    }

    /** Value of parameter {@code i}; "" for a flag. */
    public String value(int i) {
        String v = pairs()[2 * i + 1];
        return v == null ? "" : v;
    }

    /** Value of the first parameter named {@code name} (case-insensitive); "" for a flag; null when absent. */
    public String get(String name) {
        String[] pairs = pairs();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                return pairs[i + 1] == null ? "" : pairs[i + 1];
            }
        }
        return null;
    }

    public boolean has(String name) {
        return get(name) != null;
    }

    /** Copy with {@code name} set to {@code value} (null or "" for a flag), replacing in place or appending. */
    public Params with(String name, String value) {
        String[] pairs = pairs();
        String v = value == null || value.isEmpty() ? null : value;
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i].equalsIgnoreCase(name)) {
                String[] copy = pairs.clone();
                copy[i + 1] = v;
                return new Params(copy);
            }
        }
        String[] copy = Arrays.copyOf(pairs, pairs.length + 2);
        copy[pairs.length] = name;
        copy[pairs.length + 1] = v;
        return new Params(copy);
    }

    /** Copy without any parameter named {@code name}. */
    public Params without(String name) {
        String[] pairs = pairs();
        String[] copy = new String[pairs.length];
        int n = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            if (!pairs[i].equalsIgnoreCase(name)) {
                copy[n++] = pairs[i];
                copy[n++] = pairs[i + 1];
            }
        }
        return n == pairs.length ? this : n == 0 ? EMPTY : new Params(Arrays.copyOf(copy, n));
    }

    /** Wire form, {@code ";a=b;c"}; empty string when there are none. */
    @Override
    public String toString() {
        if (pairs().length == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        appendTo(sb);
        return sb.toString();
    }

    void appendTo(StringBuilder sb) {
        String[] pairs = pairs();
        for (int i = 0; i < pairs.length; i += 2) {
            sb.append(';').append(pairs[i]);
            if (pairs[i + 1] != null) {
                sb.append('=').append(pairs[i + 1]);
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && Arrays.equals(p.pairs(), pairs());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(pairs());
    }

    /** Lower-case ASCII without allocating when already lower case. */
    static String lower(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                return s.toLowerCase(java.util.Locale.ROOT);
            }
        }
        return s;
    }

    static boolean isTokenByte(byte c) {
        return ByteClass.is(c, ByteClass.TOKEN);
    }
}
