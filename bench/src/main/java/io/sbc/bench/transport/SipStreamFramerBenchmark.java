package io.sbc.bench.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.sbc.signaling.transport.SipStreamFramer;
import io.sbc.signaling.transport.TransportConfig;
import io.sbc.signaling.transport.TransportCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Cost of cutting a TCP stream into SIP messages with {@link SipStreamFramer}: one chunk holding
 * {@code MESSAGES} pipelined INVITEs (~900 bytes each incl. SDP body), or the same bytes in 1460-byte
 * segments (a typical TCP MSS). Measured through an EmbeddedChannel, so Netty's decoder machinery is
 * included; the sink releases each frame.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SipStreamFramerBenchmark {
    private static final int MESSAGES = 16;

    @Param({"whole", "mss"})
    public String split;

    private EmbeddedChannel channel;
    private ByteBuf stream;
    private long frames;

    @Setup
    public void setUp() {
        String body = "v=0\r\no=- 3 3 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\n"
                + "m=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\n";
        String invite = "INVITE sip:+15551230000@carrier.example SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.10:5060;branch=z9hG4bK776asdhds\r\n"
                + "Max-Forwards: 70\r\nTo: <sip:+15551230000@carrier.example>\r\n"
                + "From: \"Alice\" <sip:alice@pbx.example>;tag=1928301774\r\n"
                + "Call-ID: a84b4c76e66710@pc33.example\r\nCSeq: 314159 INVITE\r\n"
                + "Contact: <sip:alice@192.0.2.10:5060;transport=tcp>\r\n"
                + "Allow: INVITE, ACK, CANCEL, OPTIONS, BYE, REFER, NOTIFY\r\n"
                + "User-Agent: bench\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
        stream = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(
                invite.repeat(MESSAGES).getBytes(StandardCharsets.US_ASCII)));
        channel = new EmbeddedChannel(new SipStreamFramer(TransportConfig.DEFAULT_MAX_MESSAGE_BYTES,
                new TransportCounters()), new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        frames++;
                        ReferenceCountUtil.release(msg);
                    }
                });
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public void frameMessages(Blackhole bh) {
        ByteBuf all = stream.duplicate();
        if (split.equals("whole")) {
            channel.writeInbound(all.retainedSlice());
        } else {
            while (all.isReadable()) {
                channel.writeInbound(all.readRetainedSlice(Math.min(1460, all.readableBytes())));
            }
        }
        bh.consume(frames);
    }
}
