package io.sbc.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * SDP parser (RFC 8866). Splits the body into lines keeping each line's own terminator (CRLF or a
 * bare LF, which RFC 8866 §5 asks parsers to accept), parses the fields the relay acts on (v, o, c,
 * m) and keeps every line's text so rendering is byte-identical.
 *
 * <p>Lenient where real peers differ from the RFC without harm (missing s=/t=, blank lines, any
 * line order after v=), strict where a wrong value would misroute media: v= must be first and be
 * 0, o= must have six fields, c= three, m= at least four with a port in 0..65535, and every enabled
 * media section needs a connection address. Stateless and thread-safe. Never throws on bad input.
 */
public final class SdpParser {
    private final SdpLimits limits;

    public SdpParser(SdpLimits limits) {
        this.limits = limits;
    }

    public SdpParser() {
        this(SdpLimits.DEFAULT);
    }

    public SdpParseResult parse(byte[] body) {
        if (body.length > limits.maxBytes()) {
            return SdpParseResult.error("SDP longer than " + limits.maxBytes() + " bytes", 0);
        }
        return parse(new String(body, StandardCharsets.ISO_8859_1));
    }

    /** Parses text whose chars are bytes (ISO-8859-1 decoded). */
    public SdpParseResult parse(String text) {
        try {
            return doParse(text);
        } catch (RuntimeException e) {
            // A parser bug must not take the control thread down; report it as bad input.
            return SdpParseResult.error("Failed to parse SDP", 0);
        }
    }

