package io.sbc.media.relay;

import io.sbc.media.io.MemoryDatagramTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.agrona.concurrent.CachedNanoClock;

/**
 * Test harness: one {@link RelayWorker} over the in-memory network, driven by {@code doWork()} on
 * the test thread with a virtual clock (no sleeps, deterministic).
 */
final class MemoryRelay {

    static final InetSocketAddress A_RELAY = addr("127.0.0.20", 30_000);
    static final InetSocketAddress B_RELAY = addr("127.0.0.21", 30_002);

    final MemoryDatagramTransport net = new MemoryDatagramTransport();
    final CachedNanoClock clock = new CachedNanoClock();
    final List<String> timeouts = new ArrayList<>();
    final RelayWorker worker;

    MemoryRelay() {
        this(RelayConfig.defaults());
    }

    MemoryRelay(RelayConfig config) {
        clock.update(1_000_000_000L);
        try {
            worker = new RelayWorker(0, config.withTransport(net).withClock(clock),
                    (id, callId, silent) -> timeouts.add(callId + "/" + id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        worker.onStart();
    }

    <T> T run(CompletableFuture<T> f) {
        worker.doWork();
        return f.join();
    }

    int cycle() {
        return worker.doWork();
    }

    void advance(Duration d) {
        clock.advance(d.toNanos());
    }

    MemoryDatagramTransport.Endpoint peer(String ip, int port) {
        try {
            return net.bind(InetAddress.getByName(ip), port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InetSocketAddress addr(String ip, int port) {
        try {
            return new InetSocketAddress(InetAddress.getByName(ip), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static RelayLegSpec legA(InetSocketAddress sdp) {
        return RelayLegSpec.of(A_RELAY.getAddress(), A_RELAY.getPort(), false, sdp);
    }

    static RelayLegSpec legB(InetSocketAddress sdp) {
        return RelayLegSpec.of(B_RELAY.getAddress(), B_RELAY.getPort(), false, sdp);
    }

    /** Sends {@code p} from {@code from} to {@code to} and runs one duty cycle. */
    void send(MemoryDatagramTransport.Endpoint from, byte[] p, InetSocketAddress to) {
        from.send(p, 0, p.length, to);
        cycle();
    }

    static byte[] receive(MemoryDatagramTransport.Endpoint at) {
        byte[] b = new byte[2048];
        int n = at.receive(b, 0, b.length);
        return n < 0 ? null : java.util.Arrays.copyOf(b, n);
    }
}
