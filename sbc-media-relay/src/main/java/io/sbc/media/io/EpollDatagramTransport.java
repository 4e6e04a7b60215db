package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import io.sbc.nativeio.NativeEpoll;
import io.sbc.nativeio.NativeLibrary;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * The native socket layer: {@code libsbcnative.so} opens the sockets and moves the datagrams; each
 * socket is a bare descriptor ({@link NativeDatagrams#openUdp}), not a JDK {@code DatagramChannel},
 * whose locks, cached native addresses and cleaners cost about 1 KB of heap per socket (four per
 * anchored call). Each worker's {@link EpollDatagramPoller} reads every ready socket in one JNI call
 * (epoll plus {@code recvmmsg}, kernel arrival stamps included); each send is one {@code sendto}.
 * Chosen by {@link DatagramTransports#select} when the library loads and a probe socket works
 * (opened natively with {@code SO_TIMESTAMPNS}, epoll available); otherwise the relay runs on the
 * pure-Java {@link NioDatagramTransport}.
 *
 * <p>Thread-safe, stateless apart from the buffer size.
 */
public final class EpollDatagramTransport implements DatagramTransport {

    private final int socketBufferBytes;

    EpollDatagramTransport(int socketBufferBytes) {
        this.socketBufferBytes = socketBufferBytes;
    }

    @Override
    public DatagramEndpoint bind(InetAddress address, int port) throws IOException {
        int fd = NativeDatagrams.openUdp(address.getAddress(), port, socketBufferBytes);
        if (fd < 0) {
            String why = "bind " + address.getHostAddress() + ":" + port + ": " + Errno.describe(fd);
            // The same exception a DatagramChannel throws, so callers that retry another port still can.
            throw fd == -Errno.EADDRINUSE ? new BindException(why) : new IOException(why);
        }
        int local = port != 0 ? port : NativeDatagrams.localPort(fd);
        if (local < 0) {
            NativeDatagrams.close(fd);
            throw new IOException("getsockname: " + Errno.describe(local));
        }
        return new EpollDatagramEndpoint(fd, local, address instanceof Inet6Address);
    }

    @Override
    public <A> DatagramPoller<A> newPoller() throws IOException {
        return new EpollDatagramPoller<>();
    }

    @Override
    public String name() {
        return "native-epoll";
    }

    /** Why this transport cannot run in this JVM, or null when it can. Probed once per JVM. */
    static String probe() {
        return Probe.REASON;
    }

    private static final class Probe {
        static final String REASON = probeEpoll();
    }

    private static String probeEpoll() {
        if (!NativeLibrary.isAvailable()) {
            return NativeLibrary.unavailableReason();
        }
        int fd = NativeDatagrams.openUdp(InetAddress.getLoopbackAddress().getAddress(), 0, 4096);
        if (fd < 0) {
            return "probe socket failed: " + Errno.describe(fd);
        }
        NativeDatagrams.close(fd);
        int epfd = NativeEpoll.create();
        if (epfd < 0) {
            return "epoll_create1: " + Errno.describe(epfd);
        }
        NativeEpoll.close(epfd);
        return null;
    }
}
