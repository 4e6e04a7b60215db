package io.sbc.signaling.core;

import io.sbc.media.control.NgCommandDispatcher;
import io.sbc.media.control.NgServer;
import io.sbc.media.control.NgServerConfig;
import io.sbc.media.relay.EndpointLearning;
import io.sbc.media.relay.MediaRelay;
import io.sbc.media.relay.RelayConfig;
import io.sbc.media.relay.SessionStreamBridge;
import io.sbc.media.relay.ThrottledWarning;
import io.sbc.media.session.CallRegistry;
import io.sbc.media.session.OpenFileLimit;
import io.sbc.media.session.SessionConfig;
import io.sbc.policy.PolicySnapshot;
import io.sbc.signaling.mediactl.NgClient;
import io.sbc.policy.model.MediaSettings;
import io.sbc.policy.model.Realm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The media relay started inside the SBC's JVM (policy {@code media.relays: [embedded]}, the
 * default). This is the one place signaling imports {@code io.sbc.media}: it only starts the relay
 * and its ng server on a free loopback port; the B2BUA then controls it over ng like any remote
 * relay (design.md: one control path). One logical interface per realm, named after the realm,
 * advertising the realm's {@code media-address}.
 *
 * <p>Threading: started and closed on the control thread; the relay runs its own threads.
 */
public final class EmbeddedRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRelay.class);

    private final MediaRelay relay;
    private final NgServer server;

    private EmbeddedRelay(MediaRelay relay, NgServer server) {
        this.relay = relay;
        this.server = server;
    }

    static EmbeddedRelay start(PolicySnapshot snapshot) throws IOException {
        Map<String, String> interfaces = new LinkedHashMap<>();
        for (Realm r : snapshot.policy().realms().values()) {
            if (r.mediaAddress() != null) {
                interfaces.put(r.name(), r.mediaAddress());
            }
        }
        if (interfaces.isEmpty()) {
            throw new IOException("no realm has a media-address: the embedded relay has nothing to offer");
        }
        MediaSettings m = snapshot.policy().media();
        String fds = OpenFileLimit.warning(m.ports().low(), m.ports().high(), OpenFileLimit.processLimit());
        if (fds != null) {
            LOG.warn("{}", fds);
        }
        Duration timeout = m.timeout();
        RelayConfig config = RelayConfig.defaults().withWorkers(Math.max(1, m.workers()))
                .withIdle(m.idle().name().toLowerCase(Locale.ROOT))
                .withMediaTimeout(timeout, timeout.compareTo(Duration.ofSeconds(1)) < 0 ? timeout : Duration.ofSeconds(1));
        MediaRelay relay = MediaRelay.start(config, (streamId, callId, silentNanos) -> { });
        NgServer server = null;
        try {
            SessionStreamBridge bridge = new SessionStreamBridge(relay, EndpointLearning.HEURISTIC,
                    new ThrottledWarning(LOG, "embedded relay command failed", 10_000)::warn);
            CallRegistry registry = new CallRegistry(sessionConfig(interfaces, m),
                    bridge, System::nanoTime, System.currentTimeMillis() / 1000, new SecureRandom());
            server = NgServer.start(NgServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                            .withCookieCacheTtl(COOKIE_CACHE_TTL),
                    new NgCommandDispatcher(registry));
            return new EmbeddedRelay(relay, server);
        } catch (IOException | RuntimeException e) {
            relay.close();
            throw e;
        }
    }

    /** The relay's session settings from policy {@code media:} (ports, {@code port-quarantine}). */
    static SessionConfig sessionConfig(Map<String, String> interfaces, MediaSettings m) {
        return SessionConfig.of(interfaces, m.ports().low(), m.ports().high()).withQuarantine(m.portQuarantine());
    }

    /**
     * Relay-wide figures for the metrics registry (kept as plain numbers so that no relay type
     * leaves this class, the one place of signaling that knows the relay's Java API).
     *
     * @param streamsActive streams set up now (two per call leg pair)
     * @param rxPackets     packets received on relay sockets
     * @param txPackets     packets relayed
     * @param srtpFailures  SRTP/SRTCP packets that failed to unprotect (authentication, replay)
     * @param packetLossRatio RTP packets lost over expected (RFC 3550 A.3), over the streams anchored
     *                      now, both directions; 0 when none expected
     */
    public record Figures(long streamsActive, long rxPackets, long txPackets, long srtpFailures,
            double packetLossRatio) {}

    /**
     * How long the embedded relay replays a reply for a repeated ng cookie. Its only client is this
     * process's {@link NgClient}, which retransmits a command for at most
     * {@link NgClient#TIMEOUT_MS} and then gives up; a retransmission is
     * queued behind its original on the loopback socket, so twice that covers every duplicate.
     * rtpengine's 30 s serves remote proxies with their own retry budgets; here it would keep the
     * replies (SDP included) of the last 30 s of call set-ups in memory: at 250 set-ups per second,
     * 15,000 replies.
     */
    static final Duration COOKIE_CACHE_TTL = Duration.ofMillis(2 * NgClient.TIMEOUT_MS);

    Figures figures() {
        io.sbc.media.relay.RelayTotals t = relay.totals();
        return new Figures(t.streamsActive(), t.rxPackets(), t.txPackets(),
                t.drops(io.sbc.media.relay.DropReason.SRTP_UNPROTECT), t.activeLossRatio());
    }

    /** The loopback address of the relay's ng control port. */
    InetSocketAddress control() {
        return server.localAddress();
    }

    @Override
    public void close() {
        server.close();
        relay.close();
    }
}
