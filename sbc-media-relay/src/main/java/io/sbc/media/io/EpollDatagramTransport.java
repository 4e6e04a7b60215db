package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import io.sbc.nativeio.NativeEpoll;
import io.sbc.nativeio.SocketDescriptors;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;

/**
 * The native socket layer: JDK channels hold the sockets, {@code libsbcnative.so} moves the
 * datagrams. Each worker's {@link EpollDatagramPoller} reads every ready socket in one JNI call
 * (epoll plus {@code recvmmsg}, kernel arrival stamps included); each send is one {@code sendto}.
 * Chosen by {@link DatagramTransports#select} when the library loads and a probe socket works
 * (descriptor reachable, {@code SO_TIMESTAMPNS} accepted, epoll available); otherwise the relay
 * runs on the pure-Java {@link NioDatagramTransport}.
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
        DatagramChannel ch = NioDatagramTransport.open(address, port, socketBufferBytes);
        int fd = SocketDescriptors.fdOf(ch);
        // The probe passed, so neither fails in practice; the relay's jitter still works without stamps.
        if (fd < 0) {
            ch.close();
            throw new IOException("no descriptor for the channel: " + SocketDescriptors.unavailableReason());
        }
        NativeDatagrams.enableTimestamps(fd);
        return new EpollDatagramEndpoint(ch, fd, address instanceof Inet6Address);
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
        String why = KernelTimestampDatagramTransport.probe();
        if (why != null) {
            return why;
        }
        int epfd = NativeEpoll.create();
        if (epfd < 0) {
            return "epoll_create1: " + Errno.describe(epfd);
        }
        NativeEpoll.close(epfd);
        return null;
    }
}
