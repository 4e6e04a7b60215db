package io.sbc.signaling.transport;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;

/**
 * Refuses HTTP requests that are not a WebSocket upgrade offering the {@code sip} subprotocol
 * (RFC 7118 §4.1: the client MUST include "sip" in Sec-WebSocket-Protocol). Netty's handshaker would
 * otherwise complete the upgrade without a subprotocol. Answers 400 and closes. Stateless and shared.
 */
@ChannelHandler.Sharable
final class WebSocketUpgradeGuard extends ChannelInboundHandlerAdapter {
    static final String SUBPROTOCOL = "sip";
    /** Bounds the token scan of Sec-WebSocket-Protocol. */
    private static final int MAX_PROTOCOL_HEADER_CHARS = 1024;
    private final TransportCounters counters;

    WebSocketUpgradeGuard(TransportCounters counters) {
        this.counters = counters;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && !acceptable(request)) {
            ReferenceCountUtil.release(msg);
            counters.webSocketHandshakeRejected.increment();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST);
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean acceptable(FullHttpRequest request) {
        if (!request.decoderResult().isSuccess() || !HttpMethod.GET.equals(request.method())
                || !request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
            return false;
        }
        String protocols = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        return protocols != null && protocols.length() <= MAX_PROTOCOL_HEADER_CHARS && offersSip(protocols);
    }

    private static boolean offersSip(String protocols) {
        int start = 0;
        while (start <= protocols.length()) {
            int comma = protocols.indexOf(',', start);
            int end = comma < 0 ? protocols.length() : comma;
            if (protocols.substring(start, end).trim().equalsIgnoreCase(SUBPROTOCOL)) {
                return true;
            }
            if (comma < 0) {
                return false;
            }
            start = comma + 1;
        }
        return false;
    }
}
