package io.sbc.signaling.codec;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Structured generator of valid SIP messages for property tests: random methods and status codes,
 * sip/sips/tel URIs with parameters, escapes and IPv6 hosts, header sets in random order with
 * compact names, random case, LWS around separators, line folding, comma-joined Vias and
 * Contacts, and SDP, binary or multipart bodies. Driven by {@link Choices} so the same generator
 * runs over a Jazzer {@link FuzzedDataProvider} or a seeded {@link RandomGenerator}.
 */
final class SipMessageGenerator {
    /** Source of decisions. */
    interface Choices {
        /** A value in [0, bound). */
        int next(int bound);

        default boolean chance(int percent) {
            return next(100) < percent;
        }

        default String pick(String... options) {
            return options[next(options.length)];
        }

        static Choices of(RandomGenerator rng) {
            return rng::nextInt;
        }

        static Choices of(FuzzedDataProvider data) {
            return bound -> data.consumeInt(0, bound - 1);
        }
    }

    /** A generated message and what the parser must find in it. */
    record Generated(byte[] wire, boolean request, String method, int status, String callId, long cseq,
            List<String> branches, String fromTag, byte[] body) {
        String text() {
            return new String(wire, StandardCharsets.ISO_8859_1);
        }
    }

    private static final String[] METHODS = {"INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "PRACK",
        "UPDATE", "INFO", "MESSAGE", "REFER", "SUBSCRIBE", "NOTIFY", "PUBLISH", "NEWMETHOD", "x-Ext.m!%*_+`'~"};
    private static final String[] HOSTS = {"198.51.100.7", "203.0.113.1", "pbx.example.com", "[2001:db8::10]",
        "[2001:db8::192.0.2.1]", "a-b.example.net", "[::ffff:192.0.2.2]", "sip_gw.example"};
    private static final String[] USERS = {"alice", "+15551230000", "%61lice", "bob.smith", "user;par=u%40example.net",
        "a&b=c+d$e,f?g/h", "*67#", "0"};
    private static final String[] URI_PARAMS = {";transport=udp", ";transport=TCP", ";lr", ";user=phone",
        ";maddr=239.255.255.1", ";x-y=z%20w", ";ttl=15", ";method=REGISTER", ";[x]=a:b"};

    private final Choices c;

    SipMessageGenerator(Choices c) {
        this.c = c;
    }

    String host() {
        return c.pick(HOSTS);
    }

    String sipUri(boolean headersAllowed) {
        StringBuilder sb = new StringBuilder(c.chance(15) ? "sips:" : c.chance(5) ? "SIP:" : "sip:");
        if (c.chance(80)) {
            sb.append(c.pick(USERS));
            if (c.chance(5)) {
                sb.append(":pw&1");
            }
            sb.append('@');
        }
        sb.append(host());
        if (c.chance(40)) {
            sb.append(':').append(c.pick("5060", "5061", "1", "65535", "05070"));
        }
        for (int i = c.next(3); i > 0; i--) {
            sb.append(c.pick(URI_PARAMS));
        }
        if (headersAllowed && c.chance(15)) {
            sb.append(c.pick("?subject=project%20x&priority=urgent", "?Route=%3Csip:a%40b%3E", "?x=")); 
        }
        return sb.toString();
    }

    String uri(boolean headersAllowed) {
        int k = c.next(10);
        if (k == 0) {
            return c.pick("tel:+1-201-555-0123", "tel:7042;phone-context=example.com", "tel:+44(20)7946.0000;ext=12");
        }
        if (k == 1 && headersAllowed) {
            return c.pick("http://www.example.com/a?b=c", "isbn:2983792873", "urn:service:sos", "mailto:a@example.com");
        }
        return sipUri(headersAllowed);
    }

    String ws() {
        return c.chance(70) ? "" : c.pick(" ", "  ", "\t", " \r\n ", "\r\n\t");
    }

    String displayName() {
        return c.pick("", "\"Alice A.\" ", "\"J Rosenberg \\\"\" ", "Bob ", "caller", "\"\" ", "\"Ünïcödé\" ",
                "two tokens ", "\"comma, inside\" ");
    }

