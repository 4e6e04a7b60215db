package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
import io.sbc.nativeio.NativeLibrary;
import io.sbc.nativeio.SocketDescriptors;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.DatagramChannel;

/**
 * The NIO socket layer plus kernel receive timestamps from {@code libsbcnative.so}: same channels,
 * same selector, but each endpoint reports when the kernel received its last datagram, which makes
 * the relay's jitter figures independent of how late the busy worker got to the socket. Obtain it
 * through {@link DatagramTransports#select}, which checks that the library and the descriptor access
 * work; should either fail for one socket, that socket is a plain {@link NioDatagramEndpoint}.
 *
 * <p>Thread-safe, stateless apart from the buffer size.
 */
public final class KernelTimestampDatagramTransport implements DatagramTransport {

    private final int socketBufferBytes;

    KernelTimestampDatagramTransport(int socketBufferBytes) {
        this.socketBufferBytes = socketBufferBytes;
    }

    @Override
    public DatagramEndpoint bind(InetAddress address, int port) throws IOException {
        DatagramChannel ch = NioDatagramTransport.open(address, port, socketBufferBytes);
        int fd = SocketDescriptors.fdOf(ch);
        if (fd < 0 || NativeDatagrams.enableTimestamps(fd) != 0) {
            return new NioDatagramEndpoint(ch);
        }
        return new KernelTimestampDatagramEndpoint(ch, fd);
    }

    @Override
    public <A> DatagramPoller<A> newPoller() throws IOException {
        return new NioDatagramPoller<>();
    }

    @Override
    public String name() {
        return "nio+kernel-timestamps";
    }

    /**
     * Why kernel timestamps cannot be switched on in this JVM, or null when they can (library loaded,
     * descriptor reachable, a test socket accepts SO_TIMESTAMPNS). Probed once per JVM.
     */
    static String probe() {
        return Probe.REASON;
    }

    /** Holder: the probe opens a socket, so it runs once, on first use. */
    private static final class Probe {
        static final String REASON = NativeLibrary.isAvailable() ? probeSocket() : NativeLibrary.unavailableReason();
    }

    private static String probeSocket() {
        try (DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
            int fd = SocketDescriptors.fdOf(ch);
            if (fd < 0) {
                String why = SocketDescriptors.unavailableReason();
                return why != null ? why : "no descriptor for a JDK DatagramChannel";
            }
            int rc = NativeDatagrams.enableTimestamps(fd);
            return rc == 0 ? null : "SO_TIMESTAMPNS refused: " + Errno.describe(rc);
        } catch (IOException e) {
            return "probe socket failed: " + e.getMessage();
        }
    }
}
