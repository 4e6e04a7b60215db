package io.sbc.signaling.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Datagrams written while an event loop works through one UDP socket's read batch (up to Netty's
 * maxMessagesPerRead datagrams per readiness event) are flushed together when that batch ends, not
 * one by one: with several datagrams queued on a socket, Netty's epoll transport hands them to the
 * kernel in one {@code sendmmsg(2)} instead of one {@code sendmsg(2)} each (issue #5: the signaling
 * thread spent about a third of its time in the kernel, 14 datagrams per call). A write outside a
 * read batch (a timer's retransmission, a reply to the media relay's control socket) is flushed at
 * once, as before.
 *
 * <p>What it costs: a response written for the first datagram of a batch leaves when the batch has
 * been processed (at most {@link #MAX_DEFERRED_WRITES} writes later), not right away. Under light load
 * a batch is one or two datagrams.
 *
 * <p>Owner: one event loop (a {@link FastThreadLocal} instance each); never shared.
 */
final class DatagramWriteBatch {
    /**
     * Writes held back at most before the pending sockets are flushed anyway: bounds the delay a
     * batch adds to its first response (16 writes is about 8 inbound messages' worth), and the
     * datagrams one {@code sendmmsg} carries.
     */
    static final int MAX_DEFERRED_WRITES = 16;
    /** Sockets with unflushed writes: a node has a handful of UDP listen points per loop. */
    private static final int MAX_PENDING_CHANNELS = 8;

    private static final FastThreadLocal<DatagramWriteBatch> CURRENT = new FastThreadLocal<>() {
        @Override
        protected DatagramWriteBatch initialValue() {
            return new DatagramWriteBatch();
        }
    };

    private final Channel[] pending = new Channel[MAX_PENDING_CHANNELS];
    private int pendingCount;
    private int deferredWrites;
    private boolean inReadBatch;

    private DatagramWriteBatch() {
    }

    /** This event loop's batch. Call only on an event loop thread. */
    static DatagramWriteBatch current() {
        return CURRENT.get();
    }

    /** A datagram was read: writes from now until {@link #readBatchComplete()} may be deferred. */
    void readStarted() {
        inReadBatch = true;
    }

    /** The socket's read batch ended: flush every socket written to during it. */
    void readBatchComplete() {
        inReadBatch = false;
        flushPending();
    }

    /**
     * Writes {@code message} to {@code ch} (a UDP socket on this loop): without a flush inside a read
     * batch while the bounds leave room ({@code ch} is then flushed with the batch), else with one.
     */
    ChannelFuture write(Channel ch, Object message) {
        if (!inReadBatch || !track(ch)) {
            return ch.writeAndFlush(message);
        }
        ChannelFuture written = ch.write(message);
        if (++deferredWrites >= MAX_DEFERRED_WRITES) {
            flushPending(); // bound reached: this write leaves with the ones before it, now
        }
        return written;
    }

    /** Adds {@code ch} to the sockets to flush; false if it is not there and there is no room. */
    private boolean track(Channel ch) {
        for (int i = 0; i < pendingCount; i++) {
            if (pending[i] == ch) {
                return true;
            }
        }
        if (pendingCount == MAX_PENDING_CHANNELS) {
            return false;
        }
        pending[pendingCount++] = ch;
        return true;
    }

    private void flushPending() {
        for (int i = 0; i < pendingCount; i++) {
            pending[i].flush();
            pending[i] = null;
        }
        pendingCount = 0;
        deferredWrites = 0;
    }
}
