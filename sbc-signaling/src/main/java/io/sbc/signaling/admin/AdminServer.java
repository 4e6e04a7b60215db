package io.sbc.signaling.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The admin HTTP server on {@code node.admin}: {@code /health}, {@code /metrics} and the
 * {@code /api/...} routes that features register. It runs on its own event loop so that a slow
 * scraper or a large {@code /api/calls} answer never delays SIP.
 *
 * <p>Security: every non-GET call needs {@code Authorization: Bearer TOKEN} when the policy sets
 * {@code node.admin-token} (compared in constant time); without a token, non-GET calls are accepted
 * only from loopback clients. Requests are bounded (headers 8 KiB, body 64 KiB, 30 s read timeout);
 * handler failures answer 500 with a one-line reason, never a stack trace.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** Answers one request. Runs on the admin event loop: must not block for long. */
    @FunctionalInterface
    public interface Handler {
        AdminResponse handle(AdminRequest request) throws Exception;
    }

    private record Route(String method, String path, boolean prefix, Handler handler) {
        boolean matches(String m, String p) {
            return method.equals(m) && (prefix ? p.startsWith(path) && p.length() > path.length() : p.equals(path));
        }
    }

    private final InetSocketAddress bind;
    private final byte[] token;
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private volatile BooleanSupplier healthy = () -> true;
    private EventLoopGroup group;
    private Channel channel;

    /**
     * @param bind  address to listen on (policy {@code node.admin}; loopback by default)
     * @param token bearer token for non-GET calls, or null
     */
    public AdminServer(InetSocketAddress bind, String token) {
        this.bind = bind;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
        route("GET", "/health", r -> healthy.getAsBoolean()
                ? AdminResponse.text(200, "ok\n")
                : AdminResponse.text(503, "draining\n"));
    }

    /** {@code /health} answers 200 while this says true, 503 (draining) otherwise. */
    public void healthCheck(BooleanSupplier check) {
        this.healthy = check;
    }

    /** Registers an exact path. */
    public AdminServer route(String method, String path, Handler handler) {
        routes.add(new Route(method, path, false, handler));
        return this;
    }

    /** Registers every path below {@code prefix} (which ends with '/'), e.g. {@code /api/bans/}. */
    public AdminServer routePrefix(String method, String prefix, Handler handler) {
        routes.add(new Route(method, prefix, true, handler));
        return this;
    }

    public void start() throws IOException {
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("admin-http", true), NioIoHandler.newFactory());
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new ReadTimeoutHandler(30))
                                .addLast(new HttpServerCodec(4096, 8192, 8192))
                                .addLast(new HttpObjectAggregator(MAX_BODY_BYTES))
                                .addLast(new Dispatch());
                    }
                });
        try {
            channel = b.bind(bind).sync().channel();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding the admin server", e);
        } catch (RuntimeException e) {
            group.shutdownGracefully();
            throw new IOException("cannot bind the admin server to " + bind + ": " + e.getMessage(), e);
        }
        LOG.info("admin API on http://{}:{}/ (health, metrics, api)", bind.getHostString(), port());
    }

    /** The bound port (useful when configured as 0). */
    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly();
        }
        if (group != null) {
            group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly();
        }
    }

    boolean authorized(String method, String authorization, InetSocketAddress remote) {
        if ("GET".equals(method) || "HEAD".equals(method)) {
            return true;
        }
        if (token == null) {
            return remote.getAddress().isLoopbackAddress();
        }
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = authorization.substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }

    private final class Dispatch extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            AdminResponse answer;
            if (!req.decoderResult().isSuccess()) {
                answer = AdminResponse.error(400, "bad request");
            } else {
                answer = answer(req, (InetSocketAddress) ctx.channel().remoteAddress());
            }
            FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length)
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            if (answer.status() == 401) {
                res.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer");
            }
            boolean keepAlive = HttpUtil.isKeepAlive(req) && req.decoderResult().isSuccess();
            if (keepAlive) {
                res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                ctx.writeAndFlush(res);
            } else {
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private AdminResponse answer(FullHttpRequest req, InetSocketAddress remote) {
            String method = req.method().name();
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String path = q.path();
            List<Route> candidates = new ArrayList<>();
            for (Route r : routes) {
                if (r.path.equals(path) || r.prefix && path.startsWith(r.path)) {
                    candidates.add(r);
                }
            }
            if (candidates.isEmpty()) {
                return AdminResponse.error(404, "no such resource: " + path);
            }
            Route route = null;
            for (Route r : candidates) {
                if (r.matches(method, path)) {
                    route = r;
                    break;
                }
            }
            if (route == null) {
                return AdminResponse.error(405, "method " + method + " not allowed on " + path);
            }
            if (!authorized(method, req.headers().get(HttpHeaderNames.AUTHORIZATION), remote)) {
                return AdminResponse.error(401, "a valid admin token is required");
            }
            try {
                return route.handler.handle(new AdminRequest(method, path, q.parameters(),
                        ByteBufUtil.getBytes(req.content()), remote));
            } catch (Exception e) {
                LOG.warn("admin {} {} failed: {}", method, path, e.toString());
                return AdminResponse.error(500, e.getClass().getSimpleName());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("admin connection from {} closed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
