package io.sbc.signaling.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Bounds what a peer that does not read can make the SBC hold (issue #6 "Streams": slow readers).
 * The channel's write-buffer water marks ({@link TransportConfig#maxPendingWriteBytes()} / 4 high,
 * half that low) make it unwritable once a backlog builds; this handler then
 * <ul>
 *   <li>closes the connection when it stays unwritable for {@link TransportConfig#unwritableTimeout()}
 *       (a peer that reads nothing for that long is gone or hostile), counted as
 *       {@link TransportCounters#unwritableClosed()};</li>
 *   <li>refuses a write that would push the backlog past {@link TransportConfig#maxPendingWriteBytes()}
 *       and closes the connection at once, counted as {@link TransportCounters#writeBacklogClosed()}.
 *       The refused message is released and its promise failed (the sender counts a send failure).</li>
 * </ul>
 * Sits next to the connection tracker, outermost on the outbound path after TLS, so it measures
 * bytes as they go on the wire. One instance per channel, used only on that channel's event loop.
 */
final class WriteBacklogGuard extends ChannelDuplexHandler {
    private final long maxPendingBytes;
    private final long unwritableNanos;
    private final TransportCounters counters;
    private ScheduledFuture<?> unwritableTimer;
    private boolean closing;

    WriteBacklogGuard(long maxPendingBytes, long unwritableNanos, TransportCounters counters) {
        this.maxPendingBytes = maxPendingBytes;
        this.unwritableNanos = unwritableNanos;
        this.counters = counters;
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        ChannelOutboundBuffer backlog = ctx.channel().unsafe().outboundBuffer();
        if (closing || (backlog != null && backlog.totalPendingWriteBytes() > maxPendingBytes)) {
            ReferenceCountUtil.release(msg);
            promise.tryFailure(new IOException("peer is not reading: write backlog over " + maxPendingBytes + " bytes"));
            if (!closing) {
                closing = true;
                counters.writeBacklogClosed.increment();
                ctx.close();
            }
            return;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (!ctx.channel().isWritable()) {
            if (unwritableTimer == null) {
                unwritableTimer = ctx.executor().schedule(() -> expire(ctx), unwritableNanos, TimeUnit.NANOSECONDS);
            }
        } else {
            cancelTimer();
        }
        ctx.fireChannelWritabilityChanged();
    }

    private void expire(ChannelHandlerContext ctx) {
        unwritableTimer = null;
        if (!ctx.channel().isWritable() && ctx.channel().isActive() && !closing) {
            closing = true;
            counters.unwritableClosed.increment();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        cancelTimer();
        ctx.fireChannelInactive();
    }

    private void cancelTimer() {
        if (unwritableTimer != null) {
            unwritableTimer.cancel(false);
            unwritableTimer = null;
        }
    }
}
