package io.sbc.media.daemon;

import io.sbc.media.control.MediaTimeoutInbox;
import io.sbc.media.control.NgCommandDispatcher;
import io.sbc.media.control.NgServer;
import io.sbc.media.control.NgServerConfig;
import io.sbc.media.relay.MediaRelay;
import io.sbc.media.relay.RelayConfig;
import io.sbc.media.relay.SessionStreamBridge;
import io.sbc.media.relay.ThrottledWarning;
import io.sbc.media.session.CallRegistry;
import io.sbc.media.session.OpenFileLimit;
import io.sbc.media.session.SessionConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole relay as one ng-controlled unit: ng server ({@code relay-control} thread) →
 * {@link CallRegistry} → {@link SessionStreamBridge} → {@link MediaRelay} workers, with media
 * timeouts flowing back from the workers through a {@link MediaTimeoutInbox} to the control thread,
 * which marks the call and notifies its controller. Used by {@code ops/sbc relay} ({@link RelayMain}),
 * by the benchmarks and by the interop tests.
 *
 * <p>Thread-safe to start and close; everything else runs on the relay's own threads.
 */
public final class StandaloneRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StandaloneRelay.class);

    private final RelayOptions options;
    private final MediaRelay relay;
    private final NgServer server;
    private final MediaTimeoutInbox timeouts;

    private StandaloneRelay(RelayOptions options, MediaRelay relay, NgServer server, MediaTimeoutInbox timeouts) {
        this.options = options;
        this.relay = relay;
        this.server = server;
        this.timeouts = timeouts;
    }

    /** Starts workers, then the ng listener; on failure nothing is left running. */
    public static StandaloneRelay start(RelayOptions options) throws IOException {
        Duration timeout = options.mediaTimeout();
        Duration check = timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1);
        RelayConfig config = RelayConfig.defaults().withWorkers(options.workers()).withIdle(options.idle())
                .withWorkerCpus(options.cpus())
                .withConnectPeers(options.connectPeers())
                .withMediaTimeout(timeout, check);
        String fds = OpenFileLimit.warning(options.portLow(), options.portHigh(), OpenFileLimit.processLimit());
        if (fds != null) {
            LOG.warn("{}", fds);
        }
        MediaTimeoutInbox inbox = new MediaTimeoutInbox();
        MediaRelay relay = MediaRelay.start(config, inbox::offer);
        try {
            SessionStreamBridge bridge = new SessionStreamBridge(relay, options.learning(),
                    new ThrottledWarning(LOG, "relay command failed", 10_000)::warn);
            CallRegistry registry = new CallRegistry(sessionConfig(options), bridge,
                    System::nanoTime, System.currentTimeMillis() / 1000, new SecureRandom());
            // A literal IP (checked by RelayOptions): no DNS lookup.
            InetSocketAddress bind = new InetSocketAddress(InetAddress.getByName(options.controlHost()),
                    options.controlPort());
            NgServer server = NgServer.start(NgServerConfig.of(bind), new NgCommandDispatcher(registry, inbox));
            return new StandaloneRelay(options, relay, server, inbox);
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    /** The call registry's settings from the command line (ports, {@code --port-quarantine}). */
    static SessionConfig sessionConfig(RelayOptions options) {
        return SessionConfig.of(options.interfaces(), options.portLow(), options.portHigh())
                .withQuarantine(options.portQuarantine());
    }

    /** The bound ng control address (the real port when 0 was asked for). */
    public InetSocketAddress control() {
        return server.localAddress();
    }

    public RelayOptions options() {
        return options;
    }

    /** The packet plane, for totals ({@link MediaRelay#totals()}). */
    public MediaRelay relay() {
        return relay;
    }

    /** Media-timeout reports dropped because the inbox was full. */
    public long droppedTimeoutReports() {
        return timeouts.dropped();
    }

    /** Stops the ng listener first (no new calls), then the workers (closes every media port). */
    @Override
    public void close() {
        server.close();
        relay.close();
    }
}
