package io.sbc.media.io;

import io.sbc.nativeio.Errno;
import io.sbc.nativeio.NativeDatagrams;
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

    /** Whether timestamps can be switched on here: library loaded and a test socket accepts them. */
    static String probe() {
        try (DatagramChannel ch = DatagramChannel.open(java.net.StandardProtocolFamily.INET)) {
            int fd = SocketDescriptors.fdOf(ch);
            if (fd < 0) {
                return SocketDescriptors.unavailableReason();
            }
            int rc = NativeDatagrams.enableTimestamps(fd);
            return rc == 0 ? null : "SO_TIMESTAMPNS refused: " + Errno.describe(rc);
        } catch (IOException e) {
            return "probe socket failed: " + e.getMessage();
        }
    }
}
