package io.sbc.signaling.transport;

import io.netty.channel.Channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An outbound connect in progress, with the sends waiting for it kept in arrival order. (A plain
 * {@link CompletableFuture} runs dependants last-in-first-out, which could put a CANCEL on the wire
 * before its INVITE.) Sends are queued only while connecting, so the lock is off the steady-state path.
 */
final class ConnectFuture extends CompletableFuture<Channel> {
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private boolean released;

    /** Queues {@code send} until the connect settles; false if it already has (run it now). */
    synchronized boolean offer(Runnable send) {
        if (released) {
            return false;
        }
        waiting.add(send);
        return true;
    }

    /** Settles the connect, then runs the queued sends in order on the calling thread. */
    void settle(Channel channel, Throwable failure) {
        if (failure == null) {
            complete(channel);
        } else {
            completeExceptionally(failure);
        }
        List<Runnable> sends;
        synchronized (this) {
            released = true;
            sends = new ArrayList<>(waiting);
            waiting.clear();
        }
        for (Runnable send : sends) {
            send.run();
        }
    }
}
