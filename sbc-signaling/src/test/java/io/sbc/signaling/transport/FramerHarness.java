package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Drives a {@link SipStreamFramer} in an {@link EmbeddedChannel} and collects what it emits as text. */
final class FramerHarness {
    final TransportCounters counters = new TransportCounters();
    final EmbeddedChannel channel;

    FramerHarness(int maxMessageBytes) {
        channel = new EmbeddedChannel(new SipStreamFramer(maxMessageBytes, counters));
    }

    FramerHarness() {
        this(TransportConfig.DEFAULT_MAX_MESSAGE_BYTES);
    }

    /** Feeds {@code bytes} cut at the given ascending offsets (each piece written separately). */
    List<String> feed(byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            write(bytes, from, cut);
            from = cut;
        }
        write(bytes, from, bytes.length);
        return drain();
    }

    List<String> feed(String text) {
        return feed(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void write(byte[] bytes, int from, int to) {
        if (to > from) {
            channel.writeInbound(Unpooled.copiedBuffer(bytes, from, to - from));
        }
    }

    /** Everything emitted so far: frames as their text, events as "OVERSIZE:head" / "FAIL:REASON". */
    List<String> drain() {
        List<String> out = new ArrayList<>();
        Object o;
        while ((o = channel.readInbound()) != null) {
            try {
                if (o instanceof ByteBuf b) {
                    out.add(b.toString(StandardCharsets.ISO_8859_1));
                } else if (o instanceof StreamEvents.Oversize oversize) {
                    out.add("OVERSIZE:" + oversize.head.toString(StandardCharsets.ISO_8859_1));
                } else if (o instanceof StreamEvents.FramingFailure failure) {
                    out.add("FAIL:" + failure.reason());
                } else {
                    out.add("?" + o);
                }
            } finally {
                ReferenceCountUtil.release(o);
            }
        }
        return out;
    }

    /** Concatenated outbound bytes (keep-alive pongs). */
    String outbound() {
        StringBuilder sb = new StringBuilder();
        Object o;
        while ((o = channel.readOutbound()) != null) {
            ByteBuf b = (ByteBuf) o;
            sb.append(b.toString(StandardCharsets.ISO_8859_1));
            b.release();
        }
        return sb.toString();
    }

    void finish() {
        channel.finishAndReleaseAll();
    }

    static String request(String callId, String body) {
        return "OPTIONS sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK" + callId + "\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "\r\n" + body;
    }
}
