package io.sbc.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a {@link RewritePlan} to a parsed SDP and renders the result. A line is re-rendered only
 * when the plan changes its content; every other line keeps its original text and terminator.
 * Lines the plan adds (a=rtcp, a=rtcp-mux, a=crypto, direction, ICE) go at the end of their media
 * section, in that order, so applying the same plan to the output again yields the same output.
 *
 * <p>Stateless and thread-safe.
 */
public final class SdpRewriter {

    private SdpRewriter() {
    }

    public static byte[] rewriteToBytes(SessionDescription sdp, RewritePlan plan) {
        return rewrite(sdp, plan).getBytes(StandardCharsets.ISO_8859_1);
    }

    public static String rewrite(SessionDescription sdp, RewritePlan plan) {
        StringBuilder out = new StringBuilder(2048);
        String eol = sdp.dominantEol();
        for (SdpLine l : sdp.sessionLines()) {
            char t = l.type();
            if (t == 'o' && plan.originAddress() != null) {
                emit(out, l, sdp.origin().withAddress(plan.originAddrType(), plan.originAddress()).format());
            } else if (t == 'c' && plan.connectionAddress() != null && !sdp.connection().isZeroAddress()) {
                emit(out, l, new Connection(sdp.connection().netType(), plan.connectionAddrType(),
                        plan.connectionAddress(), "").format());
            } else if (plan.removeSessionIce() && IceAttributes.isIce(l)) {
                continue;
            } else if (plan.removeSessionDtls() && IceAttributes.isDtls(l)) {
                continue;
            } else {
                keep(out, l);
            }
        }
        for (MediaDescription m : sdp.media()) {
            MediaRewrite r = plan.media(m.index());
            if (r == MediaRewrite.UNCHANGED || r == null) {
                keep(out, m.mediaLine());
                for (SdpLine l : m.lines()) {
                    keep(out, l);
                }
            } else {
                rewriteMedia(out, sdp, m, r, eol);
            }
        }
        return out.toString();
    }

