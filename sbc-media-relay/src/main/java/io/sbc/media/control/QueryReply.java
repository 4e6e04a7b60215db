package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeValue;
import io.sbc.media.session.Call;
import io.sbc.media.session.MediaLeg;
import io.sbc.media.session.Monologue;
import io.sbc.media.session.Stream;
import io.sbc.media.session.StreamCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code query} (and {@code delete}) reply body in rtpengine's layout (ng-protocol.md §4):
 * created, last signal, tags → medias → streams (one RTP and one RTCP entry per stream), totals.
 */
final class QueryReply {
    private QueryReply() {
    }

    static BencodeDictionary.Builder of(Call call) {
        Map<String, BencodeValue> tags = new LinkedHashMap<>();
        long[] rtp = new long[3];
        long[] rtcp = new long[3];
        for (Monologue m : call.monologues()) {
            List<BencodeValue> medias = new ArrayList<>();
            for (MediaLeg l : m.media()) {
                List<BencodeValue> streams = new ArrayList<>();
                List<String> mediaFlags = new ArrayList<>();
                Stream s = l.stream();
                if (s != null) {
                    mediaFlags.add("initialized");
                    if (s.rtcpMux()) {
                        mediaFlags.add("rtcp-mux");
                    }
                    if (l.isSdes()) {
                        mediaFlags.add("SDES");
                    }
                    streams.add(stream(s, s.localRtpPort(), s.remoteRtpPort(), s.rtpCounters(), "RTP", rtp));
                    streams.add(stream(s, s.localRtcpPort(), s.remoteRtcpPort(), s.rtcpCounters(), "RTCP", rtcp));
                }
                medias.add(BencodeDictionary.builder()
                        .put("index", l.index() + 1)
                        .put("type", l.type())
                        .put("protocol", l.proto() == null ? "" : l.proto())
                        .put("flags", SignalRequestParser.strings(mediaFlags))
                        .put("streams", new BencodeList(streams))
                        .build());
            }
            BencodeDictionary.Builder t = BencodeDictionary.builder()
                    .put("tag", m.tag())
                    .put("created", m.createdEpochSeconds())
                    .put("interface", m.interfaceName())
                    .put("medias", new BencodeList(medias));
            if (m.label() != null) {
                t.put("label", m.label());
            }
            if (m.peer() != null) {
                t.put("in dialogue with", m.peer().tag());
            }
            tags.put(m.tag(), t.build());
        }
        BencodeDictionary totals = BencodeDictionary.builder()
                .put("RTP", totals(rtp))
                .put("RTCP", totals(rtcp))
                .build();
        return BencodeDictionary.builder().put("result", "ok")
                .put("created", call.createdEpochSeconds())
                .put("last signal", call.lastSignalEpochSeconds())
                .put("tags", new BencodeDictionary(tags))
                .put("totals", totals);
    }

    private static BencodeDictionary totals(long[] t) {
        return BencodeDictionary.builder().put("packets", t[0]).put("bytes", t[1]).put("errors", t[2]).build();
    }

    private static BencodeDictionary stream(Stream s, int localPort, int remotePort, StreamCounters c, String kind,
                                            long[] totals) {
        totals[0] += c.packets();
        totals[1] += c.bytes();
        totals[2] += c.errors();
        List<String> flags = new ArrayList<>();
        flags.add(kind);
        BencodeDictionary.Builder b = BencodeDictionary.builder()
                .put("local port", localPort)
                .put("local address", s.localAddress())
                .put("family", s.localAddress().indexOf(':') >= 0 ? "IPv6" : "IPv4");
        if (s.remoteAddress() != null) {
            flags.add("filled");
            BencodeDictionary endpoint = BencodeDictionary.builder()
                    .put("family", s.remoteAddress().indexOf(':') >= 0 ? "IPv6" : "IPv4")
                    .put("address", s.remoteAddress())
                    .put("port", remotePort)
                    .build();
            b.put("endpoint", endpoint).put("advertised endpoint", endpoint);
        }
        if (s.srtpOut() != null) {
            b.put("crypto suite", s.srtpOut().suite());
        }
        return b.put("last packet", c.lastPacketEpochSeconds())
                .put("flags", SignalRequestParser.strings(flags))
                .put("stats", BencodeDictionary.builder().put("packets", c.packets()).put("bytes", c.bytes())
                        .put("errors", c.errors()).build())
                .build();
    }
}