    private SdpParseResult doParse(String text) {
        if (text.length() > limits.maxBytes()) {
            return SdpParseResult.error("SDP longer than " + limits.maxBytes() + " bytes", 0);
        }
        if (text.isEmpty()) {
            return SdpParseResult.error("empty SDP", 0);
        }
        List<SdpLine> all = new ArrayList<>();
        int pos = 0;
        while (pos < text.length()) {
            if (all.size() >= limits.maxLines()) {
                return SdpParseResult.error("more than " + limits.maxLines() + " lines", all.size());
            }
            int lf = text.indexOf('\n', pos);
            String content;
            String eol;
            if (lf < 0) {
                content = text.substring(pos);
                eol = "";
                pos = text.length();
            } else if (lf > pos && text.charAt(lf - 1) == '\r') {
                content = text.substring(pos, lf - 1);
                eol = "\r\n";
                pos = lf + 1;
            } else {
                content = text.substring(pos, lf);
                eol = "\n";
                pos = lf + 1;
            }
            all.add(new SdpLine(content, eol));
        }
        for (int i = 0; i < all.size(); i++) {
            SdpLine l = all.get(i);
            if (l.text().isEmpty()) {
                continue;
            }
            char t = l.type();
            if (t < 'a' || t > 'z') {
                return SdpParseResult.error("malformed line (expected <type>=<value>)", i + 1);
            }
            if (l.text().indexOf('\r') >= 0 || l.text().indexOf('\0') >= 0) {
                return SdpParseResult.error("CR or NUL inside a line", i + 1);
            }
        }
        int first = 0;
        while (first < all.size() && all.get(first).text().isEmpty()) {
            first++;
        }
        if (first >= all.size() || !all.get(first).text().equals("v=0")) {
            return SdpParseResult.error("first line is not v=0", first + 1);
        }
        List<SdpLine> session = new ArrayList<>();
        Origin origin = null;
        Connection sessionConnection = null;
        int i = 0;
        for (; i < all.size() && all.get(i).type() != 'm'; i++) {
            SdpLine l = all.get(i);
            session.add(l);
            if (l.type() == 'o') {
                if (origin != null) {
                    return SdpParseResult.error("more than one o= line", i + 1);
                }
                origin = parseOrigin(l.value());
                if (origin == null) {
                    return SdpParseResult.error("malformed o= line", i + 1);
                }
            } else if (l.type() == 'c') {
                if (sessionConnection != null) {
                    return SdpParseResult.error("more than one session-level c= line", i + 1);
                }
                sessionConnection = parseConnection(l.value());
                if (sessionConnection == null) {
                    return SdpParseResult.error("malformed c= line", i + 1);
                }
            }
        }
        if (origin == null) {
            return SdpParseResult.error("missing o= line", 0);
        }
        List<MediaDescription> media = new ArrayList<>();
        while (i < all.size()) {
            if (media.size() >= limits.maxMedia()) {
                return SdpParseResult.error("more than " + limits.maxMedia() + " media sections", i + 1);
            }
            int mLineNo = i + 1;
            SdpLine mLine = all.get(i++);
            List<SdpLine> lines = new ArrayList<>();
            Connection c = null;
            for (; i < all.size() && all.get(i).type() != 'm'; i++) {
                SdpLine l = all.get(i);
                lines.add(l);
                if (l.type() == 'c') {
                    if (c != null) {
                        // RFC 8866 §5.7 allows several c= only for multicast; a relay cannot anchor them.
                        return SdpParseResult.error("more than one c= line in a media section", i + 1);
                    }
                    c = parseConnection(l.value());
                    if (c == null) {
                        return SdpParseResult.error("malformed c= line", i + 1);
                    }
                }
            }
            String[] f = splitFields(mLine.value());
            if (f.length < 4) {
                return SdpParseResult.error("malformed m= line", mLineNo);
            }
            if (f.length - 3 > limits.maxFormatsPerMedia()) {
                return SdpParseResult.error("more than " + limits.maxFormatsPerMedia() + " formats", mLineNo);
            }
            String portField = f[1];
            int portCount = -1;
            int slash = portField.indexOf('/');
            if (slash >= 0) {
                portCount = parsePort(portField.substring(slash + 1));
                portField = portField.substring(0, slash);
                if (portCount <= 0) {
                    return SdpParseResult.error("malformed port count in m= line", mLineNo);
                }
            }
            int port = parsePort(portField);
            if (port < 0) {
                return SdpParseResult.error("malformed port in m= line", mLineNo);
            }
            MediaDescription md = new MediaDescription(media.size(), mLine, f[0], port, portCount, f[2],
                    List.of(f).subList(3, f.length), lines, c);
            if (!md.isDisabled() && c == null && sessionConnection == null) {
                return SdpParseResult.error("Incomplete SDP specification: no c= line for media " + md.index(), mLineNo);
            }
            media.add(md);
        }
        return SdpParseResult.ok(new SessionDescription(session, origin, sessionConnection, media));
    }

    static Origin parseOrigin(String v) {
        String[] f = splitFields(v);
        if (f.length != 6) {
            return null;
        }
        return new Origin(f[0], f[1], f[2], f[3], f[4], f[5]);
    }

    static Connection parseConnection(String v) {
        String[] f = splitFields(v);
        if (f.length != 3) {
            return null;
        }
        if (!f[1].equals("IP4") && !f[1].equals("IP6")) {
            return null;
        }
        String addr = f[2];
        String suffix = "";
        int slash = addr.indexOf('/');
        if (slash >= 0) {
            suffix = addr.substring(slash);
            addr = addr.substring(0, slash);
        }
        if (addr.isEmpty()) {
            return null;
        }
        return new Connection(f[0], f[1], addr, suffix);
    }

    /** Fields separated by single spaces (RFC 8866 §9 grammar); empty fields make the line malformed. */
    static String[] splitFields(String v) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= v.length(); i++) {
            if (i == v.length() || v.charAt(i) == ' ') {
                if (i > start) {
                    out.add(v.substring(start, i));
                }
                start = i + 1;
            }
        }
        return out.toArray(new String[0]);
    }

    /** Decimal 0..65535, else -1. */
    static int parsePort(String s) {
        if (s.isEmpty() || s.length() > 5) {
            return -1;
        }
        int p = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            p = p * 10 + (ch - '0');
        }
        return p <= 65535 ? p : -1;
    }
}
