package io.sbc.media.io;

import java.io.IOException;
import java.net.InetAddress;

/**
 * Factory for the socket layer: binds {@link DatagramEndpoint}s and creates one
 * {@link DatagramPoller} per worker. {@link NioDatagramTransport} is the pure-Java implementation
 * that needs no JNI; a native one can be swapped in without touching the packet path.
 *
 * <p>Thread-safe: any thread may bind endpoints; the relay binds them on the owning worker.
 */
public interface DatagramTransport {

    /** Binds a non-blocking UDP socket to {@code address:port} (port 0 picks an ephemeral port). */
    DatagramEndpoint bind(InetAddress address, int port) throws IOException;

    /** A new poller for one worker. */
    <A> DatagramPoller<A> newPoller() throws IOException;

    /** Short name for logs and docs ({@code nio}, {@code native}). */
    String name();
}
