package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import io.sbc.nativeio.NativeEpoll;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@link DatagramPoller} over a native epoll set ({@link NativeEpoll}): one {@link #pollNow} is one
 * JNI call that waits on nothing ({@code epoll_wait}, timeout 0) and reads up to
 * {@value #PER_SOCKET_MAX} datagrams from each ready socket ({@code recvmmsg}), up to
 * {@value #BATCH} per call, with sources and kernel arrival stamps. The datagrams of each socket are
 * then staged on its {@link EpollDatagramEndpoint} and the handler is called for it, which takes
 * them with {@link DatagramEndpoint#receive} as with any other socket layer.
 *
 * <p>Why: the NIO path pays per datagram a selector key lookup (fd to key hash map), the channel's
 * read and write locks and blocking bookkeeping, source address decoding, and with kernel stamps a
 * JNI {@code recvmsg} plus nine clock reads; measured in bench/results/media.md.
 *
 * <p>Sockets are found by token (an index into a plain array), never by a map. Owner: the worker
 * thread (register, deregister and poll).
 */
final class EpollDatagramPoller<A> implements DatagramPoller<A> {

    /** Datagrams per poll: the most one native call returns. */
    static final int BATCH = NativeDatagrams.MAX_BATCH;
    /**
     * Datagrams per ready socket per poll. Fairness: one busy socket cannot fill a poll while others
     * wait; a socket with more left is reported again by the next poll (level-triggered).
     */
    static final int PER_SOCKET_MAX = 8;
    private static final int SLOT_BYTES = NioDatagramEndpoint.MAX_DATAGRAM_BYTES + 1;

    private final int epfd;
    private final ByteBuffer slots = ByteBuffer.allocateDirect(SLOT_BYTES * BATCH);
    private final ByteBuffer meta = NativeDatagrams.newMetaBuffer(BATCH);
    /** Lent to every socket registered here: they all send on this poller's worker thread. */
    private final EpollDatagramEndpoint.SendScratch sendScratch = new EpollDatagramEndpoint.SendScratch();
    private EpollDatagramEndpoint[] endpoints = new EpollDatagramEndpoint[256];
    private Object[] attachments = new Object[256];
    private int[] freeTokens = new int[256];
    private int freeCount;
    private int nextToken;
    private boolean closed;

    EpollDatagramPoller() throws IOException {
        int fd = NativeEpoll.create();
        if (fd < 0) {
            throw new IOException("epoll_create1: " + Errno.describe(fd));
        }
        this.epfd = fd;
    }

    @Override
    public void register(DatagramEndpoint endpoint, A attachment) throws IOException {
        if (!(endpoint instanceof EpollDatagramEndpoint ep) || ep.token >= 0) {
            throw new IllegalArgumentException("not an unregistered epoll endpoint: " + endpoint);
        }
        int token = freeCount > 0 ? freeTokens[--freeCount] : nextToken++;
        if (token == endpoints.length) {
            endpoints = Arrays.copyOf(endpoints, token * 2);
            attachments = Arrays.copyOf(attachments, token * 2);
            freeTokens = Arrays.copyOf(freeTokens, token * 2);
        }
        int rc = NativeEpoll.add(epfd, ep.fd(), token);
        if (rc != 0) {
            freeTokens[freeCount++] = token;
            throw new IOException("epoll_ctl ADD: " + Errno.describe(rc));
        }
        endpoints[token] = ep;
        attachments[token] = attachment;
        ep.token = token;
        ep.useScratch(sendScratch);
    }

    @Override
    public void deregister(DatagramEndpoint endpoint) {
        if (endpoint instanceof EpollDatagramEndpoint ep && ep.token >= 0 && endpoints[ep.token] == ep) {
            NativeEpoll.remove(epfd, ep.fd());
            endpoints[ep.token] = null;
            attachments[ep.token] = null;
            freeTokens[freeCount++] = ep.token;
            ep.token = -1;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public int pollNow(ReadyHandler<A> handler) throws IOException {
        int n = NativeEpoll.pollReceive(epfd, slots, SLOT_BYTES, BATCH, PER_SOCKET_MAX, meta);
        if (n <= 0) {
            if (n == 0 || n == -Errno.EINTR) {
                return 0;
            }
            throw new IOException("epoll poll: " + Errno.describe(n));
        }
        int work = 0;
        int i = 0;
        while (i < n) {
            int token = NativeEpoll.token(meta, i);
            int end = i + 1;
            while (end < n && NativeEpoll.token(meta, end) == token) {
                end++;
            }
            EpollDatagramEndpoint ep = token >= 0 && token < nextToken ? endpoints[token] : null;
            if (ep != null) {
                ep.stage(slots, SLOT_BYTES, meta, i, end);
                A attachment = (A) attachments[token];
                try {
                    // The handler may take fewer than staged (its own batch limit): call it until done.
                    while (ep.hasStaged()) {
                        int w = handler.onReadable(attachment);
                        if (w <= 0) {
                            break;
                        }
                        work += w;
                    }
                } finally {
                    ep.unstage();
                }
            }
            i = end;
        }
        return work;
    }

    /** {@code epoll_wait} on the set (whole milliseconds, 1 to 1000), then back to {@link #pollNow}. */
    @Override
    public void awaitReadable(long maxNanos) throws IOException {
        int rc = NativeEpoll.await(epfd, waitMillis(maxNanos));
        if (rc < 0 && rc != -Errno.EINTR) {
            throw new IOException("epoll wait: " + Errno.describe(rc));
        }
    }

    /** {@code maxNanos} rounded up to whole milliseconds, 1 to 1000 (0 would not block at all). */
    static int waitMillis(long maxNanos) {
        long ms = (maxNanos + 999_999) / 1_000_000;
        return (int) Math.max(1, Math.min(1_000, ms));
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            NativeEpoll.close(epfd);
        }
    }
}
