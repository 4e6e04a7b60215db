package io.sbc.signaling.gate;

import io.netty.util.concurrent.FastThreadLocal;
import io.sbc.policy.PolicySnapshot;
import io.sbc.policy.model.Realm;
import io.sbc.policy.validate.Values;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * The DoS gate (design "Signaling data flow" step 2, issue #6): before a message is parsed, the
 * realm's ACL, the ban list and the source's token bucket decide whether it goes on. After
 * parsing, score hooks ({@link #onMalformed}, {@link #onScannerUserAgent}, {@link #onAuthFailure})
 * raise the source's score and ban it past a threshold. Trusted sources are never banned
 * automatically: past their own (larger) budget they get {@link Verdict#OVER_BUDGET_TRUSTED}.
 *
 * <p>Hot path: {@link #check} keys everything by the address as a number ({@link SourceKey}),
 * allocates nothing for IPv4, takes no lock and uses no regex.
 *
 * <p>Threading: per-source state is sharded per calling thread (each event loop owns its own
 * {@link SourceTable}s: single writer). With SO_REUSEPORT the kernel hashes a UDP 4-tuple to one
 * socket, so a source's datagrams stay on one loop. The ban table is shared ({@link BanTable}, a
 * per-slot seqlock: readers never wait). Manual bans and listings come from the admin thread.
 * Counters are {@link LongAdder}s.
 */
public final class Gate {
    private final GateConfig config;
    // Replaced as a whole by update() (policy reload); a realm keeps its index for the gate's life.
    private volatile RealmRules[] realms;
    private volatile String[] realmNames;
    private final Map<String, Integer> realmIndex = new java.util.concurrent.ConcurrentHashMap<>();
    private final BanTable bans;
    private volatile LongAdder[][] dropped;
    private final LongAdder bansCreated = new LongAdder();
    private final LongAdder banRefusals = new LongAdder();
    private volatile PolicySnapshot snapshot;
    private final LongSupplier clock;
    private final AtomicInteger shardCount = new AtomicInteger();
    private final List<Shard> shards = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final FastThreadLocal<Shard> shard = new FastThreadLocal<>() {
        @Override
        protected Shard initialValue() {
            if (shardCount.incrementAndGet() > config.maxShards()) {
                shardCount.decrementAndGet();
                throw new IllegalStateException("more than " + config.maxShards() + " threads use the gate");
            }
            Shard s = new Shard(realms.length, config.sourcesPerRealm());
            shards.add(s);
            return s;
        }
    };

    /**
     * One thread's tables, one per realm (allocated in full when the thread first calls; a realm
     * added by a reload gets its table when the thread first sees it: only the owner thread writes).
     */
    private static final class Shard {
        volatile SourceTable[] tables;
        private final int capacity;

        Shard(int realms, int capacity) {
            this.capacity = capacity;
            SourceTable[] t = new SourceTable[realms];
            for (int i = 0; i < realms; i++) {
                t[i] = new SourceTable(capacity);
            }
            tables = t;
        }

        SourceTable table(int realmIndex) {
            SourceTable[] t = tables;
            if (realmIndex >= t.length) {
                SourceTable[] grown = java.util.Arrays.copyOf(t, realmIndex + 1);
                for (int i = t.length; i < grown.length; i++) {
                    grown[i] = new SourceTable(capacity);
                }
                tables = grown;
                t = grown;
            }
            return t[realmIndex];
        }
    }

    public Gate(PolicySnapshot snapshot, GateConfig config, LongSupplier nanoClock) {
        this.config = config;
        this.snapshot = snapshot;
        this.clock = nanoClock;
        this.realms = new RealmRules[0];
        this.realmNames = new String[0];
        this.dropped = new LongAdder[0][];
        this.bans = new BanTable(config.banTableSize());
        update(snapshot);
    }

    /**
     * Applies a reloaded policy (issue #6: limits, ACLs, trust and ban durations follow a reload):
     * every realm of {@code next} gets rules compiled from it; a realm new to the gate is appended
     * (its index is stable from then on); a realm the policy dropped keeps its last rules (its
     * listen points close, so nothing reaches it). Bans, scores and token buckets are kept: a
     * reload neither lifts a ban nor hands a flooder a fresh bucket. Control thread; the event
     * loops see the new rules on their next message.
     */
    public synchronized void update(PolicySnapshot next) {
        RealmRules[] current = realms;
        List<RealmRules> rules = new ArrayList<>(List.of(current));
        for (Realm r : next.policy().realms().values()) {
            RealmRules compiled = RealmRules.of(next, r, config);
            Integer i = realmIndex.get(r.name());
            if (i == null) {
                rules.add(compiled);
            } else {
                rules.set(i, compiled);
            }
        }
        String[] names = new String[rules.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = rules.get(i).name();
        }
        LongAdder[][] counts = java.util.Arrays.copyOf(dropped, names.length);
        for (int i = dropped.length; i < counts.length; i++) {
            counts[i] = new LongAdder[DropReason.values().length];
            for (int k = 0; k < counts[i].length; k++) {
                counts[i][k] = new LongAdder();
            }
        }
        // Counters and names first, rules last: a loop that sees a new index finds its counters.
        dropped = counts;
        realmNames = names;
        snapshot = next;
        realms = rules.toArray(new RealmRules[0]);
        for (int i = 0; i < names.length; i++) {
            realmIndex.putIfAbsent(names[i], i);
        }
    }

    /** The gate of a policy with default sizes and the system nano clock. */
    public static Gate fromPolicy(PolicySnapshot snapshot) {
        return new Gate(snapshot, GateConfig.defaults(), System::nanoTime);
    }

    public GateConfig config() {
        return config;
    }

    /** The index {@link #check} takes for a realm name; -1 for a realm the policy does not define. */
    public int realmIndex(String realm) {
        Integer i = realmIndex.get(realm);
        return i == null ? -1 : i;
    }

    public List<String> realmNames() {
        return List.of(realmNames);
    }

    public long now() {
        return clock.getAsLong();
    }

    /** Decides on one message from {@code source} arriving in realm {@code realmIndex}. */
    public Verdict check(int realmIndex, InetSocketAddress source, long nowNanos) {
        InetAddress a = source.getAddress();
        if (a instanceof Inet4Address) {
            return checkV4(realmIndex, a.hashCode(), nowNanos);
        }
        return checkOther(realmIndex, a, nowNanos);
    }

    /** {@link #check} for an IPv4 source given as an int (network order, as {@code Inet4Address.hashCode()}). */
    public Verdict checkV4(int realmIndex, int address, long nowNanos) {
        RealmRules[] rs = realms;
        if (realmIndex < 0 || realmIndex >= rs.length) {
            return Verdict.PASS;
        }
        RealmRules rules = rs[realmIndex];
        if (!rules.admitsV4(address)) {
            dropped[realmIndex][DropReason.ACL.ordinal()].increment();
            return Verdict.DROP_ACL;
        }
        return checkKey(realmIndex, rules, SourceKey.ofV4(address), rules.trustsV4(address), nowNanos);
    }

    private Verdict checkOther(int realmIndex, InetAddress a, long nowNanos) {
        RealmRules[] rs = realms;
        if (realmIndex < 0 || realmIndex >= rs.length) {
            return Verdict.PASS;
        }
        byte[] b = a.getAddress(); // one 16-byte clone per IPv6 message: no accessor without it
        if (SourceKey.isV4Mapped(b)) {
            return checkV4(realmIndex, SourceKey.int32(b, 12), nowNanos);
        }
        long high = SourceKey.int64(b, 0);
        long low = SourceKey.int64(b, 8);
        RealmRules rules = rs[realmIndex];
        if (!rules.admitsV6(high, low)) {
            dropped[realmIndex][DropReason.ACL.ordinal()].increment();
            return Verdict.DROP_ACL;
        }
        return checkKey(realmIndex, rules, SourceKey.ofV6Prefix(high), rules.trustsV6(high, low), nowNanos);
    }

    private Verdict checkKey(int realmIndex, RealmRules rules, long key, boolean trusted, long now) {
        BanReason banned = bans.lookup(key, now);
        if (banned != null) {
            dropped[realmIndex][DropReason.banned(banned).ordinal()].increment();
            return Verdict.DROP_BANNED;
        }
        if (!rules.limited()) {
            return Verdict.PASS;
        }
        SourceTable table = shard.get().table(realmIndex);
        int s = table.slot(key, now);
        if (trusted) {
            if (table.take(s, now, rules.trustedIntervalNs(), rules.trustedToleranceNs())) {
                return Verdict.PASS;
            }
            dropped[realmIndex][DropReason.OVER_BUDGET_TRUSTED.ordinal()].increment();
            return Verdict.OVER_BUDGET_TRUSTED;
        }
        if (table.take(s, now, rules.intervalNs(), rules.toleranceNs())) {
            return Verdict.PASS;
        }
        dropped[realmIndex][DropReason.RATE.ordinal()].increment();
        if (table.addScore(s, config.rateScore(), now, config.scoreDecayPerSecond()) >= config.banScore()) {
            autoBan(realmIndex, rules, key, BanReason.RATE, now);
        }
        return Verdict.DROP_RATE;
    }

    /** The message from {@code source} did not parse (design step 3): scores it. */
    public void onMalformed(int realmIndex, InetSocketAddress source, long nowNanos) {
        score(realmIndex, source.getAddress(), config.malformedScore(), BanReason.MALFORMED, nowNanos);
    }

    /**
     * A parsed request carried a scanner's User-Agent ({@link #isScanner}): the caller drops it
     * unanswered; with {@code security.ban-scanners} the source is banned at once.
     */
    public void onScannerUserAgent(int realmIndex, InetSocketAddress source, long nowNanos) {
        if (realmIndex >= 0) {
            dropped[realmIndex][DropReason.SCANNER.ordinal()].increment();
        }
        if (snapshot.policy().security().banScanners()) {
            score(realmIndex, source.getAddress(), config.banScore(), BanReason.SCANNER, nowNanos);
        }
    }

    /** True when the User-Agent matches {@code security.scanner-user-agents} (no regex, no allocation). */
    public boolean isScanner(String userAgent) {
        return snapshot.isScanner(userAgent);
    }

    /**
     * Digest authentication failed for {@code username} from {@code source} in {@code realm}
     * (REGISTER/INVITE brute force). Bans an untrusted source by the NAT rule (see
     * {@link GateConfig#authSameUserFailures()} and {@link GateConfig#authDistinctUsers()}). Called on
     * any event loop; uses that loop's tables.
     */
    public void onAuthFailure(InetAddress source, String realm, String username) {
        int r = realmIndex(realm);
        if (r < 0 || r >= realms.length) {
            return;
        }
        long now = clock.getAsLong();
        long key = trustedKey(r, source);
        if (key == 0) {
            return;
        }
        SourceTable table = shard.get().table(r);
        int s = table.slot(key, now);
        int userHash = username == null ? 0 : username.hashCode();
        if (table.authFailure(s, userHash, now, config.authWindow().toNanos(), config.authSameUserFailures(),
                config.authDistinctUsers())) {
            autoBan(r, realms[r], key, BanReason.AUTH, now);
        }
    }

    /**
     * The auth module's hook ({@code AuthFailureListener.onFailure(InetAddress, String)}), which does
     * not pass the username: every failure counts as the same username, so a source is banned after
     * {@link GateConfig#authSameUserFailures()} failures whatever the users (weaker for NAT).
     */
    public void onAuthFailure(InetAddress source, String realm) {
        onAuthFailure(source, realm, null);
    }

    private void score(int realmIndex, InetAddress source, int points, BanReason reason, long now) {
        if (realmIndex < 0 || realmIndex >= realms.length) {
            return;
        }
        long key = trustedKey(realmIndex, source);
        if (key == 0) {
            return;
        }
        SourceTable table = shard.get().table(realmIndex);
        int s = table.slot(key, now);
        if (table.addScore(s, points, now, config.scoreDecayPerSecond()) >= config.banScore()) {
            autoBan(realmIndex, realms[realmIndex], key, reason, now);
        }
    }

    /** The key of an untrusted source; 0 for a trusted one (never scored, never auto-banned). */
    private long trustedKey(int realmIndex, InetAddress a) {
        RealmRules rules = realms[realmIndex];
        if (a instanceof Inet4Address) {
            int v4 = a.hashCode();
            return rules.trustsV4(v4) ? 0 : SourceKey.ofV4(v4);
        }
        byte[] b = a.getAddress();
        if (SourceKey.isV4Mapped(b)) {
            int v4 = SourceKey.int32(b, 12);
            return rules.trustsV4(v4) ? 0 : SourceKey.ofV4(v4);
        }
        long high = SourceKey.int64(b, 0);
        return rules.trustsV6(high, SourceKey.int64(b, 8)) ? 0 : SourceKey.ofV6Prefix(high);
    }

    private void autoBan(int realmIndex, RealmRules rules, long key, BanReason reason, long now) {
        if (rules.banNs() <= 0) {
            return;
        }
        if (bans.ban(key, now + rules.banNs(), reason, realmIndex, now)) {
            bansCreated.increment();
        } else {
            banRefusals.increment();
        }
    }

    /**
     * Bans an address (IP literal, no DNS; an IPv6 address bans its /64) for {@code duration}, or
     * the configured default when null. Returns false for a malformed address or a full table.
     */
    public boolean banManually(String ip, Duration duration) {
        long key = parseKey(ip);
        if (key == 0) {
            return false;
        }
        long now = clock.getAsLong();
        Duration d = duration == null ? config.defaultManualBan() : duration;
        boolean ok = bans.ban(key, now + d.toNanos(), BanReason.MANUAL, 0, now);
        if (ok) {
            bansCreated.increment();
        } else {
            banRefusals.increment();
        }
        return ok;
    }

    /** Lifts the bans of an address (manual or automatic); false when none was active. */
    public boolean unban(String ip) {
        long key = parseKey(ip);
        return key != 0 && bans.unban(key, clock.getAsLong());
    }

    /** The source key of an IP literal, or 0 when {@code ip} is not one. */
    static long parseKey(String ip) {
        if (ip == null) {
            return 0;
        }
        Integer v4 = Values.ipv4(ip);
        if (v4 != null) {
            return SourceKey.ofV4(v4);
        }
        byte[] v6 = Values.ipv6(ip);
        if (v6 == null) {
            return 0;
        }
        return SourceKey.isV4Mapped(v6) ? SourceKey.ofV4(SourceKey.int32(v6, 12))
                : SourceKey.ofV6Prefix(SourceKey.int64(v6, 0));
    }

    /** True when {@code ip} is banned now. */
    public boolean isBanned(String ip) {
        long key = parseKey(ip);
        return key != 0 && bans.lookup(key, clock.getAsLong()) != null;
    }

    /** One live ban as the admin API shows it. */
    public record BanView(String address, String reason, String realm, long remainingSeconds) {}

    public List<BanView> bans() {
        List<BanView> out = new ArrayList<>();
        for (BanTable.Ban b : bans.list(clock.getAsLong(), realmNames)) {
            out.add(new BanView(SourceKey.format(b.key()), b.reason().label(),
                    b.reason() == BanReason.MANUAL ? "" : b.realm(), (b.remainingNs() + 999_999_999L) / 1_000_000_000L));
        }
        return out;
    }

    /** Live bans (scans the ban table; for scrapes). */
    public int bansActive() {
        return bans.active(clock.getAsLong());
    }

    public long bansCreated() {
        return bansCreated.sum();
    }

    /** Bans refused because the ban table's window was full of manual bans. */
    public long banRefusals() {
        return banRefusals.sum();
    }

    public long dropped(int realmIndex, DropReason reason) {
        LongAdder[][] d = dropped;
        return realmIndex < 0 || realmIndex >= d.length ? 0 : d[realmIndex][reason.ordinal()].sum();
    }

    /** Counts a new INVITE/REGISTER refused with 503 under overload (the caller answers). */
    public void countOverload(int realmIndex) {
        if (realmIndex >= 0) {
            dropped[realmIndex][DropReason.OVERLOAD.ordinal()].increment();
        }
    }

    /** Counts a stream connection refused by the {@link ConnectionLimiter} (closed as soon as accepted). */
    public void countConnectionRefused(int realmIndex) {
        if (realmIndex >= 0) {
            dropped[realmIndex][DropReason.CONNECTION_LIMIT.ordinal()].increment();
        }
    }

    /**
     * The stream connections {@code source} may hold on a realm: the realm's
     * {@code limits.max-connections-per-source}, times {@link GateConfig#trustedBudgetFactor()} for a
     * trusted source; 0 = unlimited (also for an unknown realm).
     */
    public int maxConnectionsPerSource(int realmIndex, InetAddress source) {
        RealmRules[] rs = realms;
        if (realmIndex < 0 || realmIndex >= rs.length) {
            return 0;
        }
        int limit = rs[realmIndex].maxConnectionsPerSource();
        if (limit <= 0) {
            return 0;
        }
        return trustedKey(realmIndex, source) == 0 ? limit * config.trustedBudgetFactor() : limit;
    }

    /** Source entries in use, summed over loops and realms (approximate while loops run). */
    public long trackedSources() {
        long n = 0;
        for (Shard s : shards) {
            for (SourceTable t : s.tables) {
                n += t.size();
            }
        }
        return n;
    }

    /** Entries evicted to make room for new sources (a flood of distinct sources churns here). */
    public long evictions() {
        long n = 0;
        for (Shard s : shards) {
            for (SourceTable t : s.tables) {
                n += t.evictions();
            }
        }
        return n;
    }

    /** The most source entries the gate can ever hold (the memory bound). */
    public long sourceCapacity() {
        return (long) config.maxShards() * realms.length * config.sourcesPerRealm();
    }
}
