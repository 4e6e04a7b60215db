package io.sbc.signaling.message;

import io.sbc.signaling.codec.SipGrammar;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * SIP or SIPS URI (RFC 3261 §19.1). Immutable; {@code with*} methods return copies. Components are
 * kept as written (user and parameter values still %-escaped); {@link #equivalent} applies the
 * comparison rules of §19.1.4. IPv6 hosts: {@link #host()} without brackets, {@link #hostRef()} with.
 */
public final class SipUri implements Uri {
    private final boolean secure;
    /**
     * User, password and host as Strings: given, or for a URI parsed from message bytes made from
     * {@link #src} on first use (most parsed URIs are only forwarded or compared by one part).
     * Racy caching is safe: String is immutable and the offsets and source are final.
     */
    private String user;
    private String password;
    private String hostRef;
    private final int port;
    private final Params params;
    private final String headers;
    /**
     * The bytes this URI was parsed from, {@code src[srcFrom, srcTo)}, or null; with the offsets of
     * its user, password and host ({@code -1} when absent). Its wire form is likewise made a
     * String only when asked for.
     */
    private final byte[] src;
    private final int srcFrom;
    private final int srcTo;
    private final int userFrom;
    private final int userTo;
    private final int passwordFrom;
    private final int passwordTo;
    private final int hostFrom;
    private final int hostTo;
    private String text;

    private SipUri(boolean secure, String user, String password, String hostRef, int port, Params params,
            String headers, String text) {
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.hostRef = Objects.requireNonNull(hostRef, "host");
        this.port = port;
        this.params = params;
        this.headers = headers;
        this.text = text;
        this.src = null;
        this.srcFrom = this.srcTo = 0;
        this.userFrom = this.userTo = this.passwordFrom = this.passwordTo = this.hostFrom = this.hostTo = -1;
    }

    private SipUri(boolean secure, byte[] src, int srcFrom, int srcTo, int userFrom, int userTo, int passwordFrom,
            int passwordTo, int hostFrom, int hostTo, int port, Params params, String headers) {
        this.secure = secure;
        this.src = src;
        this.srcFrom = srcFrom;
        this.srcTo = srcTo;
        this.userFrom = userFrom;
        this.userTo = userTo;
        this.passwordFrom = passwordFrom;
        this.passwordTo = passwordTo;
        this.hostFrom = hostFrom;
        this.hostTo = hostTo;
        this.port = port;
        this.params = params;
        this.headers = headers;
    }

    /** {@code sip:user@host:port} (user null for none, port -1 for none); host may be an IPv6 address. */
    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user, null, bracket(host), port, Params.EMPTY, null, null);
    }

    /** Parses a sip: or sips: URI; null when malformed or of another scheme. */
    public static SipUri parse(String text) {
        return Uri.parse(text) instanceof SipUri s ? s : null;
    }

    /** Builds from a validated URI {@code b[p, end)}; keeps a reference to {@code b} (never changed after parsing). */
    static SipUri build(byte[] b, int p, int end, boolean secure) {
        int q = p + (secure ? 5 : 4);
        int userFrom = -1;
        int userTo = -1;
        int passwordFrom = -1;
        int passwordTo = -1;
        int at = SipGrammar.indexOf(b, q, end, (byte) '@');
        if (at >= 0) {
            int colon = SipGrammar.indexOf(b, q, at, (byte) ':');
            userFrom = q;
            userTo = colon < 0 ? at : colon;
            if (colon >= 0) {
                passwordFrom = colon + 1;
                passwordTo = at;
            }
            q = at + 1;
        }
        int hostFrom = q;
        int hostEnd = SipGrammar.scanHost(b, q, end);
        q = hostEnd;
        int port = -1;
        if (q < end && b[q] == ':') {
            int pe = SipGrammar.scanPort(b, q + 1, end);
            port = (int) SipGrammar.parseDigits(b, q + 1, pe, 5);
            q = pe;
        }
        int qm = SipGrammar.indexOf(b, q, end, (byte) '?');
        int paramsEnd = qm < 0 ? end : qm;
        Params params = Params.lazy(b, q, paramsEnd);
        String headers = qm < 0 ? null : io.sbc.signaling.codec.AsciiStrings.utf8(b, qm + 1, end - qm - 1);
        return new SipUri(secure, b, p, end, userFrom, userTo, passwordFrom, passwordTo, hostFrom, hostEnd, port,
                params, headers);
    }

    private static String bracket(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    public boolean isSecure() {
        return secure;
    }

    /** User part as written (escapes kept); null when absent. */
    public String user() {
        String u = user;
        if (u == null && userFrom >= 0) {
            u = io.sbc.signaling.codec.AsciiStrings.utf8(src, userFrom, userTo - userFrom);
            user = u;
        }
        return u;
    }

    /** User part with %HH escapes decoded; null when absent. */
    public String userUnescaped() {
        return Uris.unescape(user());
    }

    public String password() {
        String pw = password;
        if (pw == null && passwordFrom >= 0) {
            pw = io.sbc.signaling.codec.AsciiStrings.utf8(src, passwordFrom, passwordTo - passwordFrom);
            password = pw;
        }
        return pw;
    }

    /** Host without IPv6 brackets. */
    public String host() {
        String h = hostRef();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    /** Host as written in a URI: IPv6 addresses in brackets (RFC 5118 §4.1). */
    public String hostRef() {
        String h = hostRef;
        if (h == null) {
            h = io.sbc.signaling.codec.AsciiStrings.utf8(src, hostFrom, hostTo - hostFrom);
            hostRef = h;
        }
        return h;
    }

    /** Port, or -1 when absent. */
    public int port() {
        return port;
    }

    /** Parameter value; "" for a flag (e.g. {@code lr}); null when absent. */
    public String param(String name) {
        return params.get(name);
    }

    public Params params() {
        return params;
    }

    /** The {@code user=} parameter (e.g. "phone"), or null. */
    public String userParam() {
        return params.get("user");
    }

    /** The {@code transport=} parameter, or null. */
    public String transportParam() {
        return params.get("transport");
    }

    /** True when the URI carries the {@code lr} parameter (RFC 3261 §19.1.1 loose routing). */
    public boolean isLooseRouting() {
        return params.has("lr");
    }

    /** Header part after '?', as written (escapes kept); null when absent. */
    public String headers() {
        return headers;
    }

    /** Header part as an ordered map of unescaped names to unescaped values (empty when none). */
    public Map<String, String> headerMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (headers != null) {
            for (String h : headers.split("&", -1)) {
                int eq = h.indexOf('=');
                m.put(Uris.unescape(eq < 0 ? h : h.substring(0, eq)), eq < 0 ? "" : Uris.unescape(h.substring(eq + 1)));
            }
        }
        return m;
    }

    public SipUri withUser(String newUser) {
        return new SipUri(secure, newUser, newUser == null ? null : password(), hostRef(), port, params, headers, null);
    }

    public SipUri withHost(String host) {
        return new SipUri(secure, user(), password(), bracket(host), port, params, headers, null);
    }

    public SipUri withPort(int newPort) {
        return new SipUri(secure, user(), password(), hostRef(), newPort, params, headers, null);
    }

    public SipUri withSecure(boolean sips) {
        return new SipUri(sips, user(), password(), hostRef(), port, params, headers, null);
    }

    /** Copy with parameter {@code name} set ({@code value} null or "" for a flag). */
    public SipUri withParam(String name, String value) {
        return new SipUri(secure, user(), password(), hostRef(), port, params.with(name, value), headers, null);
    }

    public SipUri withoutParam(String name) {
        return new SipUri(secure, user(), password(), hostRef(), port, params.without(name), headers, null);
    }

    public SipUri withParams(Params newParams) {
        return new SipUri(secure, user(), password(), hostRef(), port, newParams, headers, null);
    }

    /** Copy without the header part (a proxy strips it from a Request-URI, RFC 4475 §3.1.2.11). */
    public SipUri withoutHeaders() {
        return headers == null ? this : new SipUri(secure, user(), password(), hostRef(), port, params, null, null);
    }

    /**
     * URI equality of RFC 3261 §19.1.4: same scheme; user and password equal case-sensitively after
     * unescaping; host case-insensitive; ports equal (absent is not 5060); user, ttl, method, maddr
     * and transport parameters must match when either side has them; other parameters must match
     * only when both have them; header components must match exactly (as sets).
     */
    public boolean equivalent(SipUri o) {
        if (o == null || secure != o.secure || port != o.port) {
            return false;
        }
        if (!Objects.equals(Uris.unescape(user()), Uris.unescape(o.user()))
                || !Objects.equals(Uris.unescape(password()), Uris.unescape(o.password()))
                || !hostRef().equalsIgnoreCase(o.hostRef())) {
            return false;
        }
        for (String special : new String[] {"user", "ttl", "method", "maddr", "transport"}) {
            String a = params.get(special);
            String c = o.params.get(special);
            if ((a == null) != (c == null) || (a != null && !Uris.unescape(a).equalsIgnoreCase(Uris.unescape(c)))) {
                return false;
            }
        }
        for (int i = 0; i < params.size(); i++) {
            String c = o.params.get(params.name(i));
            if (c != null && !Uris.unescape(params.value(i)).equalsIgnoreCase(Uris.unescape(c))) {
                return false;
            }
        }
        Map<String, String> h1 = lowerKeys(headerMap());
        Map<String, String> h2 = lowerKeys(o.headerMap());
        return h1.equals(h2);
    }

    private static Map<String, String> lowerKeys(Map<String, String> m) {
        Map<String, String> r = new LinkedHashMap<>();
        m.forEach((k, v) -> r.put(k.toLowerCase(Locale.ROOT), v));
        return r;
    }

    @Override
    public String toString() {
        String t = text;
        if (t == null && src != null) {
            t = io.sbc.signaling.codec.AsciiStrings.utf8(src, srcFrom, srcTo - srcFrom);
            text = t;
        } else if (t == null) {
            StringBuilder sb = new StringBuilder(64).append(secure ? "sips:" : "sip:");
            String u = user();
            if (u != null) {
                sb.append(u);
                String pw = password();
                if (pw != null) {
                    sb.append(':').append(pw);
                }
                sb.append('@');
            }
            sb.append(hostRef());
            if (port >= 0) {
                sb.append(':').append(port);
            }
            params.appendTo(sb);
            if (headers != null) {
                sb.append('?').append(headers);
            }
            t = sb.toString();
            text = t;
        }
        return t;
    }

    /** Textual identity (same wire form); use {@link #equivalent} for RFC 3261 URI comparison. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SipUri s && s.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
