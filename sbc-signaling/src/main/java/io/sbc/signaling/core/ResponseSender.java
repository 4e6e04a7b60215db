package io.sbc.signaling.core;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.sbc.signaling.codec.SipSerializer;
import io.sbc.signaling.message.SipMessage;
import io.sbc.signaling.message.Via;
import io.sbc.signaling.transport.Flow;
import io.sbc.signaling.transport.ListenPoint;
import io.sbc.signaling.transport.SipTransportManager;
import io.sbc.signaling.transport.Transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Encodes a message and hands it to the transport: responses along RFC 3261 §18.2.2 (the request's
 * connection first; over UDP to the address {@link ResponseRouting} computes), requests to their
 * next hop from a listen point. Stateless: safe from any event loop.
 */
final class ResponseSender {
    private final SipTransportManager transports;
    private final SipMessageCounts counts;
    private final io.sbc.signaling.capture.SipCapture capture;
    private volatile io.sbc.signaling.gate.OverloadControl overloadControl;

    ResponseSender(SipTransportManager transports, SipMessageCounts counts, io.sbc.signaling.capture.SipCapture capture) {
        this.transports = transports;
        this.counts = counts;
        this.capture = capture;
    }

    /** Stamps RFC 7339 overload-control values on responses to clients that announce support. */
    void overloadControl(io.sbc.signaling.gate.OverloadControl value) {
        this.overloadControl = value;
    }

    /**
     * Bytes of an outgoing message as the capture sees them: the captures copy what they keep during
     * the call ({@link io.sbc.signaling.capture.SipCapture}: "valid only during the call"), so one
     * scratch array per event loop serves every message up to its size, instead of a fresh copy of
     * each (about 600 bytes, 7 per call: the trace store copied it a second time anyway).
     */
    private static final io.netty.util.concurrent.FastThreadLocal<byte[]> CAPTURE_SCRATCH =
            new io.netty.util.concurrent.FastThreadLocal<>() {
                @Override
                protected byte[] initialValue() {
                    return new byte[io.sbc.signaling.transport.TransportConfig.DEFAULT_MAX_MESSAGE_BYTES];
                }
            };

    /** Shows an outgoing message to the capture (HEP, traces); nothing when capture is off. */
    private void capture(SipMessage message, ByteBuf bytes, ListenPoint point, InetSocketAddress to) {
        if (capture == io.sbc.signaling.capture.SipCapture.NONE) {
            return;
        }
        int len = bytes.readableBytes();
        byte[] array;
        int off;
        if (bytes.hasArray()) {
            array = bytes.array();
            off = bytes.arrayOffset() + bytes.readerIndex();
        } else {
            byte[] scratch = CAPTURE_SCRATCH.get();
            array = len <= scratch.length ? scratch : new byte[len];
            bytes.getBytes(bytes.readerIndex(), array, 0, len);
            off = 0;
        }
        capture.capture(false, point.transport().viaToken(), point.address(), to, array, off, len,
                message.callId(), io.sbc.signaling.capture.SipCapture.nowMicros());
    }

    /**
     * Sends a response to a request that arrived on {@code point} from {@code source}, over
     * connection {@code connectionId} when the transport is a stream (0 for UDP).
     */
    CompletableFuture<Flow> sendResponse(SipMessage response, ListenPoint point, InetSocketAddress source,
            long connectionId) {
        io.sbc.signaling.gate.OverloadControl oc = overloadControl;
        if (oc != null) {
            oc.stamp(response); // RFC 7339: oc parameters for clients that announced support
        }
        ByteBuf bytes = encode(response);
        if (response instanceof io.sbc.signaling.message.SipResponse r) {
            counts.response(point.realm(), SipMessageCounts.OUT, r.statusCode());
        }
        Via top = response.topVia();
        if (point.transport() == Transport.UDP) {
            InetSocketAddress to = ResponseRouting.destination(top, source);
            capture(response, bytes, point, to);
            return transports.send(point, to, bytes);
        }
        capture(response, bytes, point, source);
        // Streams: the same connection while it is open; if it closed, §18.2.2 says connect to the
        // received address (the source) at the sent-by port, never to the closed connection's
        // ephemeral source port.
        InetSocketAddress fallback = new InetSocketAddress(source.getAddress(),
                top != null && top.port() > 0 ? top.port() : ResponseRouting.defaultPort(point.transport().viaToken()));
        return transports.send(new Flow(point.transport(), point.address(), fallback, connectionId, point), bytes);
    }

    /** Sends a request from {@code point} to {@code next} (over {@code connectionId} when non-zero). */
    CompletableFuture<Flow> sendRequest(SipMessage request, ListenPoint point, InetSocketAddress next,
            long connectionId) {
        ByteBuf bytes = encode(request);
        if (request instanceof io.sbc.signaling.message.SipRequest r) {
            counts.request(point.realm(), SipMessageCounts.OUT, r.methodKind());
        }
        capture(request, bytes, point, next);
        if (connectionId != 0) {
            return transports.send(new Flow(point.transport(), point.address(), next, connectionId, point), bytes);
        }
        return transports.send(point, next, bytes);
    }

    private static ByteBuf encode(SipMessage message) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(1024);
        try {
            SipSerializer.encodeTo(message, buf);
            return buf;
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
    }
}
