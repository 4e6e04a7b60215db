package io.sbc.nativeio;

/** Names the few {@code errno} values the library returns (as {@code -errno}), for messages. */
public final class Errno {

    /** No datagram waiting on a non-blocking socket. */
    public static final int EAGAIN = 11;
    public static final int EBADF = 9;
    public static final int EINTR = 4;
    public static final int EINVAL = 22;
    public static final int EADDRINUSE = 98;
    /** The kernel has no buffer for an outgoing datagram right now (dropped, as UDP may). */
    public static final int ENOBUFS = 105;
    /** The library is not loaded: the caller must take its pure-Java path. */
    public static final int ENOSYS = 38;

    private Errno() {
    }

    /** A short text for a negative return code of this package. */
    public static String describe(int rc) {
        int e = -rc;
        return switch (e) {
            case EAGAIN -> "EAGAIN";
            case EBADF -> "EBADF (bad file descriptor)";
            case EINTR -> "EINTR";
            case ENOBUFS -> "ENOBUFS";
            case EINVAL -> "EINVAL (invalid argument, e.g. CPU not present or not allowed)";
            case ENOSYS -> "ENOSYS (native library not loaded)";
            case EADDRINUSE -> "EADDRINUSE (address already in use)";
            default -> "errno " + e;
        };
    }
}