    String address(String tag, boolean bracketsRequired) {
        String params = tag == null ? "" : ws() + ";" + ws() + "tag" + ws() + "=" + ws() + tag;
        if (c.chance(20)) {
            params += c.pick(";q=0.5", ";expires=3600", ";+sip.instance=\"<urn:uuid:1>\"", ";flag");
        }
        if (!bracketsRequired && c.chance(25)) {
            // addr-spec without brackets: the URI may not contain ';', ',' or '?' (RFC 3261 §20.10)
            return c.pick("sip:alice@192.0.2.1", "sip:+15551230000@pbx.example.com:5060", "tel:+15551230000",
                    "sips:[2001:db8::1]") + params;
        }
        String dn = displayName();
        return dn + "<" + uri(true) + ">" + params;
    }

    String via(String branch) {
        String sent = c.pick("SIP", "sip") + ws() + "/" + ws() + "2.0" + ws() + "/" + ws()
                + c.pick("UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "udp", "FOO");
        StringBuilder sb = new StringBuilder(sent).append(c.pick(" ", "  ", "\t", " \r\n ")).append(host());
        if (c.chance(50)) {
            sb.append(ws()).append(':').append(ws()).append(c.pick("5060", "5061", "1"));
        }
        sb.append(ws()).append(';').append(ws()).append("branch").append(ws()).append('=').append(ws()).append(branch);
        if (c.chance(30)) {
            sb.append(c.pick(";rport", ";rport=40312", ";received=192.0.2.9", ";received=2001:db8::9:255",
                    ";received=[2001:db8::9]", ";ttl=1;maddr=224.2.0.1", ";x=\"quoted;value\""));
        }
        return sb.toString();
    }

    String name(String full, String compact) {
        String n = compact != null && c.chance(30) ? compact : full;
        if (c.chance(20)) {
            StringBuilder sb = new StringBuilder(n.length());
            for (char ch : n.toCharArray()) {
                sb.append(c.chance(50) ? Character.toUpperCase(ch) : Character.toLowerCase(ch));
            }
            n = sb.toString();
        }
        return n;
    }

    String line(String full, String compact, String value) {
        String colon = c.chance(85) ? ": " : c.pick(":", " : ", "\t:\t", ":\r\n ");
        return name(full, compact) + colon + fold(value) + "\r\n";
    }

    /** Replaces some single spaces by folds (RFC 3261 §7.3.1). */
    String fold(String value) {
        if (!c.chance(20)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            // Only a space between two visible characters: folding next to existing white space
            // could produce an empty line, which would end the header section.
            if (ch == ' ' && i > 0 && i + 1 < value.length() && visible(value.charAt(i - 1))
                    && visible(value.charAt(i + 1)) && c.chance(30) && !insideQuotes(value, i)) {
                sb.append(c.pick("\r\n ", "\r\n\t", "\r\n  "));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static boolean visible(char ch) {
        return ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n';
    }

    private static boolean insideQuotes(String s, int pos) {
        boolean q = false;
        for (int i = 0; i < pos; i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && q) {
                i++;
            } else if (ch == '"') {
                q = !q;
            }
        }
        return q;
    }

    byte[] body(List<String> headers) {
        switch (c.next(5)) {
            case 0:
                return new byte[0];
            case 1: {
                headers.add(line("Content-Type", "c", "application/sdp"));
                return ("v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                        + "m=audio " + (1024 + c.next(60000)) + " RTP/AVP 0 8\r\n").getBytes(StandardCharsets.US_ASCII);
            }
            case 2: {
                headers.add(line("Content-Type", "c", "application/octet-stream"));
                byte[] b = new byte[c.next(200)];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) c.next(256);
                }
                return b;
            }
            case 3: {
                headers.add(line("Content-Type", "c", "multipart/mixed;boundary=" + c.pick("b1", "\"quoted boundary\"")));
                String boundary = headers.get(headers.size() - 1).contains("quoted") ? "quoted boundary" : "b1";
                return ("--" + boundary + "\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n--" + boundary
                        + "\r\nContent-Type: application/ISUP;version=itu-t92+\r\n\r\n\u0001\u0002\r\n--" + boundary
                        + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            default: {
                headers.add(line("Content-Type", "c", "text/plain;charset=UTF-8"));
                return "Hello, Wörld\r\n".getBytes(StandardCharsets.UTF_8);
            }
        }
    }

    Generated generate() {
        boolean request = c.chance(75);
        String method = c.pick(METHODS);
        int status = 0;
        String startLine;
        if (request) {
            startLine = method + " " + uri(false) + " SIP/2.0\r\n";
        } else {
            status = pickInt(100, 180, 183, 200, 202, 301, 401, 404, 486, 500, 503, 603);
            startLine = "SIP/2.0 " + status + " " + c.pick("OK", "", "Ringing", "Sehr gut ünd schön", "Not Found",
                    "Reason with   spaces") + "\r\n";
        }
        List<String> headers = new ArrayList<>();
        List<String> branches = new ArrayList<>();
        int viaLines = 1 + c.next(3);
        for (int i = 0; i < viaLines; i++) {
            int values = c.chance(25) ? 2 : 1;
            StringBuilder v = new StringBuilder();
            for (int k = 0; k < values; k++) {
                String branch = "z9hG4bK" + c.next(1_000_000) + "-" + i + k;
                branches.add(branch);
                if (k > 0) {
                    v.append(ws()).append(',').append(c.pick(" ", "", "\r\n "));
                }
                v.append(via(branch));
            }
            headers.add(line("Via", "v", v.toString()));
        }
        String fromTag = "ft" + c.next(100000);
        headers.add(line("From", "f", address(fromTag, false)));
        headers.add(line("To", "t", address(c.chance(50) ? "tt" + c.next(1000) : null, false)));
        String callId = c.pick("a84b4c76e66710", "x.y-z!%*_+`'~()<>:\\\"/[]?{}", "c" + c.next(1 << 20)) + (c.chance(60)
                ? "@" + c.pick("pc33.example.com", "192.0.2.1", "h") : "");
        headers.add(line("Call-ID", "i", callId));
        long cseq = c.next(Integer.MAX_VALUE);
        String cseqMethod = request ? method : c.pick(METHODS);
        headers.add(line("CSeq", null, (c.chance(10) ? "00" : "") + cseq + c.pick(" ", "  ", "\r\n ") + cseqMethod));
        if (c.chance(70)) {
            headers.add(line("Max-Forwards", null, c.pick("70", "0", "255", "0068")));
        }
        if (c.chance(50)) {
            if (method.equals("REGISTER") && c.chance(20)) {
                headers.add(line("Contact", "m", "*"));
            } else {
                String v = address(null, false);
                if (c.chance(30)) {
                    v += c.pick(",", " , ", ",\r\n ") + address(null, false);
                }
                headers.add(line("Contact", "m", v));
            }
        }
        for (int i = c.next(3); i > 0; i--) {
            headers.add(line(c.pick("Route", "Record-Route"), null, "<" + sipUri(false) + ";lr>"
                    + (c.chance(30) ? ", <sip:" + host() + ";lr>" : "")));
        }
        for (int i = c.next(5); i > 0; i--) {
            switch (c.next(8)) {
                case 0 -> headers.add(line("Subject", "s", c.pick("lunch", "", "Meeting at 10, room 2")));
                case 1 -> headers.add(line("User-Agent", null, "Gen/1.0 (test)"));
                case 2 -> headers.add(line("Allow", null, "INVITE, ACK, BYE"));
                case 3 -> headers.add(line("Supported", "k", "timer, 100rel"));
                case 4 -> headers.add(line("Authorization", null,
                        "Digest username=\"alice\", realm=\"example.com\", nonce=\"a,b\", uri=\"sip:x\""));
                case 5 -> headers.add(line("X-Custom-" + c.next(10), null, c.pick("a, b", ";;,,;", "\"q\"", "v")));
                case 6 -> headers.add(line("Date", null, "Sat, 13 Nov 2010 23:29:00 GMT"));
                default -> headers.add(line("P-Asserted-Identity", null, address(null, true)));
            }
        }
        byte[] body = body(headers);
        boolean withLength = body.length > 0 || c.chance(80);
        if (withLength || body.length > 0) {
            headers.add(line("Content-Length", "l", (c.chance(10) ? "0" : "") + body.length));
        }
        // Shuffle, then put the Via lines back in their order (their order is meaningful, §7.3.1).
        List<String> vias = new ArrayList<>(headers.subList(0, viaLines));
        for (int i = headers.size() - 1; i > 0; i--) {
            int j = c.next(i + 1);
            String t = headers.get(i);
            headers.set(i, headers.get(j));
            headers.set(j, t);
        }
        int nextVia = 0;
        for (int i = 0; i < headers.size(); i++) {
            if (vias.contains(headers.get(i))) {
                headers.set(i, vias.get(nextVia++));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + body.length);
        out.writeBytes(startLine.getBytes(StandardCharsets.UTF_8));
        for (String h : headers) {
            out.writeBytes(h.getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(body);
        return new Generated(out.toByteArray(), request, method, status, callId, cseq, branches, fromTag, body);
    }

    private int pickInt(int... options) {
        return options[c.next(options.length)];
    }
}
