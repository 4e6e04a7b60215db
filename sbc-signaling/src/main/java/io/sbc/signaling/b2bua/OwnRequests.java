package io.sbc.signaling.b2bua;

import io.netty.channel.EventLoop;
import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.Trunk;
import io.sbc.signaling.dns.Rfc3263Resolver;
import io.sbc.signaling.message.SipUri;
import io.sbc.signaling.registration.NatKeepAlive;
import io.sbc.signaling.registration.Registrar;
import io.sbc.signaling.registration.RegistrationListener;
import io.sbc.signaling.registration.RegistrationSettings;
import io.sbc.signaling.registration.RegistrationStatus;
import io.sbc.signaling.registration.RequestSender;
import io.sbc.signaling.registration.TrunkRegistrations;
import io.sbc.signaling.transaction.EventLoopTimerScheduler;
import io.sbc.signaling.transaction.TimerHandle;
import io.sbc.signaling.transport.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The SBC's own out-of-dialog requests, run on worker 0: trunk registrations (policy
 * {@code trunks.NAME.register}, one {@link TrunkRegistrations} per realm because each realm has its
 * own transaction layer), NAT keep-alive OPTIONS to registered UDP contacts ({@link NatKeepAlive}, per
 * realm with a registrar) and the periodic purge of lapsed bindings.
 *
 * <p>Owner: worker 0's event loop, apart from {@link #statuses()} (any thread).
 */
public final class OwnRequests {
    private static final Logger LOG = LoggerFactory.getLogger(OwnRequests.class);
    /** Lapsed registrar bindings are removed this often. */
    static final long PURGE_INTERVAL_MS = 30_000;

    private final List<TrunkRegistrations> registrations = new ArrayList<>();
    private final List<NatKeepAlive> keepAlives = new ArrayList<>();
    private final EventLoopTimerScheduler scheduler;
    private final RealmAccess access;
    private TimerHandle purge;

    /**
     * @param senders  the request sender of each realm's first listen point on this worker (by realm)
     * @param resolver locates trunk registrars (RFC 3263); null: IP-literal registrars only
     */
    public OwnRequests(PolicySnapshot snapshot, EventLoop loop, Map<String, SipEndpoint> endpoints,
            Function<SipEndpoint, RequestSender> senders, RealmAccess access, Rfc3263Resolver resolver,
            RegistrationListener listener) {
        this.scheduler = new EventLoopTimerScheduler(loop);
        this.access = access;
        Map<String, List<RegistrationSettings>> byRealm = new java.util.HashMap<>();
        for (Trunk t : snapshot.policy().trunks().values()) {
            SipEndpoint ep = endpoints.get(t.realm());
            if (t.register() == null || ep == null) {
                continue;
            }
            RegistrationSettings s = RegistrationSettings.fromPolicy(t, ep.point().transport().viaToken(), ep.host(),
                    ep.port());
            if (s == null) {
                LOG.warn("trunk {}: register.aor or register.registrar is not a SIP URI; not registering", t.name());
                continue;
            }
            byRealm.computeIfAbsent(t.realm(), k -> new ArrayList<>()).add(s);
        }
        for (Map.Entry<String, List<RegistrationSettings>> e : byRealm.entrySet()) {
            if (resolver == null) {
                LOG.warn("no DNS resolver: trunk registrations of realm {} not started", e.getKey());
                continue;
            }
            TrunkRegistrations regs = new TrunkRegistrations(senders.apply(endpoints.get(e.getKey())), scheduler,
                    loop::execute, System::currentTimeMillis, RandomGenerator.of("L64X128MixRandom"), resolver, listener);
            registrations.add(regs);
            regs.start(e.getValue()).thenAccept(failed -> {
                if (!failed.isEmpty()) {
                    LOG.warn("registrar of trunk(s) {} did not resolve: not registering", failed);
                }
            });
        }
        if (access != null) {
            for (Map.Entry<String, Registrar> e : access.registrars().entrySet()) {
                SipEndpoint ep = endpoints.get(e.getKey());
                if (ep == null || ep.point().transport() != Transport.UDP) {
                    continue; // stream flows need no pings: the connection is the keep-alive
                }
                NatKeepAlive k = new NatKeepAlive(e.getValue(), senders.apply(ep), scheduler,
                        NatKeepAlive.DEFAULT_INTERVAL, NatKeepAlive.DEFAULT_MAX_MISSED, ep.host(), ep.port(),
                        SipUri.of("sbc", ep.host(), ep.port()));
                keepAlives.add(k);
                k.start();
            }
            purge = scheduler.schedule(PURGE_INTERVAL_MS, this::purge);
        }
    }

    private void purge() {
        access.purgeExpired();
        purge = scheduler.schedule(PURGE_INTERVAL_MS, this::purge);
    }

    /** Status of every trunk registration, sorted by trunk; any thread. */
    public List<RegistrationStatus> statuses() {
        List<RegistrationStatus> out = new ArrayList<>();
        for (TrunkRegistrations r : registrations) {
            out.addAll(r.statuses());
        }
        out.sort((a, b) -> a.trunk().compareTo(b.trunk()));
        return out;
    }

    /** Un-registers every trunk (Expires: 0) and stops keep-alives; completes when all answered. On the loop. */
    public CompletableFuture<Void> stopAll() {
        for (NatKeepAlive k : keepAlives) {
            k.stop();
        }
        if (purge != null) {
            purge.cancel();
            purge = null;
        }
        List<CompletableFuture<Void>> each = new ArrayList<>();
        for (TrunkRegistrations r : registrations) {
            each.add(r.stopAll());
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]));
    }
}
