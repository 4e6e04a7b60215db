package io.sbc.media.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * One media section (RFC 8866 §5.14): the {@code m=} line and every line up to the next {@code m=}.
 * Immutable; the original lines are kept so untouched lines render byte-identically.
 */
public final class MediaDescription {
    /** RFC 3264 §5.1 direction attributes. */
    public static final List<String> DIRECTIONS = List.of("sendrecv", "sendonly", "recvonly", "inactive");

    private final int index;
    private final SdpLine mediaLine;
    private final String mediaType;
    private final int port;
    private final int portCount;
    private final String proto;
    private final List<String> formats;
    private final List<SdpLine> lines;
    private final Connection connection;

    MediaDescription(int index, SdpLine mediaLine, String mediaType, int port, int portCount, String proto,
                     List<String> formats, List<SdpLine> lines, Connection connection) {
        this.index = index;
        this.mediaLine = mediaLine;
        this.mediaType = mediaType;
        this.port = port;
        this.portCount = portCount;
        this.proto = proto;
        this.formats = List.copyOf(formats);
        this.lines = List.copyOf(lines);
        this.connection = connection;
    }

    /** 0-based position among the m= sections. */
    public int index() {
        return index;
    }

    public SdpLine mediaLine() {
        return mediaLine;
    }

    /** {@code audio}, {@code video}, {@code application}, ... */
    public String mediaType() {
        return mediaType;
    }

    public int port() {
        return port;
    }

    /** The {@code /N} port count of the m= line, or -1 when absent. */
    public int portCount() {
        return portCount;
    }

    public String proto() {
        return proto;
    }

    public List<String> formats() {
        return formats;
    }

    /** Lines after the m= line, in order. */
    public List<SdpLine> lines() {
        return lines;
    }

    /** Media-level c=, or null (then the session-level c= applies). */
    public Connection connection() {
        return connection;
    }

    /** RFC 3264 §5.1/§6: port 0 means the stream is disabled or rejected. */
    public boolean isDisabled() {
        return port == 0;
    }

    public boolean isRtp() {
        return proto.contains("RTP/");
    }

    public List<String> attributeValues(String name) {
        List<String> out = new ArrayList<>();
        for (SdpLine l : lines) {
            if (l.isAttribute(name)) {
                String v = l.attributeValue();
                out.add(v == null ? "" : v);
            }
        }
        return out;
    }

    public String attributeValue(String name) {
        for (SdpLine l : lines) {
            if (l.isAttribute(name)) {
                String v = l.attributeValue();
                return v == null ? "" : v;
            }
        }
        return null;
    }

    public boolean hasAttribute(String name) {
        for (SdpLine l : lines) {
            if (l.isAttribute(name)) {
                return true;
            }
        }
        return false;
    }

    /** The media-level direction attribute, or null when none is present (sendrecv is implied). */
    public String direction() {
        for (SdpLine l : lines) {
            String n = l.attributeName();
            if (n != null && l.attributeValue() == null && DIRECTIONS.contains(n)) {
                return n;
            }
        }
        return null;
    }

    /** RFC 5761 §5.1.1. */
    public boolean hasRtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** RFC 3605 a=rtcp port, or -1 when absent or unparsable. */
    public int rtcpPort() {
        String v = attributeValue("rtcp");
        if (v == null) {
            return -1;
        }
        int sp = v.indexOf(' ');
        return SdpParser.parsePort(sp < 0 ? v : v.substring(0, sp));
    }

    /** RFC 3605: the optional address of a=rtcp, or null. */
    public String rtcpAddress() {
        String v = attributeValue("rtcp");
        if (v == null) {
            return null;
        }
        String[] f = v.split(" ");
        return f.length >= 4 ? f[3] : null;
    }

    /** RFC 4568 a=crypto lines that parse; unparsable ones are skipped. */
    public List<CryptoAttribute> cryptos() {
        List<CryptoAttribute> out = new ArrayList<>();
        for (String v : attributeValues("crypto")) {
            CryptoAttribute c = CryptoAttribute.parse(v);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** a=ptime in milliseconds, or -1. */
    public int ptime() {
        String v = attributeValue("ptime");
        return v == null ? -1 : SdpParser.parsePort(v.trim());
    }

    /** The encoding name for a payload format: from a=rtpmap, else the RFC 3551 static table, else null. */
    public String encodingName(String format) {
        String rtpmap = rtpmap(format);
        if (rtpmap != null) {
            int slash = rtpmap.indexOf('/');
            return slash < 0 ? rtpmap : rtpmap.substring(0, slash);
        }
        return StaticPayloadTypes.name(format);
    }

    /** The a=rtpmap encoding ({@code name/rate[/channels]}) for a format, or null. */
    public String rtpmap(String format) {
        for (SdpLine l : lines) {
            if (l.isAttribute("rtpmap")) {
                String v = l.attributeValue();
                if (v != null && v.startsWith(format) && v.length() > format.length() && v.charAt(format.length()) == ' ') {
                    return v.substring(format.length() + 1).trim();
                }
            }
        }
        return null;
    }

    public boolean hasIce() {
        for (SdpLine l : lines) {
            if (IceAttributes.isIce(l)) {
                return true;
            }
        }
        return false;
    }
}
