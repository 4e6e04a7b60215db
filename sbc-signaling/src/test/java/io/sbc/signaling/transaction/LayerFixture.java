package io.sbc.signaling.transaction;

import java.net.InetSocketAddress;

/** One transaction layer on a virtual clock with recording transport and TU. */
final class LayerFixture {

    static final Destination UDP_PEER = Destination.udp(new InetSocketAddress("198.51.100.20", 5060));
    static final Destination TCP_PEER = new Destination("TCP", new InetSocketAddress("198.51.100.20", 5060), 7);
    static final Destination UDP_SOURCE = Destination.udp(new InetSocketAddress("192.0.2.10", 5060));
    static final Destination TCP_SOURCE = new Destination("TCP", new InetSocketAddress("192.0.2.10", 40001), 9);

    final VirtualScheduler clock = new VirtualScheduler();
    final RecordingTransport transport = new RecordingTransport(clock);
    final RecordingUser user = new RecordingUser();
    final TransactionLayer layer;

    LayerFixture() {
        this(TransactionConfig.defaults());
    }

    LayerFixture(TransactionConfig config) {
        layer = new TransactionLayer(config, clock, transport, user);
    }

    void advanceMillis(long millis) {
        clock.advance(java.time.Duration.ofMillis(millis));
    }
}
