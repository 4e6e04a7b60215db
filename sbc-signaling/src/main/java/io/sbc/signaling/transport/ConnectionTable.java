package io.sbc.signaling.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Open stream connections, found by connection id (to answer over the flow a request came in on)
 * and by transport + remote address (to reuse a connection for requests the SBC originates,
 * RFC 3261 §18.1.1 / RFC 5923 style reuse). Shared by all event loops; lookups are lock-free
 * {@link ConcurrentHashMap} reads, writes happen once per connection.
 */
final class ConnectionTable {
    static final AttributeKey<Flow> FLOW = AttributeKey.valueOf(ConnectionTable.class, "flow");

    private record RemoteKey(Transport transport, InetSocketAddress remote) {}

    private final AtomicLong nextConnectionId = new AtomicLong();
    private final ConcurrentHashMap<Long, Channel> byId = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RemoteKey, CompletableFuture<Channel>> byRemote = new ConcurrentHashMap<>();
    /** Told about every connection that closed (registrar flows, RFC 5626 §5.3); on the channel's loop. */
    private volatile java.util.function.Consumer<Flow> closeListener = f -> { };

    void closeListener(java.util.function.Consumer<Flow> listener) {
        this.closeListener = listener == null ? f -> { } : listener;
    }

    long nextId() {
        return nextConnectionId.incrementAndGet();
    }

    /** A connection is up; an accepted one also becomes the connection to reuse for its remote address. */
    void register(Channel channel, Flow flow, boolean accepted) {
        byId.put(flow.connectionId(), channel);
        if (accepted) {
            byRemote.compute(new RemoteKey(flow.transport(), flow.remote()),
                    (k, old) -> isUsable(old) || isPending(old) ? old : CompletableFuture.completedFuture(channel));
        }
    }

    void unregister(Channel channel, Flow flow) {
        byId.remove(flow.connectionId(), channel);
        byRemote.computeIfPresent(new RemoteKey(flow.transport(), flow.remote()),
                (k, f) -> f.isDone() && !f.isCompletedExceptionally() && f.join() == channel ? null : f);
        closeListener.accept(flow);
    }

    Channel byId(long connectionId) {
        return byId.get(connectionId);
    }

    /**
     * The live or pending connection to {@code remote}, or the one {@code connect} starts. The map
     * entry is replaced only when the previous one failed or closed, so concurrent senders share one
     * connect.
     */
    CompletableFuture<Channel> connection(Transport transport, InetSocketAddress remote,
            Supplier<CompletableFuture<Channel>> connect) {
        RemoteKey key = new RemoteKey(transport, remote);
        CompletableFuture<Channel> existing = byRemote.get(key);
        if (isUsable(existing) || isPending(existing)) {
            return existing;
        }
        return byRemote.compute(key, (k, old) -> isUsable(old) || isPending(old) ? old : connect.get());
    }

    /** Every registered channel (for shutdown). */
    Iterable<Channel> channels() {
        return byId.values();
    }

    private static boolean isPending(CompletableFuture<Channel> f) {
        return f != null && !f.isDone();
    }

    private static boolean isUsable(CompletableFuture<Channel> f) {
        return f != null && f.isDone() && !f.isCompletedExceptionally() && f.join().isActive();
    }
}
