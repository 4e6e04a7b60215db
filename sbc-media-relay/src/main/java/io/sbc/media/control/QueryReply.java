package io.sbc.media.control;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeValue;
import io.sbc.media.session.Call;
import io.sbc.media.session.MediaLeg;
import io.sbc.media.session.Monologue;
import io.sbc.media.session.ReceptionFigures;
import io.sbc.media.session.Stream;
import io.sbc.media.session.StreamCounters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code query} (and {@code delete}) reply body in rtpengine's layout (ng-protocol.md §4):
 * created, last signal, tags → medias → streams (one RTP and one RTCP entry per stream), totals.
 *
 * <p>Reception quality, where the relay workers supplied it ({@link ReceptionFigures}), follows
 * rtpengine's {@code ng_stats_ssrc} so that Kamailio's {@code mos-*} pseudo-variables read it: each
 * stream names its sender's {@code SSRC}, and the top-level {@code SSRC} dictionary (keyed by the
 * decimal SSRC) holds {@code cumulative loss} and {@code average MOS} with {@code MOS} (×10, an
 * integer as in rtpengine), {@code packet loss} (percent), {@code jitter} (ms),
 * {@code round-trip time} (µs) and {@code samples}. The relay computes one sample over the whole
 * stream when asked, so it reports no {@code lowest}/{@code highest MOS} or progression. Relay
 * extensions in each RTP stream's {@code stats}: {@code packets lost}, {@code packets expected}
 * (RFC 3550 A.3) and {@code jitter us} (A.8, microseconds) for readers that want more than
 * rtpengine's integer milliseconds.
 */
final class QueryReply {
    private QueryReply() {
    }

    static BencodeDictionary.Builder of(Call call) {
        return of(call, Map.of());
    }

    /** @param figures reception figures by {@link Stream#id()}; streams missing here get packet counters only */
    static BencodeDictionary.Builder of(Call call, Map<Long, ReceptionFigures> figures) {
        Map<String, BencodeValue> ssrcs = new LinkedHashMap<>();
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
                    ReceptionFigures f = figures.get(s.id());
                    streams.add(stream(s, s.localRtpPort(), s.remoteRtpPort(), s.rtpCounters(), "RTP", rtp, f));
                    streams.add(stream(s, s.localRtcpPort(), s.remoteRtcpPort(), s.rtcpCounters(), "RTCP", rtcp,
                            null));
                    if (f != null && f.ssrc() >= 0) {
                        ssrcs.put(Long.toString(f.ssrc()), ssrc(f));
                    }
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
        BencodeDictionary.Builder reply = BencodeDictionary.builder().put("result", "ok");
        // Relay extension: the polling fallback of the media-timeout notification.
        reply.put("timed-out", call.timedOut() ? 1 : 0);
        if (call.timedOut()) {
            reply.put("silent-seconds", call.silentSeconds());
        }
        if (!ssrcs.isEmpty()) {
            reply.put("SSRC", new BencodeDictionary(ssrcs));
        }
        return reply
                .put("created", call.createdEpochSeconds())
                .put("last signal", call.lastSignalEpochSeconds())
                .put("tags", new BencodeDictionary(tags))
                .put("totals", totals);
    }

    private static BencodeDictionary totals(long[] t) {
        return BencodeDictionary.builder().put("packets", t[0]).put("bytes", t[1]).put("errors", t[2]).build();
    }

    /** rtpengine's per-SSRC block (call_interfaces.c {@code ng_stats_ssrc}), one whole-stream sample. */
    private static BencodeDictionary ssrc(ReceptionFigures f) {
        BencodeDictionary mos = BencodeDictionary.builder()
                .put("MOS", Math.round(f.mos() * 10))
                .put("round-trip time", f.rttMs() < 0 ? 0 : Math.round(f.rttMs() * 1000))
                .put("jitter", Math.round(f.jitterMs()))
                .put("packet loss", Math.round(f.lossRatio() * 100))
                .put("samples", 1)
                .build();
        return BencodeDictionary.builder()
                .put("cumulative loss", f.lost())
                .put("average MOS", mos)
                .build();
    }

    private static BencodeDictionary stream(Stream s, int localPort, int remotePort, StreamCounters c, String kind,
                                            long[] totals, ReceptionFigures f) {
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
        BencodeDictionary.Builder stats = BencodeDictionary.builder().put("packets", c.packets())
                .put("bytes", c.bytes()).put("errors", c.errors());
        if (f != null) {
            if (f.ssrc() >= 0) {
                b.put("SSRC", f.ssrc());
            }
            stats.put("packets lost", f.lost())
                    .put("packets expected", f.expected())
                    .put("jitter us", Math.round(f.jitterMs() * 1000));
        }
        return b.put("last packet", c.lastPacketEpochSeconds())
                .put("flags", SignalRequestParser.strings(flags))
                .put("stats", stats.build())
                .build();
    }
}
