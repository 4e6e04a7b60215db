package io.sbc.nativeio;

import java.nio.ByteBuffer;

/**
 * An epoll set over a relay worker's UDP sockets with receive built in: one {@link #pollReceive} is
 * {@code epoll_wait} with a zero timeout, then {@code recvmmsg} from every ready socket, all in one
 * JNI call, so a duty cycle costs one transition into native code however many sockets are ready.
 * Datagrams land in consecutive slots of a direct buffer, their metadata in consecutive records
 * ({@link NativeDatagrams#META_BYTES} each, read with {@link NativeDatagrams}'s accessors), each
 * record tagged with the {@link #token} its socket was added with. A socket whose receive failed
 * yields one record whose length is {@code -errno}.
 *
 * <p>All calls return a count or {@code -errno} and never throw; without the native library they
 * return {@code -ENOSYS}. Not thread-safe beyond what epoll itself gives: one owner thread.
 */
public final class NativeEpoll {

    private NativeEpoll() {
    }

    /** A new epoll descriptor, or {@code -errno}. Close it with {@link #close}. */
    public static int create() {
        return NativeLibrary.isAvailable() ? NativeMethods.epollCreate() : -Errno.ENOSYS;
    }

    /** Watches {@code fd} for readability (level-triggered); its records carry {@code token} (>= 0). */
    public static int add(int epfd, int fd, int token) {
        return NativeLibrary.isAvailable() ? NativeMethods.epollAdd(epfd, fd, token) : -Errno.ENOSYS;
    }

    /** Stops watching {@code fd}. */
    public static int remove(int epfd, int fd) {
        return NativeLibrary.isAvailable() ? NativeMethods.epollRemove(epfd, fd) : -Errno.ENOSYS;
    }

    /**
     * Blocks up to {@code timeoutMillis} (0 to 1000) until a watched socket is readable, without
     * receiving anything: a worker with nothing to do sleeps in the kernel and is woken by the next
     * datagram's arrival, as an epoll-driven relay is, instead of spinning or sleeping blind.
     *
     * @return ready sockets (0 on timeout), or {@code -errno} ({@code -EINTR} after a signal)
     */
    public static int await(int epfd, int timeoutMillis) {
        return NativeLibrary.isAvailable() ? NativeMethods.epollAwait(epfd, timeoutMillis) : -Errno.ENOSYS;
    }

    /** Closes a descriptor this class created. */
    public static int close(int epfd) {
        return NativeLibrary.isAvailable() ? NativeMethods.close(epfd) : -Errno.ENOSYS;
    }

    /**
     * Receives without blocking from the ready sockets: at most {@code perFdMax} datagrams from each
     * (one that has more stays ready for the next poll), at most {@code maxMsgs} (up to
     * {@link NativeDatagrams#MAX_BATCH}) in all, into {@code slotBytes}-byte slots of {@code slots}.
     * A datagram longer than its slot reports length {@code slotBytes + 1}. The records of one socket
     * are adjacent.
     *
     * @return records written (0 when nothing is ready), or {@code -errno}
     */
    public static int pollReceive(int epfd, ByteBuffer slots, int slotBytes, int maxMsgs, int perFdMax, ByteBuffer meta) {
        return NativeLibrary.isAvailable()
                ? NativeMethods.pollReceive(epfd, slots, slotBytes, maxMsgs, perFdMax, meta) : -Errno.ENOSYS;
    }

    /** The token of record {@code i} of a {@link #pollReceive}. */
    public static int token(ByteBuffer meta, int i) {
        return meta.getInt(i * NativeDatagrams.META_BYTES + 12);
    }
}
