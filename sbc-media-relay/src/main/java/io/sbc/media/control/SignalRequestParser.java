package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.sdp.CodecFilter;
import io.sbc.media.sdp.MediaDescription;
import io.sbc.media.sdp.SdpParseResult;
import io.sbc.media.sdp.SdpParser;
import io.sbc.media.session.IceMode;
import io.sbc.media.session.LatchingFlags;
import io.sbc.media.session.RtcpMuxOption;
import io.sbc.media.session.SdesOptions;
import io.sbc.media.session.SignalRequest;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns the arguments of an ng {@code offer}/{@code answer} into a {@link SignalRequest}
 * (rtpengine's call_flags.c semantics, ng-protocol.md §3). Unknown flags and options the relay does
 * not implement become warnings, not errors, because Kamailio and OpenSIPS pass arbitrary script
 * tokens through. Flag tokens in Kamailio's string form ({@code replace-origin}, {@code rtcp-mux-demux},
 * {@code SDES-off}, {@code codec-strip-PCMU}, {@code ICE=remove}, {@code RTP/AVP}) are accepted in
 * {@code flags} too.
 */
final class SignalRequestParser {
    static final Set<String> PROTOCOLS = Set.of("RTP/AVP", "RTP/AVPF", "RTP/SAVP", "RTP/SAVPF",
            "UDP/TLS/RTP/SAVP", "UDP/TLS/RTP/SAVPF");

    private final SdpParser sdpParser;

    SignalRequestParser(SdpParser sdpParser) {
        this.sdpParser = sdpParser;
    }

    /** Either a request or an error reason; warnings collect ignored options. */
    record Parsed(SignalRequest request, String error) {
    }

    private static final class Builder {
        IceMode ice = IceMode.DEFAULT;
        String transport;
        boolean replaceOrigin;
        Set<RtcpMuxOption> mux = EnumSet.noneOf(RtcpMuxOption.class);
        boolean sdesOff;
        Set<String> sdesNo = new HashSet<>();
        Set<String> sdesOnly = new HashSet<>();
        List<String> strip = new ArrayList<>();
        List<String> mask = new ArrayList<>();
        List<String> except = new ArrayList<>();
        boolean trust = true;
        boolean sipSource;
        boolean symmetric = true;
        boolean strict;
        boolean portLatching;
        boolean handover;
        String error;
    }

    Parsed parse(NgArguments args, boolean answer, List<String> warnings) {
        String callId = args.nonEmpty("call-id");
        if (callId == null) {
            return new Parsed(null, "No call-id in message");
        }
        String fromTag = args.nonEmpty("from-tag");
        if (fromTag == null) {
            return new Parsed(null, "No from-tag in message");
        }
        String toTag = args.nonEmpty("to-tag");
        if (answer && toTag == null) {
            return new Parsed(null, "No to-tag in message");
        }
        byte[] sdpBytes = args.bytes("sdp");
        if (sdpBytes == null || sdpBytes.length == 0) {
            return new Parsed(null, "No SDP body in message");
        }
        SdpParseResult sdp = sdpParser.parse(sdpBytes);
        if (!sdp.isOk()) {
            return new Parsed(null, "Failed to parse SDP: " + sdp.errorReason()
                    + (sdp.errorLine() > 0 ? " (line " + sdp.errorLine() + ")" : ""));
        }
        Builder b = new Builder();
        for (String v : args.list("ice")) {
            ice(b, v, warnings);
        }
        String tp = args.nonEmpty("transport-protocol");
        if (tp != null) {
            transport(b, tp, answer);
        }
        for (String v : args.list("replace")) {
            replace(b, v, warnings);
        }
        for (String v : args.list("rtcp-mux")) {
            rtcpMux(b, v, warnings);
        }
        for (String v : args.list("sdes")) {
            sdes(b, v, warnings);
        }
        for (String v : args.list("dtls")) {
            String n = NgArguments.normalize(v);
            if (!n.equals("off") && !n.equals("no") && !n.equals("disable")) {
                warnings.add("DTLS '" + v + "' ignored: this relay does not terminate DTLS-SRTP");
            }
        }
        BencodeDictionary codec = args.dictionary("codec");
        if (codec != null) {
            b.strip.addAll(NgArguments.toStrings(codec.get("strip")));
            b.mask.addAll(NgArguments.toStrings(codec.get("mask")));
            b.except.addAll(NgArguments.toStrings(codec.get("except")));
            for (String k : codec.entries().keySet()) {
                if (!k.equals("strip") && !k.equals("mask") && !k.equals("except")) {
                    warnings.add("codec '" + k + "' ignored: this relay does not transcode");
                }
            }
        }
        for (String f : args.list("flags")) {
            flag(b, f, answer, warnings);
        }
        if (b.error != null) {
            return new Parsed(null, b.error);
        }
        List<String> direction = args.list("direction");
        if (direction.isEmpty()) {
            String from = args.nonEmpty("from-interface");
            String to = args.nonEmpty("to-interface");
            if (from != null || to != null) {
                direction = new ArrayList<>();
                direction.add(from != null ? from : to);
                direction.add(to != null ? to : from);
            }
        }
        if (direction.size() > 2) {
            return new Parsed(null, "direction must name at most two interfaces");
        }
        String receivedFrom = null;
        List<String> rf = args.list("received-from");
        if (rf.size() == 2) {
            receivedFrom = rf.get(1);
        } else if (rf.size() == 1) {
            receivedFrom = rf.get(0);
        }
        String mediaDirection = args.nonEmpty("media-direction");
        if (mediaDirection != null && !MediaDescription.DIRECTIONS.contains(mediaDirection)) {
            return new Parsed(null, "media-direction must be one of " + MediaDescription.DIRECTIONS);
        }
        LatchingFlags latching = new LatchingFlags(b.trust, b.symmetric, b.strict, b.portLatching, b.handover);
        SignalRequest req = new SignalRequest(callId, fromTag, toTag, args.nonEmpty("via-branch"), sdp.description(),
                direction, b.ice, b.transport, b.replaceOrigin, b.mux,
                new SdesOptions(b.sdesOff, b.sdesNo, b.sdesOnly), new CodecFilter(b.strip, b.mask, b.except), latching,
                b.sipSource, receivedFrom, args.nonEmpty("media-address"), mediaDirection, args.nonEmpty("label"));
        return new Parsed(req, null);
    }

