package io.sbc.signaling.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Builds the per-connection pipelines. Order, outermost first:
 * <pre>
 * TCP:     idle, tracker, backlog,      framer,                                                 inbound, terminus
 * TLS:     idle, tracker, backlog, ssl, framer,                                                 inbound, terminus
 * WS:      idle, tracker, backlog,      http codec, upgrade aggregator, guard, ws protocol, ws aggregator, inbound, terminus
 * WSS:     idle, tracker, backlog, ssl, (as WS)
 * UDP:     datagram inbound, terminus
 * </pre>
 * The idle timer sits outermost so raw bytes (TLS records, WebSocket pings, CRLF keep-alives) count
 * as activity. The backlog guard sits outside TLS so it sees the bytes as they go on the wire; the
 * channel's write-buffer water marks (a quarter and an eighth of {@code maxPendingWriteBytes}) tell it
 * when the peer stops reading.
 */
final class PipelineFactory {
    /** Upgrade requests are small; anything bigger is not a SIP WebSocket client. */
    private static final int MAX_UPGRADE_REQUEST_BYTES = 8192;

    private final TransportConfig config;
    private final TransportCounters counters;
    private final ConnectionTable table;
    private final ListenerInvoker invoker;
    private final PipelineTerminus streamTerminus;
    private final PipelineTerminus datagramTerminus;
    private final WebSocketUpgradeGuard upgradeGuard;
    private final WebSocketServerProtocolConfig webSocketConfig;
    /** Set once at start (and again by tests); read when a connection's pipeline is built. */
    private volatile ConnectionAdmission admission = ConnectionAdmission.ANY;
    private final WriteBufferWaterMark waterMark;

    PipelineFactory(TransportConfig config, TransportCounters counters, ConnectionTable table, ListenerInvoker invoker) {
        this.config = config;
        this.counters = counters;
        this.table = table;
        this.invoker = invoker;
        this.streamTerminus = new PipelineTerminus(counters, true);
        this.datagramTerminus = new PipelineTerminus(counters, false);
        this.upgradeGuard = new WebSocketUpgradeGuard(counters);
        int high = config.maxPendingWriteBytes() / 4;
        this.waterMark = new WriteBufferWaterMark(high / 2, high);
        this.webSocketConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true) // RFC 7118 fixes no path; accept any
                .subprotocols(WebSocketUpgradeGuard.SUBPROTOCOL)
                .maxFramePayloadLength(config.maxMessageBytes())
                .allowExtensions(false)
                .closeOnProtocolViolation(true)
                .handleCloseFrames(true)
                .dropPongFrames(true)
                .build();
    }

    void admission(ConnectionAdmission value) {
        admission = value == null ? ConnectionAdmission.ANY : value;
    }

    void datagram(Channel channel, ListenPoint listenPoint) {
        channel.pipeline().addLast("sip-datagram",
                new DatagramInboundHandler(listenPoint, invoker, counters, config.maxMessageBytes()));
        channel.pipeline().addLast("terminus", datagramTerminus);
    }

    /**
     * A stream connection of {@code listenPoint}; {@code tls} is the server or client context for TLS
     * and WSS (null otherwise), {@code remote} is set for outbound connections (TLS peer name).
     */
    void stream(Channel channel, ListenPoint listenPoint, SslContext tls, boolean accepted, InetSocketAddress remote) {
        ChannelPipeline p = channel.pipeline();
        p.addLast("idle", new IdleStateHandler(0, 0, config.idleTimeout().toMillis(), TimeUnit.MILLISECONDS));
        p.addLast("tracker", new ConnectionTracker(listenPoint, accepted, table, counters, config.maxConnections(), admission));
        channel.config().setWriteBufferWaterMark(waterMark);
        p.addLast("backlog", new WriteBacklogGuard(config.maxPendingWriteBytes(), config.unwritableTimeout().toNanos(),
                counters));
        if (tls != null) {
            SslHandler ssl = accepted ? tls.newHandler(channel.alloc())
                    : tls.newHandler(channel.alloc(), remote.getHostString(), remote.getPort());
            // A client that connects and never completes the handshake is closed after this, not
            // after the (much longer) idle timeout; counted by the terminus as a handshake timeout.
            ssl.setHandshakeTimeoutMillis(config.tlsHandshakeTimeout().toMillis());
            p.addLast("tls", ssl);
        }
        if (listenPoint.transport().isWebSocket()) {
            p.addLast("http", new HttpServerCodec());
            p.addLast("upgrade", new HttpObjectAggregator(MAX_UPGRADE_REQUEST_BYTES));
            p.addLast("ws-guard", upgradeGuard);
            p.addLast("ws", new WebSocketServerProtocolHandler(webSocketConfig));
            p.addLast("ws-aggregator", new WebSocketFrameAggregator(config.maxMessageBytes()));
        } else {
            p.addLast("framer", new SipStreamFramer(config.maxMessageBytes(), counters));
        }
        p.addLast("sip-inbound", new StreamInboundHandler(invoker, counters));
        p.addLast("terminus", streamTerminus);
    }
}