    private static void rewriteMedia(StringBuilder out, SessionDescription sdp, MediaDescription m,
                                     MediaRewrite r, String eol) {
        List<String> formats = m.formats();
        if (r.codecs() != null && !r.codecs().isEmpty()) {
            List<String> kept = r.codecs().keep(m);
            // RFC 3264 §6: an m= line needs at least one format; stripping all of them disables the stream.
            formats = kept;
        }
        Set<String> removedFormats = new HashSet<>(m.formats());
        removedFormats.removeAll(formats);
        int port = r.port() == MediaRewrite.KEEP ? m.port() : r.port();
        if (formats.isEmpty()) {
            formats = m.formats();
            removedFormats.clear();
            port = 0;
        }
        String proto = r.proto() == null ? m.proto() : r.proto();
        if (port == m.port() && proto.equals(m.proto()) && formats.equals(m.formats())) {
            keep(out, m.mediaLine());
        } else {
            StringBuilder ml = new StringBuilder(64).append("m=").append(m.mediaType()).append(' ').append(port);
            if (m.portCount() > 0) {
                ml.append('/').append(m.portCount());
            }
            ml.append(' ').append(proto);
            for (String f : formats) {
                ml.append(' ').append(f);
            }
            emit(out, m.mediaLine(), ml.toString());
        }
        Connection effective = sdp.effectiveConnection(m);
        boolean hold = effective != null && effective.isZeroAddress();
        boolean rtcpWritten = false;
        boolean muxSeen = false;
        boolean cryptoWritten = false;
        boolean directionWritten = false;
        for (SdpLine l : m.lines()) {
            char t = l.type();
            if (t == 'c' && r.address() != null && !hold) {
                emit(out, l, new Connection(m.connection().netType(), r.addrType(), r.address(), "").format());
                continue;
            }
            String name = l.attributeName();
            if (name == null) {
                keep(out, l);
                continue;
            }
            if (name.equals("rtcp") && r.rtcpPort() == MediaRewrite.KEEP && r.address() != null
                    && m.rtcpAddress() != null) {
                // Topology hiding: an address form of a=rtcp (RFC 3605) names the sender's host.
                emit(out, l, rtcpLine(m, r, m.rtcpPort()));
                continue;
            }
            if (name.equals("rtcp") && r.rtcpPort() != MediaRewrite.KEEP) {
                if (r.rtcpPort() >= 0 && !rtcpWritten) {
                    emit(out, l, rtcpLine(m, r, r.rtcpPort()));
                    rtcpWritten = true;
                }
                continue;
            }
            if (name.equals("rtcp-mux") && r.rtcpMux() != null) {
                if (r.rtcpMux() && !muxSeen) {
                    keep(out, l);
                    muxSeen = true;
                }
                continue;
            }
            if (name.equals("crypto") && r.crypto() != null) {
                if (!cryptoWritten) {
                    for (CryptoAttribute c : r.crypto()) {
                        addLine(out, "a=crypto:" + c.format(), l.eol().isEmpty() ? eol : l.eol());
                    }
                    cryptoWritten = true;
                }
                continue;
            }
            if (r.removeIce() && IceAttributes.isIce(l)) {
                continue;
            }
            if (r.removeDtls() && IceAttributes.isDtls(l)) {
                continue;
            }
            if (r.direction() != null && l.attributeValue() == null && MediaDescription.DIRECTIONS.contains(name)) {
                if (!directionWritten) {
                    emit(out, l, "a=" + r.direction());
                    directionWritten = true;
                }
                continue;
            }
            if (!removedFormats.isEmpty() && (name.equals("rtpmap") || name.equals("fmtp") || name.equals("rtcp-fb"))
                    && removedFormats.contains(firstToken(l.attributeValue()))) {
                continue;
            }
            keep(out, l);
        }
        if (r.rtcpPort() >= 0 && !rtcpWritten) {
            addLine(out, rtcpLine(m, r, r.rtcpPort()), eol);
        }
        if (Boolean.TRUE.equals(r.rtcpMux()) && !muxSeen) {
            addLine(out, "a=rtcp-mux", eol);
        }
        if (r.crypto() != null && !cryptoWritten) {
            for (CryptoAttribute c : r.crypto()) {
                addLine(out, "a=crypto:" + c.format(), eol);
            }
        }
        if (r.direction() != null && !directionWritten) {
            addLine(out, "a=" + r.direction(), eol);
        }
        if (r.ice() != null) {
            addLine(out, "a=ice-ufrag:" + r.ice().ufrag(), eol);
            addLine(out, "a=ice-pwd:" + r.ice().pwd(), eol);
            for (String c : r.ice().candidates()) {
                addLine(out, "a=candidate:" + c, eol);
            }
        }
    }

    /** Appends a new line; terminates an unterminated last line first so lines never run together. */
    private static void addLine(StringBuilder out, String text, String eol) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append(eol);
        }
        out.append(text).append(eol);
    }

    /** RFC 3605 §2.1: keep the address form only when the original carried one (then with the new address). */
    private static String rtcpLine(MediaDescription m, MediaRewrite r, int port) {
        String origAddr = m.rtcpAddress();
        if (origAddr != null && r.address() != null) {
            return "a=rtcp:" + port + " IN " + r.addrType() + ' ' + r.address();
        }
        return "a=rtcp:" + port;
    }

    private static String firstToken(String v) {
        if (v == null) {
            return "";
        }
        int sp = v.indexOf(' ');
        return sp < 0 ? v : v.substring(0, sp);
    }

    private static void keep(StringBuilder out, SdpLine l) {
        out.append(l.text()).append(l.eol());
    }

    private static void emit(StringBuilder out, SdpLine original, String newText) {
        out.append(newText).append(original.eol().isEmpty() ? "" : original.eol());
    }
}
