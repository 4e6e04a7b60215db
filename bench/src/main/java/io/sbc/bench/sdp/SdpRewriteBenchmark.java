package io.sbc.bench.sdp;

import io.sbc.media.bencode.BencodeDecoder;
import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeResult;
import io.sbc.media.control.NgCommandDispatcher;
import io.sbc.media.sdp.MediaRewrite;
import io.sbc.media.sdp.RewritePlan;
import io.sbc.media.sdp.SdpParseResult;
import io.sbc.media.sdp.SdpParser;
import io.sbc.media.sdp.SdpRewriter;
import io.sbc.media.sdp.SessionDescription;
import io.sbc.media.session.CallRegistry;
import io.sbc.media.session.SessionConfig;
import io.sbc.media.session.StreamListener;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Control-plane costs per call: SDP parse, SDP rewrite, bencode decode of an ng offer, and a full
 * offer+delete through the dispatcher (parse, decide, allocate, render, encode).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SdpRewriteBenchmark {
    static final String SDP = String.join("\r\n",
            "v=0", "o=- 1545997027 1 IN IP4 198.51.100.1", "s=tester", "c=IN IP4 198.51.100.1", "t=0 0",
            "m=audio 2000 RTP/SAVP 0 8 9 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15",
            "a=rtcp:2001", "a=rtcp-mux", "a=ice-ufrag:abcd", "a=ice-pwd:0123456789abcdef012345",
            "a=candidate:1 1 UDP 2130706431 198.51.100.1 2000 typ host",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
            "a=sendrecv", "a=ptime:20", "m=video 2002 RTP/AVPF 96", "a=rtpmap:96 VP8/90000", "a=rtcp-fb:96 nack", "") ;

    private final SdpParser parser = new SdpParser();
    private final BencodeDecoder decoder = new BencodeDecoder();
    private byte[] sdpBytes;
    private SessionDescription parsed;
    private RewritePlan plan;
    private byte[] offerPayload;
    private NgCommandDispatcher dispatcher;
    private BencodeDictionary deleteRequest;
    private BencodeDictionary offerRequest;

    @Setup
    public void setup() {
        sdpBytes = SDP.getBytes(StandardCharsets.ISO_8859_1);
        parsed = parser.parse(sdpBytes).description();
        MediaRewrite audio = MediaRewrite.builder().address("IP4", "203.0.113.10").port(30000).rtcpPort(30001)
                .rtcpMux(true).removeIce(true).proto("RTP/AVP").crypto(List.of()).build();
        MediaRewrite video = MediaRewrite.builder().address("IP4", "203.0.113.10").port(30002).rtcpPort(30003).build();
        plan = new RewritePlan("IP4", "203.0.113.10", "IP4", "203.0.113.10", true, true, List.of(audio, video));
        offerRequest = BencodeDictionary.builder().put("command", "offer").put("call-id", "bench-call")
                .put("from-tag", "a").put("sdp", sdpBytes)
                .put("direction", BencodeList.ofStrings("pbx", "carrier"))
                .put("replace", BencodeList.ofStrings("origin", "session-connection"))
                .put("ICE", "remove").put("transport-protocol", "RTP/AVP").build();
        offerPayload = BencodeEncoder.encode(offerRequest);
        deleteRequest = BencodeDictionary.builder().put("command", "delete").put("call-id", "bench-call")
                .put("from-tag", "a").put("flags", BencodeList.ofStrings("fast")).build();
        Map<String, String> ifaces = new LinkedHashMap<>();
        ifaces.put("pbx", "192.0.2.10");
        ifaces.put("carrier", "203.0.113.10");
        CallRegistry registry = new CallRegistry(new SessionConfig(ifaces, 20000, 29999, Duration.ZERO, 1000,
                SessionConfig.DEFAULT_SUITES), StreamListener.NONE, System::nanoTime, 0, new SecureRandom());
        dispatcher = new NgCommandDispatcher(registry);
    }

    @Benchmark
    public SdpParseResult parseSdp() {
        return parser.parse(sdpBytes);
    }

    @Benchmark
    public String rewriteSdp() {
        return SdpRewriter.rewrite(parsed, plan);
    }

    @Benchmark
    public BencodeResult decodeNgOffer() {
        return decoder.decode(offerPayload);
    }

    @Benchmark
    public BencodeDictionary offerAndDeleteThroughDispatcher() {
        dispatcher.dispatch(offerRequest);
        return dispatcher.dispatch(deleteRequest);
    }
}
