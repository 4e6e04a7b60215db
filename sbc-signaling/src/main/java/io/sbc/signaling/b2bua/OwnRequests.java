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

    /** Trunk registrations per realm (insertion order: realms as first registered). */
    private final Map<String, TrunkRegistrations> registrations = new java.util.LinkedHashMap<>();
    private final List<NatKeepAlive> keepAlives = new ArrayList<>();
    private final EventLoop loop;
    private final EventLoopTimerScheduler scheduler;
    private final RealmAccess access;
    private final Map<String, SipEndpoint> endpoints;
    private final Function<SipEndpoint, RequestSender> senders;
    private final Rfc3263Resolver resolver;
    private final RegistrationListener listener;
    private TimerHandle purge;

    /**
     * @param senders  the request sender of each realm's first listen point on this worker (by realm)
     * @param resolver locates trunk registrars (RFC 3263); null: IP-literal registrars only
     */
    public OwnRequests(PolicySnapshot snapshot, EventLoop loop, Map<String, SipEndpoint> endpoints,
            Function<SipEndpoint, RequestSender> senders, RealmAccess access, Rfc3263Resolver resolver,
            RegistrationListener listener) {
        this.loop = loop;
        this.scheduler = new EventLoopTimerScheduler(loop);
        this.access = access;
        this.endpoints = Map.copyOf(endpoints);
        this.senders = senders;
        this.resolver = resolver;
        this.listener = listener;
        Map<String, List<RegistrationSettings>> byRealm = settingsByRealm(snapshot);
        for (Map.Entry<String, List<RegistrationSettings>> e : byRealm.entrySet()) {
            TrunkRegistrations regs = registrationsOf(e.getKey());
            if (regs != null) {
                report(regs.start(e.getValue()));
            }
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

    /**
     * A reloaded policy (on the loop): trunks that gained {@code register} start registering, trunks
     * that lost it un-register (Expires: 0), changed registrar, AOR, expires or credentials take effect
     * (un-register, then register anew). A realm without a listen point on this worker at start is
     * not served (logged).
     */
    public void reload(PolicySnapshot next) {
        Map<String, List<RegistrationSettings>> byRealm = settingsByRealm(next);
        for (Map.Entry<String, TrunkRegistrations> e : registrations.entrySet()) {
            if (!byRealm.containsKey(e.getKey())) {
                report(e.getValue().update(List.of()));
            }
        }
        for (Map.Entry<String, List<RegistrationSettings>> e : byRealm.entrySet()) {
            TrunkRegistrations regs = registrations.containsKey(e.getKey()) ? registrations.get(e.getKey())
                    : registrationsOf(e.getKey());
            if (regs != null) {
                report(regs.update(e.getValue()));
            }
        }
    }

    /** The registration settings of every trunk with {@code register} whose realm has an endpoint here. */
    private Map<String, List<RegistrationSettings>> settingsByRealm(PolicySnapshot snapshot) {
        Map<String, List<RegistrationSettings>> byRealm = new java.util.HashMap<>();
        for (Trunk t : snapshot.policy().trunks().values()) {
            SipEndpoint ep = endpoints.get(t.realm());
            if (t.register() == null) {
                continue;
            }
            if (ep == null) {
                LOG.warn("trunk {}: realm {} has no listen point on this node's first worker; not registering",
                        t.name(), t.realm());
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
        return byRealm;
    }

    /** The realm's registrations, created on first use; null without a resolver. */
    private TrunkRegistrations registrationsOf(String realm) {
        TrunkRegistrations regs = registrations.get(realm);
        if (regs != null) {
            return regs;
        }
        if (resolver == null) {
            LOG.warn("no DNS resolver: trunk registrations of realm {} not started", realm);
            return null;
        }
        regs = new TrunkRegistrations(senders.apply(endpoints.get(realm)), scheduler, loop::execute,
                System::currentTimeMillis, RandomGenerator.of("L64X128MixRandom"), resolver, listener);
        registrations.put(realm, regs);
        return regs;
    }

    private static void report(CompletableFuture<List<String>> started) {
        started.thenAccept(failed -> {
            if (!failed.isEmpty()) {
                LOG.warn("registrar of trunk(s) {} did not resolve: not registering", failed);
            }
        });
    }

    private void purge() {
        access.purgeExpired();
        purge = scheduler.schedule(PURGE_INTERVAL_MS, this::purge);
    }

    /** Status of every trunk registration, sorted by trunk; any thread. */
    public List<RegistrationStatus> statuses() {
        List<RegistrationStatus> out = new ArrayList<>();
        for (TrunkRegistrations r : registrations.values()) {
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
        for (TrunkRegistrations r : registrations.values()) {
            each.add(r.stopAll());
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]));
    }
}
