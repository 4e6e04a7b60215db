package io.sbc.signaling.message;

import io.sbc.signaling.codec.ByteClass;
import io.sbc.signaling.codec.SipGrammar;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One via-parm (RFC 3261 §20.42) with the RFC 3581 {@code rport} helpers. Immutable; {@code with*}
 * return copies. IPv6 sent-by hosts: {@link #host()} without brackets, {@link #hostRef()} with.
 */
public final class Via {
    /** Magic cookie that marks an RFC 3261 branch (§8.1.1.7). */
    public static final String MAGIC_COOKIE = "z9hG4bK";
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** "SIP/2.0/" as a little-endian word. */
    private static final long SIP_2_0_SLASH = 0x2F302E322F504953L;
    private static final int UDP = 'U' | 'D' << 8 | 'P' << 16;
    private static final int TCP = 'T' | 'C' << 8 | 'P' << 16;
    private static final int TLS = 'T' | 'L' << 8 | 'S' << 16;

    private final String protocol;
    private final String transport;
    private final String hostRef;
    private final int port;
    private final Params params;

    private Via(String protocol, String transport, String hostRef, int port, Params params) {
        this.protocol = protocol;
        this.transport = transport;
        this.hostRef = hostRef;
        this.port = port;
        this.params = params;
    }

    /** {@code SIP/2.0/TRANSPORT host[:port];branch=...} (port -1 for none; IPv6 hosts get brackets). */
    public static Via of(String transport, String host, int port, String branch) {
        String ref = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        Params p = branch == null ? Params.EMPTY : Params.EMPTY.with("branch", branch);
        return new Via("SIP/2.0", transport.toUpperCase(Locale.ROOT), ref, port, p);
    }

    /** Parses one via-parm; null when malformed. */
    public static Via parse(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        int p = SipGrammar.skipSws(b, 0, b.length);
        int end = SipGrammar.trimEnd(b, p, b.length);
        int q = SipGrammar.scanViaParm(b, p, end);
        if (q < 0 || SipGrammar.skipSws(b, q, end) != end) {
            return null;
        }
        return build(b, p, q);
    }

    /** Builds from a validated via-parm {@code b[p, end)}. */
    static Via build(byte[] b, int p, int end) {
        return buildAt(b, p, end, null);
    }

    /**
     * Builds the validated via-parm starting at {@code p} of a validated Via value {@code b[p, end)}
     * in one pass (parameters split on first use, {@link Params#lazy}); stores the via-parm's end
     * (after its last parameter) in {@code endOut[0]} when given.
     */
    private static Via buildAt(byte[] b, int p, int end, int[] endOut) {
        String protocol;
        String transport;
        int te;
        if (p + 12 <= end && (long) LONGS.get(b, p) == SIP_2_0_SLASH) {
            // "SIP/2.0/" as nearly every peer writes it (no blanks inside, upper case): the
            // general path below would read protocol "SIP/2.0" and go on after the second '/'.
            int ts = SipGrammar.skipSws(b, p + 8, end);
            te = SipGrammar.scanRun(b, ts, end, ByteClass.TOKEN);
            protocol = "SIP/2.0";
            transport = te - ts == 3 ? upperTransport3(b, ts) : null;
            if (transport == null) {
                transport = transport(b, ts, te);
            }
        } else {
            int nameEnd = SipGrammar.scanRun(b, p, end, ByteClass.TOKEN);
            int vs = SipGrammar.skipSws(b, SipGrammar.skipSws(b, nameEnd, end) + 1, end);
            int ve = SipGrammar.scanRun(b, vs, end, ByteClass.TOKEN);
            int ts = SipGrammar.skipSws(b, SipGrammar.skipSws(b, ve, end) + 1, end);
            te = SipGrammar.scanRun(b, ts, end, ByteClass.TOKEN);
            protocol = nameEnd - p == 3 && ve - vs == 3 && SipGrammar.matchesLower(b, p, nameEnd, "sip")
                    && b[vs] == '2' && b[vs + 1] == '.' && b[vs + 2] == '0' ? "SIP/2.0"
                    : (io.sbc.signaling.codec.AsciiStrings.utf8(b, p, nameEnd - p).toUpperCase(Locale.ROOT) + "/"
                            + io.sbc.signaling.codec.AsciiStrings.utf8(b, vs, ve - vs));
            transport = transport(b, ts, te);
        }
        p = SipGrammar.skipSws(b, te, end);
        int h = SipGrammar.scanHost(b, p, end);
        String hostRef = io.sbc.signaling.codec.AsciiStrings.utf8(b, p, h - p);
        int port = -1;
        int q = h;
        int c = SipGrammar.skipSws(b, h, end);
        if (c < end && b[c] == ':') {
            int ps = SipGrammar.skipSws(b, c + 1, end);
            q = SipGrammar.scanPort(b, ps, end);
            port = (int) SipGrammar.parseDigits(b, ps, q, 5);
        }
        // Only a via-parm followed by another (a ',' remains) needs the parameter scan to find its
        // end; otherwise the parameters run to the end of the value (trailing blanks are ignored
        // by Params). A partially parsed request's top Via (only sent-by valid, pe < 0) also keeps
        // the liberal reading of whatever parameters are there, up to the end of the value.
        int pe = end;
        if (endOut != null && SipGrammar.indexOf(b, q, end, (byte) ',') >= 0) {
            pe = SipGrammar.scanParams(b, q, end);
            if (pe < 0) {
                pe = end;
            }
        }
        if (endOut != null) {
            endOut[0] = pe;
        }
        return new Via(protocol, transport, hostRef, port, Params.lazy(b, q, pe));
    }

    /** Upper-case transport token {@code b[ts, te)} (shared instances for the common ones). */
    private static String transport(byte[] b, int ts, int te) {
        String transport = io.sbc.signaling.codec.AsciiStrings.of(b, ts, te);
        return isUpper(transport) ? transport : transport.toUpperCase(Locale.ROOT);
    }

    /** "UDP", "TCP" or "TLS" when {@code b[ts, ts+3)} is exactly one of them, else null. */
    private static String upperTransport3(byte[] b, int ts) {
        int w = (b[ts] & 0xFF) | (b[ts + 1] & 0xFF) << 8 | (b[ts + 2] & 0xFF) << 16;
        return w == UDP ? "UDP" : w == TCP ? "TCP" : w == TLS ? "TLS" : null;
    }

    private static boolean isUpper(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'a' && c <= 'z') {
                return false;
            }
        }
        return true;
    }

    /** Appends every via-parm of a validated Via value list {@code b[p, end)}. */
    static void buildList(byte[] b, int p, int end, List<Via> out) {
        p = SipGrammar.skipSws(b, p, end);
        if (p < end && SipGrammar.indexOf(b, p, end, (byte) ',') < 0) {
            // One via-parm (nearly every Via line): it runs to the end, as buildAt takes it when no
            // ',' remains, so its end need not be handed back (no int[] per line).
            out.add(buildAt(b, p, end, null));
            return;
        }
        int[] parmEnd = new int[1];
        while (p < end) {
            out.add(buildAt(b, p, end, parmEnd));
            int q = SipGrammar.skipSws(b, parmEnd[0], end);
            if (q >= end || b[q] != ',') {
                return;
            }
            p = SipGrammar.skipSws(b, q + 1, end);
        }
    }

    /** sent-protocol name and version, e.g. "SIP/2.0". */
    public String protocol() {
        return protocol;
    }

    /** Upper-case transport: "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", or an extension token. */
    public String transport() {
        return transport;
    }

    /** sent-by host without IPv6 brackets. */
    public String host() {
        return hostRef.startsWith("[") ? hostRef.substring(1, hostRef.length() - 1) : hostRef;
    }

    /** sent-by host as written, IPv6 in brackets. */
    public String hostRef() {
        return hostRef;
    }

    /** sent-by port, or -1 when absent. */
    public int port() {
        return port;
    }

    /** The branch parameter, or null. */
    public String branch() {
        String b = params.get("branch");
        return b == null || b.isEmpty() ? null : b;
    }

    /** True when the branch starts with the RFC 3261 magic cookie (and has more after it, §17.2.3). */
    public boolean isRfc3261Branch() {
        String b = branch();
        return b != null && b.startsWith(MAGIC_COOKIE) && b.length() > MAGIC_COOKIE.length();
    }

    /** True when an {@code rport} parameter is present, with or without a value (RFC 3581 §3). */
    public boolean hasRport() {
        return params.has("rport");
    }

    /** rport value, or -1 when only the flag is present or it is absent. */
    public int rport() {
        String v = params.get("rport");
        if (v == null || v.isEmpty() || v.length() > 5) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return -1;
            }
        }
        int p = Integer.parseInt(v);
        return p <= 65535 ? p : -1;
    }

    /** The received parameter as written (IPv6 with or without brackets, RFC 5118 §4.5), or null. */
    public String received() {
        return params.get("received");
    }

    /** Parameter value ("" for a flag, null when absent). */
    public String param(String name) {
        return params.get(name);
    }

    public Params params() {
        return params;
    }

    /** Copy with {@code received=ip} (RFC 3261 §18.2.1). */
    public Via withReceived(String ip) {
        return withParam("received", ip);
    }

    /** Copy with {@code rport=port} (RFC 3581 §4). */
    public Via withRport(int rport) {
        return withParam("rport", Integer.toString(rport));
    }

    public Via withParam(String name, String value) {
        return new Via(protocol, transport, hostRef, port, params.with(name, value));
    }

    public Via withoutParam(String name) {
        return new Via(protocol, transport, hostRef, port, params.without(name));
    }

    /**
     * What a server does to the top Via of a received request: RFC 3261 §18.2.1 adds
     * {@code received} when the sent-by host differs from the packet's source address; RFC 3581 §4,
     * when {@code rport} is present, fills it with the source port and always adds {@code received}.
     */
    public Via withSource(String sourceIp, int sourcePort) {
        if (hasRport()) {
            return withRport(sourcePort).withReceived(sourceIp);
        }
        return host().equalsIgnoreCase(sourceIp) ? this : withReceived(sourceIp);
    }

    /** Wire form of this via-parm: {@code SIP/2.0/UDP host:port;params}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(64).append(protocol).append('/').append(transport).append(' ').append(hostRef);
        if (port >= 0) {
            sb.append(':').append(port);
        }
        params.appendTo(sb);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Via v && v.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return Objects.hash(toString());
    }
}
