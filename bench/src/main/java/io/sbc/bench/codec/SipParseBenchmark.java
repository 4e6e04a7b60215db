package io.sbc.bench.codec;

import io.sbc.signaling.codec.ParseResult;
import io.sbc.signaling.codec.SipParser;
import io.sbc.signaling.codec.SipSerializer;
import io.sbc.signaling.message.HeaderField;
import io.sbc.signaling.message.NameAddr;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.SipRequest;
import io.sbc.signaling.message.Via;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parse and serialize a typical ~1 KB INVITE with SDP (issue #2 goals: ≥ 1,000,000 lazy parses/s
 * and ≥ 300,000 full parses/s per core; lazy path allocates only the message and its frame).
 *
 * <ul>
 *   <li>{@code parseLazy}: frame + validate core headers; no header objects built.
 *   <li>{@code parseFull}: the same, then every header parsed: Vias, From, To, CSeq, Call-ID,
 *       Contact, Route, Record-Route, Request-URI, and every other header's value as a String.
 *   <li>{@code serializeUnmodified}: encode a parsed, untouched message (one array copy).
 *   <li>{@code serializeModified}: encode a parsed message whose top Via was pushed and
 *       Request-URI replaced (original slices + the re-encoded parts).
 *   <li>{@code proxyHop}: what a stateless hop does per message: parse, push a Via, encode.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SipParseBenchmark {
    static final String SDP = "v=0\r\n"
            + "o=alice 2890844526 2890844526 IN IP4 192.0.2.10\r\n"
            + "s=-\r\n"
            + "c=IN IP4 192.0.2.10\r\n"
            + "t=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:0 PCMU/8000\r\n"
            + "a=rtpmap:8 PCMA/8000\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=sendrecv\r\n";

    static final String INVITE = "INVITE sip:+15551230000@198.51.100.7:5060;user=phone SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport\r\n"
            + "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1234abcd;received=192.0.2.99\r\n"
            + "Max-Forwards: 70\r\n"
            + "Route: <sip:198.51.100.7;lr>\r\n"
            + "Record-Route: <sip:192.0.2.1;lr>\r\n"
            + "To: \"Bob\" <sip:+15551230000@198.51.100.7>\r\n"
            + "From: \"Alice A.\" <sip:alice@192.0.2.10>;tag=1928301774\r\n"
            + "Call-ID: a84b4c76e66710@pc33.example.com\r\n"
            + "CSeq: 314159 INVITE\r\n"
            + "Contact: <sip:alice@192.0.2.10:5060;transport=udp>\r\n"
            + "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, PRACK, INFO, REFER, NOTIFY\r\n"
            + "Supported: replaces, timer, 100rel\r\n"
            + "User-Agent: ExamplePBX/1.2.3\r\n"
            + "P-Asserted-Identity: \"Alice A.\" <sip:+15551239999@192.0.2.10;user=phone>\r\n"
            + "Session-Expires: 1800;refresher=uac\r\n"
            + "Min-SE: 90\r\n"
            + "Content-Type: application/sdp\r\n"
            + "Content-Length: " + SDP.length() + "\r\n"
            + "\r\n"
            + SDP;

    private final SipParser parser = new SipParser();
    private byte[] input;
    private SipMessage unmodified;
    private SipMessage modified;
    private Via sbcVia;

    @Setup
    public void setup() {
        input = INVITE.getBytes(StandardCharsets.US_ASCII);
        unmodified = parse();
        modified = new SipParser().parse(input, 0, input.length).message();
        sbcVia = Via.of("UDP", "203.0.113.1", 5060, "z9hG4bKsbc0001");
        modified.pushVia(sbcVia);
        ((SipRequest) modified).setRequestUri(((SipRequest) modified).sipRequestUri().withHost("203.0.113.9"));
    }

    private SipMessage parse() {
        ParseResult r = parser.parse(input, 0, input.length);
        if (!r.ok()) {
            throw new IllegalStateException(r.error().toString());
        }
        return r.message();
    }

    @Benchmark
    public SipMessage parseLazy() {
        return parser.parse(input, 0, input.length).message();
    }

    @Benchmark
    public void parseFull(Blackhole bh) {
        SipRequest m = (SipRequest) parser.parse(input, 0, input.length).message();
        bh.consume(m.requestUri());
        bh.consume(m.vias());
        bh.consume(m.from());
        bh.consume(m.to());
        bh.consume(m.cseq());
        bh.consume(m.callId());
        bh.consume(m.maxForwards());
        bh.consume(m.contacts());
        bh.consume(m.routes());
        bh.consume(m.recordRoutes());
        bh.consume(m.contentType());
        // HeaderField decodes its value on first read: read every one, as "every header parsed" means.
        for (HeaderField f : m.headerFields()) {
            bh.consume(f.value());
        }
        bh.consume(NameAddr.parse(m.header("P-Asserted-Identity")));
    }

    @Benchmark
    public byte[] serializeUnmodified() {
        return SipSerializer.encode(unmodified);
    }

    @Benchmark
    public byte[] serializeModified() {
        return SipSerializer.encode(modified);
    }

    @Benchmark
    public byte[] proxyHop() {
        SipMessage m = parser.parse(input, 0, input.length).message();
        m.pushVia(sbcVia);
        return SipSerializer.encode(m);
    }
}
