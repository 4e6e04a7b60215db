package io.sbc.signaling.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The ITs' peer above the transport: records every frame and sends it back over its flow; answers
 * oversize messages with a 513. Thread-safe (callbacks arrive on event loops, the test reads queues).
 */
final class EchoListener implements FrameListener {
    static final String TOO_LARGE = "SIP/2.0 513 Message Too Large\r\nContent-Length: 0\r\n\r\n";

    /** {@code thread}: the name of the thread the frame was delivered on. */
    record Received(Flow flow, String text, String thread) {}

    final BlockingQueue<Received> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<Received> oversize = new LinkedBlockingQueue<>();
    volatile SipTransportManager manager;
    volatile boolean echo = true;

    @Override
    public void onFrame(Flow flow, ByteBuf frame) {
        frames.add(new Received(flow, frame.toString(StandardCharsets.ISO_8859_1), Thread.currentThread().getName()));
        if (echo) {
            manager.send(flow, frame.retainedDuplicate()); // the transport releases the original
        }
    }

    @Override
    public void onOversize(Flow flow, ByteBuf head) {
        oversize.add(new Received(flow, head.toString(StandardCharsets.ISO_8859_1), Thread.currentThread().getName()));
        manager.send(flow, Unpooled.copiedBuffer(TOO_LARGE, StandardCharsets.US_ASCII));
    }

    Received nextFrame() throws InterruptedException {
        Received r = frames.poll(5, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("no frame within 5 s");
        }
        return r;
    }
}
