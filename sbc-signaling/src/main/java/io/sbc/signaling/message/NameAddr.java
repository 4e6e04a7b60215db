package io.sbc.signaling.message;

import io.sbc.signaling.codec.ByteClass;
import io.sbc.signaling.codec.SipGrammar;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * name-addr or addr-spec with header parameters, as in From, To, Contact, Route, Record-Route
 * (RFC 3261 §20.10, §20.20, §20.39). Immutable; {@code with*} return copies. {@link #toString()}
 * always writes the URI in angle brackets, which is valid wherever this type appears and keeps
 * URI parameters apart from header parameters (RFC 3261 §20.10).
 */
public final class NameAddr {
    private static final NameAddr STAR = new NameAddr(null, null, Params.EMPTY);

    /** Display name as written (quoted-string with its quotes, or tokens), or null. */
    private final String displayRaw;
    private final Uri uri;
    private final Params params;

    private NameAddr(String displayRaw, Uri uri, Params params) {
        this.displayRaw = displayRaw;
        this.uri = uri;
        this.params = params;
    }

    /** The Contact value "*" (RFC 3261 §10.2.2: remove all bindings). */
    public static NameAddr star() {
        return STAR;
    }

    public static NameAddr of(Uri uri) {
        return new NameAddr(null, Objects.requireNonNull(uri, "uri"), Params.EMPTY);
    }

    /** With a display name, written as a quoted-string (quotes and backslashes escaped). */
    public static NameAddr of(String displayName, Uri uri) {
        return of(uri).withDisplayName(displayName);
    }

    /** Parses one value (e.g. a From header value); null when malformed. "*" gives {@link #star()}. */
    public static NameAddr parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int p = SipGrammar.skipSws(b, 0, b.length);
        int end = SipGrammar.trimEnd(b, p, b.length);
        if (end - p == 1 && b[p] == '*') {
            return STAR;
        }
        if (!SipGrammar.isSingleAddress(b, p, end)) {
            return null;
        }
        return build(b, p, end);
    }

    /** Builds from a validated element {@code b[p, end)} (p at its first non-blank byte). */
    static NameAddr build(byte[] b, int p, int end) {
        return buildAt(b, p, end, null);
    }

    /**
     * Builds the validated element starting at {@code p} (its first non-blank byte) of a validated
     * value {@code b[p, end)}, in one pass: the URI is built without scanning it again and the
     * parameters are split on first use ({@link Params#lazy}). Stores the element's end (after its
     * last parameter) in {@code endOut[0]} when given.
     */
    private static NameAddr buildAt(byte[] b, int p, int end, int[] endOut) {
        String display = null;
        int lt;
        if (b[p] == '"') {
            int q = SipGrammar.scanQuoted(b, p, end);
            display = RawMessage.unfold(b, p, q);
            lt = SipGrammar.skipSws(b, q, end);
        } else if (b[p] == '<') {
            lt = p;
        } else {
            int q = p;
            while (true) {
                int t = SipGrammar.scanRun(b, q, end, ByteClass.TOKEN);
                if (t == q) {
                    break;
                }
                q = SipGrammar.skipSws(b, t, end);
            }
            if (q < end && b[q] == '<') {
                display = RawMessage.unfold(b, p, SipGrammar.trimEnd(b, p, q));
                lt = q;
            } else {
                // addr-spec: RFC 3261 §20 leaves ';' after an unbracketed URI to the header.
                int u = SipGrammar.addrSpecEnd(b, p, end);
                int pe = paramsEnd(b, u, end, endOut);
                return new NameAddr(null, Uris.build(b, p, u), Params.lazy(b, u, pe));
            }
        }
        int gt = SipGrammar.indexOf(b, lt + 1, end, (byte) '>');
        int pe = paramsEnd(b, gt + 1, end, endOut);
        return new NameAddr(display, Uris.build(b, lt + 1, gt), Params.lazy(b, gt + 1, pe));
    }

    /**
     * End of the validated parameters at {@code p}, also stored in {@code endOut[0]} when given.
     * Without {@code endOut} (a single value) or without any ',' left in the value (the last
     * element of a list), the parameters run to {@code end} up to trailing blanks, which
     * {@link Params} ignores: only an element followed by another needs the parameter scan.
     */
    private static int paramsEnd(byte[] b, int p, int end, int[] endOut) {
        if (endOut == null) {
            return end;
        }
        int pe = SipGrammar.indexOf(b, p, end, (byte) ',') < 0 ? end : Math.max(SipGrammar.scanParams(b, p, end), p);
        endOut[0] = pe;
        return pe;
    }

    /**
     * The value of a validated list {@code b[p, end)} when it holds exactly one element and no ','
     * at all (nearly every Contact, Route and Record-Route line), built as {@link #buildList} would;
     * null otherwise (then use {@link #buildList}).
     */
    static NameAddr buildIfSingle(byte[] b, int p, int end) {
        p = SipGrammar.skipSws(b, p, end);
        if (p >= end || SipGrammar.indexOf(b, p, end, (byte) ',') >= 0) {
            return null;
        }
        if (b[p] == '*' && SipGrammar.skipSws(b, p + 1, end) == end) {
            return STAR;
        }
        return buildAt(b, p, end, null);
    }

    /** Appends every value of a validated list {@code b[p, end)} to {@code out}. */
    static void buildList(byte[] b, int p, int end, boolean bracketsRequired, List<NameAddr> out) {
        p = SipGrammar.skipSws(b, p, end);
        if (p < end && b[p] == '*' && SipGrammar.skipSws(b, p + 1, end) == end) {
            out.add(STAR);
            return;
        }
        if (p < end && SipGrammar.indexOf(b, p, end, (byte) ',') < 0) {
            // No ',' anywhere: one element running to the end, built as paramsEnd would take it.
            out.add(buildAt(b, p, end, null));
            return;
        }
        int[] elementEnd = new int[1];
        while (p < end) {
            out.add(buildAt(b, p, end, elementEnd));
            int q = SipGrammar.skipSws(b, elementEnd[0], end);
            if (q >= end || b[q] != ',') {
                return;
            }
            p = SipGrammar.skipSws(b, q + 1, end);
        }
    }

    public boolean isStar() {
        return this == STAR;
    }

    /** Display name without quotes and escapes, or null when absent. */
    public String displayName() {
        if (displayRaw == null || !displayRaw.startsWith("\"")) {
            return displayRaw;
        }
        StringBuilder sb = new StringBuilder(displayRaw.length());
        for (int i = 1; i < displayRaw.length() - 1; i++) {
            char c = displayRaw.charAt(i);
            if (c == '\\' && i + 1 < displayRaw.length() - 1) {
                c = displayRaw.charAt(++i);
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** The URI; null only for {@link #star()}. */
    public Uri uri() {
        return uri;
    }

    /** The URI if it is a sip:/sips: URI, else null. */
    public SipUri sipUri() {
        return uri instanceof SipUri s ? s : null;
    }

    /** Header parameter (not URI parameter); "" for a flag, null when absent. */
    public String param(String name) {
        return params.get(name);
    }

    public Params params() {
        return params;
    }

    /** The {@code tag} parameter (RFC 3261 §19.3), or null. */
    public String tag() {
        return params.get("tag");
    }

    public NameAddr withTag(String tag) {
        return withParam("tag", tag);
    }

    public NameAddr withParam(String name, String value) {
        return new NameAddr(displayRaw, uri, params.with(name, value));
    }

    public NameAddr withoutParam(String name) {
        return new NameAddr(displayRaw, uri, params.without(name));
    }

    public NameAddr withUri(Uri newUri) {
        return new NameAddr(displayRaw, Objects.requireNonNull(newUri, "uri"), params);
    }

    /** Copy with a display name (null to remove), written as a quoted-string. */
    public NameAddr withDisplayName(String name) {
        if (name == null) {
            return new NameAddr(null, uri, params);
        }
        StringBuilder sb = new StringBuilder(name.length() + 2).append('"');
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\');
            }
            if (c != '\r' && c != '\n') {
                sb.append(c);
            }
        }
        return new NameAddr(sb.append('"').toString(), uri, params);
    }

    /** Wire form: {@code [display ]<uri>;params}, or "*". */
    @Override
    public String toString() {
        if (this == STAR) {
            return "*";
        }
        StringBuilder sb = new StringBuilder(96);
        if (displayRaw != null) {
            sb.append(displayRaw).append(' ');
        }
        sb.append('<').append(uri).append('>');
        params.appendTo(sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NameAddr n && Objects.equals(n.displayRaw, displayRaw) && Objects.equals(n.uri, uri)
                && n.params.equals(params);
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayRaw, uri, params);
    }
}
