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

    /**
     * Blocks until an endpoint is readable or about {@code maxNanos} have passed (socket layers round
     * up to their wait granularity, at most 1 ms), receiving nothing: the next {@link #pollNow} sees
     * the readiness. An idle worker then sleeps in the kernel and the next datagram's arrival wakes
     * it, as it wakes an epoll-driven relay. This default, for socket layers that cannot wait on
     * readiness, just parks.
     */
    default void awaitReadable(long maxNanos) throws IOException {
        java.util.concurrent.locks.LockSupport.parkNanos(this, maxNanos);
    }

    @Override
    void close();
}
