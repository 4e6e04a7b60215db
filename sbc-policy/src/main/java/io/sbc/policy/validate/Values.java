package io.sbc.policy.validate;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import io.sbc.policy.model.Cidr;
import io.sbc.policy.model.HostPort;
import io.sbc.policy.model.ListenAddress;
import io.sbc.policy.model.MediaRelay;
import io.sbc.policy.model.NumberRange;
import io.sbc.policy.model.PortRange;
import io.sbc.policy.model.SipUri;
import io.sbc.policy.model.StatusRange;
import io.sbc.policy.model.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Parsers for the value types of the policy schema. Each returns the value, or null after passing one
 * human-readable reason to {@code error}. None performs DNS: addresses must be literals, host names
 * are checked for syntax only.
 */
public final class Values {
    private Values() {
    }

    /** Longest duration accepted anywhere (10 years): bounds arithmetic on durations. */
    private static final long MAX_DURATION_MS = 10L * 366 * 24 * 3600 * 1000;

    /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, and {@code 30d} when {@code allowDays}. */
    public static Duration duration(String text, boolean allowDays, Consumer<String> error) {
        String units = allowDays ? "ms, s, m, h or d" : "ms, s, m or h";
        int i = 0;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 0) {
            error.accept("'" + text + "' is not a duration (a number and a unit: " + units + ", e.g. 30s)");
            return null;
        }
        if (i > 12) {
            error.accept("duration '" + text + "' is too large");
            return null;
        }
        long n = Long.parseLong(text.substring(0, i));
        String unit = text.substring(i);
        long ms;
        switch (unit) {
            case "ms" -> ms = n;
            case "s" -> ms = n * 1000;
            case "m" -> ms = n * 60_000;
            case "h" -> ms = n * 3_600_000;
            case "d" -> {
                if (!allowDays) {
                    error.accept("duration '" + text + "': unit must be one of " + units);
                    return null;
                }
                ms = n * 86_400_000;
            }
            case "" -> {
                error.accept("duration '" + text + "' needs a unit (" + units + "), e.g. " + n + "s");
                return null;
            }
            default -> {
                error.accept("duration '" + text + "': unknown unit '" + unit + "' (use " + units + ")");
                return null;
            }
        }
        if (ms > MAX_DURATION_MS) {
            error.accept("duration '" + text + "' is too large (at most 3660d)");
            return null;
        }
        return Duration.ofMillis(ms);
    }

    /** Strict dotted-quad IPv4; returns the address as an int, or null. */
    public static Integer ipv4(String s) {
        int parts = 0;
        int value = 0;
        int i = 0;
        int n = s.length();
        while (parts < 4) {
            int start = i;
            int octet = 0;
            while (i < n && Character.isDigit(s.charAt(i)) && i - start < 3) {
                octet = octet * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || octet > 255 || (i - start > 1 && s.charAt(start) == '0')) {
                return null;
            }
            value = (value << 8) | octet;
            parts++;
            if (parts < 4) {
                if (i >= n || s.charAt(i) != '.') {
                    return null;
                }
                i++;
            }
        }
        return i == n ? value : null;
    }

    /** IPv6 literal (no brackets, no zone) as 16 bytes, or null; never does a DNS lookup. */
    public static byte[] ipv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
        }
        try {
            // In brackets the JDK parses an IPv6 literal and never falls back to a DNS lookup.
            InetAddress a = InetAddress.getByName("[" + s + "]");
            if (a instanceof Inet6Address) {
                return a.getAddress();
            }
            byte[] v4 = a.getAddress();
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IP literal (IPv4 or IPv6, without brackets). */
    public static String ip(String s, Consumer<String> error) {
        if (ipv4(s) != null || ipv6(s) != null) {
            return s;
        }
        error.accept("'" + s + "' is not an IP address");
        return null;
    }

    /** {@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a host route (/32 or /128). */
    public static Cidr cidr(String s, Consumer<String> error) {
        int slash = s.indexOf('/');
        String addr = slash < 0 ? s : s.substring(0, slash);
        Integer v4 = ipv4(addr);
        byte[] v6 = v4 == null ? ipv6(addr) : null;
        if (v4 == null && v6 == null) {
            error.accept("'" + s + "' is not a CIDR (address/prefix, e.g. 192.0.2.0/24)");
            return null;
        }
        int max = v4 != null ? 32 : 128;
        int prefix = max;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                error.accept("'" + s + "': prefix length must be a number 0-" + max);
                return null;
            }
            prefix = Integer.parseInt(p);
            if (prefix > max) {
                error.accept("'" + s + "': prefix length must be 0-" + max);
                return null;
            }
        }
        if (v4 != null) {
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            if ((v4 & ~mask) != 0) {
                error.accept("'" + s + "' has host bits set; did you mean " + formatV4(v4 & mask) + "/" + prefix + "?");
                return null;
            }
            return new Cidr(s, false, 0, v4 & 0xffffffffL, prefix);
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (v6[i] & 0xff);
            lo = (lo << 8) | (v6[i + 8] & 0xff);
        }
        return new Cidr(s, true, hi, lo, prefix);
    }

    static String formatV4(int v) {
        return ((v >>> 24) & 0xff) + "." + ((v >>> 16) & 0xff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** {@code LO-HI}, 1024 &lt;= LO &lt; HI &lt;= 65535, LO even (RTP on even ports, RFC 3550 section 11). */
    public static PortRange portRange(String s, Consumer<String> error) {
        int dash = s.indexOf('-');
        Integer lo = dash > 0 ? port(s.substring(0, dash)) : null;
        Integer hi = dash > 0 ? port(s.substring(dash + 1)) : null;
        if (lo == null || hi == null) {
            error.accept("'" + s + "' is not a port range (LO-HI, e.g. 20000-29999)");
            return null;
        }
        if (lo < 1024 || lo >= hi) {
            error.accept("port range '" + s + "' must satisfy 1024 <= LO < HI <= 65535");
            return null;
        }
        if ((lo & 1) != 0) {
            error.accept("port range '" + s + "' must start on an even port (RTP even, RTCP odd)");
            return null;
        }
        return new PortRange(lo, hi);
    }

    static Integer port(String s) {
        if (s.isEmpty() || s.length() > 5 || !s.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int p = Integer.parseInt(s);
        return p >= 1 && p <= 65535 ? p : null;
    }

    /** Host name syntax (RFC 1123 labels) or IP literal. */
    static boolean hostName(String h) {
        if (ipv4(h) != null) {
            return true;
        }
        if (h.isEmpty() || h.length() > 253) {
            return false;
        }
        for (String label : h.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(Character.isLetterOrDigit(c) && c < 128) && c != '-') {
                    return false;
                }
            }
        }
        return true;
    }

    /** Splits {@code host:port} / {@code [v6]:port}; host may be a name unless {@code ipOnly}. */
    public static HostPort hostPort(String s, boolean ipOnly, Integer defaultPort, Consumer<String> error) {
        String host;
        String portText = null;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || ipv6(s.substring(1, close)) == null) {
                error.accept("'" + s + "': bad IPv6 address in brackets");
                return null;
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    error.accept("'" + s + "': expected ':PORT' after ']'");
                    return null;
                }
                portText = rest.substring(1);
            }
        } else {
            int colon = s.lastIndexOf(':');
            if (colon >= 0 && s.indexOf(':') != colon) {
                error.accept("'" + s + "': write IPv6 addresses in brackets, e.g. [::1]:5060");
                return null;
            }
            host = colon < 0 ? s : s.substring(0, colon);
            portText = colon < 0 ? null : s.substring(colon + 1);
            if (ipOnly ? ipv4(host) == null : !hostName(host)) {
                error.accept("'" + s + "': '" + host + "' is not " + (ipOnly ? "an IP address" : "a host name or IP address"));
                return null;
            }
        }
        int port;
        if (portText == null) {
            if (defaultPort == null) {
                error.accept("'" + s + "' needs a port (HOST:PORT)");
                return null;
            }
            port = defaultPort;
        } else {
            Integer p = port(portText);
            if (p == null) {
                error.accept("'" + s + "': port must be 1-65535");
                return null;
            }
            port = p;
        }
        return new HostPort(host, port);
    }

    /** {@code udp://IP[:PORT]}, tcp, tls, ws, wss; IPv6 in brackets. */
    public static ListenAddress listen(String s, Consumer<String> error) {
        int sep = s.indexOf("://");
        Transport t = sep > 0 ? Transport.ofScheme(s.substring(0, sep)) : null;
        if (t == null) {
            error.accept("'" + s + "' is not a listen URI (udp|tcp|tls|ws|wss://IP[:PORT], e.g. udp://192.0.2.1:5060)");
            return null;
        }
        HostPort hp = hostPort(s.substring(sep + 3), true, t.defaultPort(), m -> error.accept(m));
        return hp == null ? null : new ListenAddress(t, hp.host(), hp.port());
    }

    /** {@code embedded} or {@code udp://HOST:PORT} of an ng-protocol relay. */
    public static MediaRelay relay(String s, Consumer<String> error) {
        if (s.equals("embedded")) {
            return MediaRelay.EMBEDDED;
        }
        if (!s.startsWith("udp://")) {
            error.accept("'" + s + "' is not a relay (embedded or udp://HOST:PORT)");
            return null;
        }
        HostPort hp = hostPort(s.substring(6), false, null, error);
        return hp == null ? null : new MediaRelay(false, hp);
    }

    /** {@code udp://HOST:PORT} (HEP capture). */
    public static HostPort udpHostPort(String s, Consumer<String> error) {
        if (!s.startsWith("udp://")) {
            error.accept("'" + s + "' must be udp://HOST:PORT");
            return null;
        }
        return hostPort(s.substring(6), false, null, error);
    }

    /** A sip: or sips: URI: {@code sip:[user@]host[:port][;params]}. */
    public static SipUri sipUri(String s, Consumer<String> error) {
        boolean secure;
        String rest;
        if (s.startsWith("sip:")) {
            secure = false;
            rest = s.substring(4);
        } else if (s.startsWith("sips:")) {
            secure = true;
            rest = s.substring(5);
        } else {
            error.accept("'" + s + "' is not a SIP URI (sip:[user@]host[:port][;transport=udp|tcp|tls])");
            return null;
        }
        String params = "";
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            params = rest.substring(semi + 1);
            rest = rest.substring(0, semi);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
            if (user.isEmpty()) {
                error.accept("'" + s + "': empty user part before '@'");
                return null;
            }
        }
        String[] fail = new String[1];
        HostPort hp = hostPort(rest, false, 0, m -> fail[0] = m);
        if (hp == null) {
            error.accept("'" + s + "': bad host or port in SIP URI (" + fail[0] + ")");
            return null;
        }
        String transport = null;
        for (String p : params.split(";")) {
            if (p.startsWith("transport=")) {
                transport = p.substring(10).toLowerCase();
                if (!(transport.equals("udp") || transport.equals("tcp") || transport.equals("tls")
                        || transport.equals("ws") || transport.equals("wss"))) {
                    error.accept("'" + s + "': transport must be udp, tcp, tls, ws or wss");
                    return null;
                }
            }
        }
        return new SipUri(s, secure, user, hp.host(), hp.port(), transport);
    }

    /** {@code 404}, {@code 4xx}, {@code 180-183}. */
    public static StatusRange status(String s, Consumer<String> error) {
        if (s.length() == 3 && s.endsWith("xx") && s.charAt(0) >= '1' && s.charAt(0) <= '6') {
            int base = (s.charAt(0) - '0') * 100;
            return new StatusRange(base, base + 99);
        }
        int dash = s.indexOf('-');
        String a = dash < 0 ? s : s.substring(0, dash);
        String b = dash < 0 ? s : s.substring(dash + 1);
        if (a.length() == 3 && b.length() == 3 && (a + b).chars().allMatch(Character::isDigit)) {
            int lo = Integer.parseInt(a);
            int hi = Integer.parseInt(b);
            if (lo >= 100 && hi <= 699 && lo <= hi) {
                return new StatusRange(lo, hi);
            }
        }
        error.accept("'" + s + "' is not a status (100-699, a class like 4xx, or a range like 180-183)");
        return null;
    }

    /** {@code 5550000-5559999}: two digit strings of equal length, low &lt;= high; optional leading + on both. */
    public static NumberRange numberRange(String s, Consumer<String> error) {
        int dash = s.indexOf('-');
        String lo = dash < 0 ? "" : s.substring(0, dash);
        String hi = dash < 0 ? "" : s.substring(dash + 1);
        boolean ok = !lo.isEmpty() && lo.length() == hi.length() && lo.length() <= 19
                && (lo.startsWith("+") == hi.startsWith("+"));
        String dl = lo.startsWith("+") ? lo.substring(1) : lo;
        String dh = hi.startsWith("+") ? hi.substring(1) : hi;
        ok = ok && !dl.isEmpty() && dl.chars().allMatch(Character::isDigit) && dh.chars().allMatch(Character::isDigit);
        if (!ok || dl.compareTo(dh) > 0) {
            error.accept("'" + s + "' is not a number range (LOW-HIGH of equal length, e.g. 5550000-5559999)");
            return null;
        }
        return new NumberRange(lo, hi);
    }

    /** Checks that an RE2 regex compiles; returns it, or null with the compiler's reason. */
    public static String regex(String s, Consumer<String> error) {
        try {
            Pattern.compile(s);
            return s;
        } catch (PatternSyntaxException e) {
            error.accept("regex '" + s + "' does not compile: " + e.getDescription());
            return null;
        }
    }

    /**
     * Checks a replacement template against its (already valid) regex the way RE2/J will read it at
     * run time: {@code \x} is a literal x, {@code $n} names a numbered group and {@code ${name}} a
     * named one. RE2/J throws on a group the regex lacks; catching that here turns a per-message
     * failure under live traffic into a load error with a position.
     */
    public static void replacementTemplate(String regex, String template, Consumer<String> error) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return; // reported where the regex itself is checked
        }
        int groups = p.groupCount();
        int n = template.length();
        // Mirrors RE2/J 1.8's Matcher.appendReplacement: the scan stops one character early, so a
        // trailing '\\' or '$' is literal text.
        for (int i = 0; i < n - 1; i++) {
            char c = template.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '$') {
                char d = template.charAt(i + 1);
                if (d >= '0' && d <= '9') {
                    if (d - '0' > groups) {
                        error.accept("replacement refers to group $" + d + " but regex '" + regex + "' has "
                                + groups + (groups == 1 ? " group" : " groups"));
                        return;
                    }
                } else if (d == '{') {
                    int j = i + 2;
                    while (j < n && template.charAt(j) != '}' && template.charAt(j) != ' ') {
                        j++;
                    }
                    if (j == n || template.charAt(j) != '}') {
                        error.accept("replacement has '${' without a closing '}' (write \\$ for a literal $)");
                        return;
                    }
                    String name = template.substring(i + 2, j);
                    if (!p.namedGroups().containsKey(name)) {
                        error.accept("replacement refers to group ${" + name + "} but regex '" + regex
                                + "' has no group of that name");
                        return;
                    }
                    i = j;
                }
            }
        }
    }

    /** SIP token characters (RFC 3261 section 25.1), for header names and methods. */
    public static boolean token(String s) {
        if (s.isEmpty() || s.length() > 64) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c < 128 && (Character.isLetterOrDigit(c) || "-.!%*_+`'~".indexOf(c) >= 0))) {
                return false;
            }
        }
        return true;
    }
}