    private static void ice(Builder b, String v, List<String> warnings) {
        switch (NgArguments.normalize(v)) {
            case "remove" -> b.ice = IceMode.REMOVE;
            case "force" -> b.ice = IceMode.FORCE;
            case "default" -> b.ice = IceMode.DEFAULT;
            default -> warnings.add("ICE '" + v + "' ignored");
        }
    }

    private static void transport(Builder b, String v, boolean answer) {
        if (PROTOCOLS.contains(v) || (answer && v.equals("accept"))) {
            b.transport = v;
        } else {
            b.error = "Invalid transport protocol '" + v + "'";
        }
    }

    private static void replace(Builder b, String v, List<String> warnings) {
        switch (NgArguments.normalize(v)) {
            case "origin", "origin-full" -> b.replaceOrigin = true;
            // The session-level c= is always rewritten (it would otherwise point past the relay).
            case "session-connection" -> { }
            default -> warnings.add("replace '" + v + "' ignored");
        }
    }

    private static void rtcpMux(Builder b, String v, List<String> warnings) {
        switch (NgArguments.normalize(v)) {
            case "offer" -> b.mux.add(RtcpMuxOption.OFFER);
            case "demux" -> b.mux.add(RtcpMuxOption.DEMUX);
            case "accept" -> b.mux.add(RtcpMuxOption.ACCEPT);
            case "reject" -> b.mux.add(RtcpMuxOption.REJECT);
            case "require" -> b.mux.add(RtcpMuxOption.REQUIRE);
            default -> warnings.add("rtcp-mux '" + v + "' ignored");
        }
    }

    private static void sdes(Builder b, String v, List<String> warnings) {
        String n = v.toLowerCase(Locale.ROOT);
        if (n.equals("off") || n.equals("no") || n.equals("disable")) {
            b.sdesOff = true;
        } else if (n.startsWith("no-")) {
            b.sdesNo.add(v.substring(3));
        } else if (n.startsWith("only-")) {
            b.sdesOnly.add(v.substring(5));
        } else {
            warnings.add("SDES '" + v + "' ignored");
        }
    }

    private static void flag(Builder b, String raw, boolean answer, List<String> warnings) {
        String f = NgArguments.normalize(raw);
        switch (f) {
            case "trust-address" -> {
                b.trust = true;
                b.sipSource = false;
            }
            case "sip-source-address" -> {
                b.sipSource = true;
                b.trust = false;
            }
            case "symmetric" -> b.symmetric = true;
            case "asymmetric" -> b.symmetric = false;
            case "strict-source" -> b.strict = true;
            case "port-latching" -> b.portLatching = true;
            case "no-port-latching" -> b.portLatching = false;
            case "media-handover" -> b.handover = true;
            // Accepted without effect here: loop protection is implicit (the relay never forwards its own SDP),
            // and these only tune rtpengine internals.
            case "loop-protect", "reset", "original-sendrecv", "full-rtcp-attribute", "no-rtcp-attribute" -> { }
            default -> flagWithPrefix(b, raw, f, answer, warnings);
        }
    }

    private static void flagWithPrefix(Builder b, String raw, String f, boolean answer, List<String> warnings) {
        if (PROTOCOLS.contains(raw)) {
            b.transport = raw;
        } else if (f.startsWith("replace-")) {
            replace(b, raw.substring(8), warnings);
        } else if (f.startsWith("rtcp-mux-")) {
            rtcpMux(b, raw.substring(9), warnings);
        } else if (f.startsWith("sdes-")) {
            sdes(b, raw.substring(5), warnings);
        } else if (f.startsWith("ice=")) {
            ice(b, raw.substring(4), warnings);
        } else if (f.startsWith("transport-protocol=")) {
            transport(b, raw.substring(19), answer);
        } else if (f.startsWith("codec-strip-")) {
            b.strip.add(raw.substring(12));
        } else if (f.startsWith("codec-mask-")) {
            b.mask.add(raw.substring(11));
        } else if (f.startsWith("codec-except-")) {
            b.except.add(raw.substring(13));
        } else {
            warnings.add("Unknown flag '" + raw + "' ignored");
        }
    }

    static BencodeList strings(List<String> values) {
        return BencodeList.ofStrings(values.toArray(new String[0]));
    }
}
