package io.sbc.signaling.registration;

import io.sbc.signaling.dns.Rfc3263Resolver;
import io.sbc.signaling.dns.SipTarget;
import io.sbc.signaling.transaction.Destination;
import io.sbc.signaling.transaction.TimerScheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Every trunk registration of one node: resolves each registrar (RFC 3263, off the event loop), then
 * creates and starts its {@link TrunkRegistration} on the owner loop; lists their status for
 * {@code /api/trunks}; un-registers them all on shutdown.
 *
 * <p>Owner: the event loop behind {@code loop} (the one whose transaction layer {@code sender} uses);
 * {@link #statuses()} may be called from any thread.
 */
public final class TrunkRegistrations {
    private final RequestSender sender;
    private final TimerScheduler scheduler;
    private final Executor loop;
    private final LongSupplier clockMillis;
    private final RandomGenerator random;
    private final Rfc3263Resolver resolver;
    private final RegistrationListener listener;
    private final Map<String, TrunkRegistration> byTrunk = new ConcurrentHashMap<>();

    /**
     * @param loop     runs tasks on the owner event loop ({@code eventLoop::execute})
     * @param resolver locates registrars; its futures complete on its own threads
     */
    public TrunkRegistrations(RequestSender sender, TimerScheduler scheduler, Executor loop, LongSupplier clockMillis,
            RandomGenerator random, Rfc3263Resolver resolver, RegistrationListener listener) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.loop = Objects.requireNonNull(loop, "loop");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
        this.random = Objects.requireNonNull(random, "random");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.listener = listener == null ? RegistrationListener.NONE : listener;
    }

    /**
     * Resolves the registrar of each settings and starts its registration on the loop. A registrar that
     * does not resolve leaves its trunk out; the returned future lists the trunks that did not start.
     */
    public CompletableFuture<List<String>> start(List<RegistrationSettings> all) {
        List<CompletableFuture<String>> each = new ArrayList<>(all.size());
        for (RegistrationSettings s : all) {
            CompletableFuture<String> f = resolver.resolve(s.registrar()).thenApplyAsync(targets -> {
                Destination d = firstMatching(targets, s.viaTransport());
                if (d == null) {
                    return s.trunk();
                }
                TrunkRegistration reg = new TrunkRegistration(s, d, sender, scheduler, clockMillis, random, listener);
                byTrunk.put(s.trunk(), reg);
                reg.start();
                return null;
            }, loop);
            each.add(f);
        }
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0])).thenApply(v -> {
            List<String> failed = new ArrayList<>();
            for (CompletableFuture<String> f : each) {
                String t = f.join();
                if (t != null) {
                    failed.add(t);
                }
            }
            return failed;
        });
    }

    /**
     * Applies the registrations of a reloaded policy (call on the loop): a trunk no longer listed, or
     * listed with different settings (registrar, AOR, contact, expires, credentials), is un-registered
     * first (Expires: 0, RFC 3261 §10.2.2, bound by the transaction's timeout); then every listed trunk
     * without a running registration starts (a changed one with its new settings). Unchanged ones go
     * on untouched. Completes with the trunks whose registrar did not resolve.
     */
    public CompletableFuture<List<String>> update(List<RegistrationSettings> all) {
        Map<String, RegistrationSettings> wanted = new java.util.HashMap<>();
        for (RegistrationSettings s : all) {
            wanted.put(s.trunk(), s);
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (TrunkRegistration r : new ArrayList<>(byTrunk.values())) {
            RegistrationSettings now = wanted.get(r.settings().trunk());
            if (now == null || !now.equals(r.settings())) {
                byTrunk.remove(r.settings().trunk());
                stops.add(r.stop());
            }
        }
        List<RegistrationSettings> fresh = new ArrayList<>();
        for (RegistrationSettings s : all) {
            if (!byTrunk.containsKey(s.trunk())) {
                fresh.add(s);
            }
        }
        return CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0]))
                .thenComposeAsync(v -> start(fresh), loop);
    }

    /** The first target on our transport (RFC 3263 order); null when none. */
    private static Destination firstMatching(List<SipTarget> targets, String transport) {
        for (SipTarget t : targets) {
            if (t.transport().equalsIgnoreCase(transport)) {
                return Destination.of(t.transport(), t.address());
            }
        }
        return null;
    }

    /** Status of every registration, for {@code /api/trunks}; any thread. */
    public List<RegistrationStatus> statuses() {
        List<RegistrationStatus> out = new ArrayList<>(byTrunk.size());
        for (TrunkRegistration r : byTrunk.values()) {
            out.add(r.status());
        }
        out.sort((a, b) -> a.trunk().compareTo(b.trunk()));
        return out;
    }

    /** Un-registers every trunk (Expires: 0); completes when all have their answer. Call on the loop. */
    public CompletableFuture<Void> stopAll() {
        List<CompletableFuture<Void>> each = new ArrayList<>();
        for (TrunkRegistration r : byTrunk.values()) {
            each.add(r.stop());
        }
        byTrunk.clear();
        return CompletableFuture.allOf(each.toArray(new CompletableFuture<?>[0]));
    }
}
