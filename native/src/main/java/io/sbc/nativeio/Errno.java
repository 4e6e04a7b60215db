package io.sbc.nativeio;

/** Names the few {@code errno} values the library returns (as {@code -errno}), for messages. */
public final class Errno {

    /** No datagram waiting on a non-blocking socket. */
    public static final int EAGAIN = 11;
    public static final int EBADF = 9;
    public static final int EINTR = 4;
    public static final int EINVAL = 22;
    /** Not permitted: e.g. real-time scheduling without CAP_SYS_NICE or RLIMIT_RTPRIO. */
    public static final int EPERM = 1;
    public static final int EADDRINUSE = 98;
    /** The kernel has no buffer for an outgoing datagram right now (dropped, as UDP may). */
    public static final int ENOBUFS = 105;
    /** send(2) on a UDP socket that is not connected. */
    public static final int EDESTADDRREQ = 89;
    /** A connected UDP socket's peer answered ICMP port unreachable. */
    public static final int ECONNREFUSED = 111;
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
            case EPERM -> "EPERM (not permitted)";
            case ENOBUFS -> "ENOBUFS";
            case EINVAL -> "EINVAL (invalid argument, e.g. CPU not present or not allowed)";
            case ENOSYS -> "ENOSYS (native library not loaded)";
            case EADDRINUSE -> "EADDRINUSE (address already in use)";
            case ECONNREFUSED -> "ECONNREFUSED (the connected peer answered port unreachable)";
            case EDESTADDRREQ -> "EDESTADDRREQ (socket not connected)";
            default -> "errno " + e;
        };
    }
}
