package io.sbc.signaling.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Helpers shared by the transport ITs (loopback only). */
final class TransportItSupport {
    static final InetAddress V4 = InetAddress.getLoopbackAddress();

    private TransportItSupport() {}

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(V4, port);
    }

    static SipTransportManager start(TransportConfig config, EchoListener listener, List<ListenPoint> points)
            throws IOException {
        SipTransportManager manager = new SipTransportManager(config, listener);
        listener.manager = manager;
        manager.start(points);
        return manager;
    }

    static ListenPoint bound(SipTransportManager manager, Transport transport) {
        return manager.listening().stream().filter(p -> p.transport() == transport).findFirst().orElseThrow();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String readExactly(InputStream in, int n) throws IOException {
        byte[] buf = in.readNBytes(n);
        if (buf.length < n) {
            throw new IOException("stream ended after " + buf.length + " of " + n + " bytes: "
                    + new String(buf, StandardCharsets.ISO_8859_1));
        }
        return new String(buf, StandardCharsets.ISO_8859_1);
    }

    static Socket connect(InetSocketAddress address) throws IOException {
        Socket s = new Socket();
        s.connect(address, 5000);
        s.setSoTimeout(5000);
        return s;
    }

    /** Polls {@code condition} every 10 ms for up to {@code timeout} (real sockets are asynchronous). */
    static boolean eventually(Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(10);
        }
        return condition.getAsBoolean();
    }
}
