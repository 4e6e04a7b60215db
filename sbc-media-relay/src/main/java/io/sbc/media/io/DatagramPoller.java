package io.sbc.media.io;

import java.io.IOException;

/**
 * Readiness multiplexer over many {@link DatagramEndpoint}s of one worker (epoll underneath on
 * Linux). The worker calls {@link #pollNow} once per duty cycle; it never blocks, which makes the
 * worker a busy poller whose pace is set by its idle strategy.
 *
 * <p>Owner: the relay worker thread. Register, deregister and poll only from that thread.
 *
 * @param <A> the attachment handed back for a ready endpoint (the worker's per-socket state)
 */
public interface DatagramPoller<A> extends AutoCloseable {

    /** Called for each endpoint that has at least one datagram waiting. */
    @FunctionalInterface
    interface ReadyHandler<A> {
        /** @return the number of datagrams handled (work count) */
        int onReadable(A attachment);
    }

    /** Starts watching {@code endpoint} for readability; {@code attachment} is passed back when ready. */
    void register(DatagramEndpoint endpoint, A attachment) throws IOException;

    /** Stops watching {@code endpoint}; it may be closed afterwards. */
    void deregister(DatagramEndpoint endpoint);

    /**
     * Checks readiness without blocking and calls {@code handler} for every readable endpoint.
     *
     * @return the sum of the handler's work counts
     */
    int pollNow(ReadyHandler<A> handler) throws IOException;

    @Override
    void close();
}
