package io.sbc.media.io;

import io.sbc.nativeio.NativeLibrary;

/**
 * Chooses the relay's socket layer: {@link EpollDatagramTransport} (epoll plus recvmmsg in one JNI
 * call per duty cycle, sendto per datagram, kernel receive stamps) when {@code libsbcnative.so} is
 * loaded and can reach the channels' descriptors, else the pure-Java {@link NioDatagramTransport}.
 * {@code -Dsbc.native.disable=true} forces the pure-Java choice. {@link KernelTimestampDatagramTransport}
 * (NIO plus a JNI recvmsg per datagram for the stamps) is the earlier native layer, kept as the
 * middle ground for comparisons (bench/results/media.md) and chosen only if epoll were unavailable.
 */
public final class DatagramTransports {

    private DatagramTransports() {
    }

    /** The best transport available in this JVM, with default socket buffers. */
    public static DatagramTransport preferred() {
        return select(true, NioDatagramTransport.DEFAULT_SOCKET_BUFFER_BYTES);
    }

    /**
     * @param useNative false forces pure Java (tests that run the relay both ways)
     * @param socketBufferBytes SO_RCVBUF/SO_SNDBUF, at least 4096
     */
    public static DatagramTransport select(boolean useNative, int socketBufferBytes) {
        if (useNative && NativeLibrary.isAvailable()) {
            if (EpollDatagramTransport.probe() == null) {
                return new EpollDatagramTransport(socketBufferBytes);
            }
            if (KernelTimestampDatagramTransport.probe() == null) {
                return new KernelTimestampDatagramTransport(socketBufferBytes);
            }
        }
        return new NioDatagramTransport(socketBufferBytes);
    }

    /**
     * The relay's start-up line about native code: whether {@code libsbcnative.so} is in use (and
     * why not), and which socket layer {@code transport} is.
     */
    public static String describe(DatagramTransport transport) {
        String lib = NativeLibrary.describe();
        if (NativeLibrary.isAvailable() && !(transport instanceof EpollDatagramTransport)) {
            String why = EpollDatagramTransport.probe();
            if (why != null) {
                lib += "; native socket layer off: " + why;
            }
        }
        return lib + "; socket layer " + transport.name();
    }
}
