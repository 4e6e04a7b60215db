package io.sbc.signaling.dns;

import io.sbc.signaling.message.SipUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * Locates SIP servers (RFC 3263 §4) for trunk gateways and registrars: transport and port from the URI
 * when given, else SRV ({@code _sips._tcp}, {@code _sip._udp}, {@code _sip._tcp}; RFC 2782 order by
 * priority, then weighted random), else A/AAAA on the default port (5060, 5061 for TLS). NAPTR
 * (§4.1 first step) is not queried: the RFC allows skipping it, and carriers publish SRV.
 *
 * <p>Asynchronous: {@link #resolve} returns at once; lookups run on a small executor of its own
 * ({@code sip-dns-N} threads, bounded queue) and complete the future there, so an event loop never
 * blocks on DNS. Callers hop back to their loop ({@code future.thenAcceptAsync(..., eventLoop)}).
 * Answers are cached for their TTL ({@link DnsCache}). An empty list means "not resolvable" (NXDOMAIN,
 * no records, SRV target ".", server unreachable): the caller answers 503 / tries the next gateway.
 */
public final class Rfc3263Resolver implements AutoCloseable {
    /** Default cache bound. */
    public static final int DEFAULT_MAX_CACHE_ENTRIES = 1024;
    /** Lookups waiting for a thread; beyond it resolve() completes empty at once. */
    public static final int MAX_QUEUED_LOOKUPS = 256;

    private final DnsClient client;
    private final DnsCache cache;
    private final RandomGenerator random;
    private final ExecutorService executor;
    private final LongAdder queries = new LongAdder();

    public Rfc3263Resolver(DnsClient client, int maxCacheEntries, LongSupplier clockMillis, RandomGenerator random,
            int threads) {
        this.client = Objects.requireNonNull(client, "client");
        this.cache = new DnsCache(maxCacheEntries, clockMillis);
        this.random = Objects.requireNonNull(random, "random");
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(MAX_QUEUED_LOOKUPS), r -> {
                    Thread t = new Thread(r, "sip-dns-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** A resolver over {@code server} with 2 threads, 2 s timeout × 2 attempts, the default cache and wall clock. */
    public static Rfc3263Resolver create(InetSocketAddress server) {
        return new Rfc3263Resolver(new DnsClient(server, java.time.Duration.ofSeconds(2), 2), DEFAULT_MAX_CACHE_ENTRIES,
                System::currentTimeMillis, new java.util.SplittableRandom(), 2);
    }

    /** Targets for a sip:/sips: URI, in the order to try (maddr is not honoured, RFC 3263 §4 allows it for proxies only). */
    public CompletableFuture<List<SipTarget>> resolve(SipUri uri) {
        return resolve(uri.host(), uri.port(), uri.transportParam(), uri.isSecure());
    }

    /**
     * Targets for a host, port (-1 or 0 = none), transport parameter (null = none) and sips flag.
     */
    public CompletableFuture<List<SipTarget>> resolve(String host, int port, String transportParam, boolean secure) {
        CompletableFuture<List<SipTarget>> f = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    f.complete(resolveNow(host, port, transportParam, secure));
                } catch (RuntimeException e) {
                    f.complete(List.of());
                }
            });
        } catch (RejectedExecutionException e) {
            f.complete(List.of()); // overloaded or closed: answer "not resolvable" rather than queue forever
        }
        return f;
    }

    /** Blocking resolution (RFC 3263 §4.1, §4.2); runs on the executor. */
    List<SipTarget> resolveNow(String host, int port, String transportParam, boolean secure) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String transport = transportFor(transportParam, secure);
        boolean hasPort = port > 0;
        if (isIpLiteral(h)) {
            String t = transport != null ? transport : secure ? "TLS" : "UDP";
            return List.of(new SipTarget(t, new InetSocketAddress(literal(h), hasPort ? port : defaultPort(t)), h,
                    Long.MAX_VALUE));
        }
        if (!hasPort) {
            List<String[]> services = new ArrayList<>(3);
            if (transport != null) {
                services.add(new String[] {transport, srvPrefix(transport)});
            } else if (secure) {
                services.add(new String[] {"TLS", "_sips._tcp."});
            } else {
                services.add(new String[] {"UDP", "_sip._udp."});
                services.add(new String[] {"TCP", "_sip._tcp."});
                services.add(new String[] {"TLS", "_sips._tcp."});
            }
            for (String[] s : services) {
                DnsAnswer srv = lookup(s[1] + h, DnsWire.TYPE_SRV);
                if (srv.records().isEmpty()) {
                    continue;
                }
                List<SipTarget> out = new ArrayList<>();
                for (DnsRecord r : orderSrv(srv.records(), random)) {
                    if (r.target().isEmpty()) {
                        return List.of(); // RFC 2782: target "." = service decidedly not available
                    }
                    long ttl = r.ttlSeconds();
                    addresses(r.target(), ttl, out, s[0], r.port());
                }
                return out; // §4.2: SRV found for this transport; no A/AAAA fallback on the domain itself
            }
        }
        String t = transport != null ? transport : secure ? "TLS" : "UDP";
        List<SipTarget> out = new ArrayList<>();
        addresses(h, Long.MAX_VALUE, out, t, hasPort ? port : defaultPort(t));
        return out;
    }

    /** Appends a target per A then AAAA record of {@code name} (IPv4 first). */
    private void addresses(String name, long ttlSoFar, List<SipTarget> out, String transport, int port) {
        for (int type : new int[] {DnsWire.TYPE_A, DnsWire.TYPE_AAAA}) {
            DnsAnswer a = lookup(name, type);
            for (DnsRecord r : a.records()) {
                out.add(new SipTarget(transport, new InetSocketAddress(r.address(), port), name,
                        Math.min(ttlSoFar, r.ttlSeconds())));
            }
        }
    }

    private DnsAnswer lookup(String name, int type) {
        String key = DnsWire.normalize(name);
        DnsAnswer cached = cache.get(key, type);
        if (cached != null) {
            return cached;
        }
        queries.increment();
        DnsAnswer a = client.query(key, type);
        cache.put(key, type, a);
        return a;
    }

    /**
     * RFC 2782 order: ascending priority; within a priority, repeatedly pick at random with probability
     * proportional to weight among the records left (weight-0 records first in the running sum, so they
     * are chosen only rarely when others have weight).
     */
    static List<DnsRecord> orderSrv(List<DnsRecord> records, RandomGenerator random) {
        List<DnsRecord> sorted = new ArrayList<>(records);
        sorted.sort((x, y) -> Integer.compare(x.priority(), y.priority()));
        List<DnsRecord> out = new ArrayList<>(sorted.size());
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j < sorted.size() && sorted.get(j).priority() == sorted.get(i).priority()) {
                j++;
            }
            List<DnsRecord> group = new ArrayList<>(sorted.subList(i, j));
            group.sort((x, y) -> Boolean.compare(x.weight() != 0, y.weight() != 0));
            while (!group.isEmpty()) {
                int sum = 0;
                for (DnsRecord r : group) {
                    sum += r.weight();
                }
                int pick = random.nextInt(sum + 1);
                int running = 0;
                int chosen = group.size() - 1;
                for (int k = 0; k < group.size(); k++) {
                    running += group.get(k).weight();
                    if (running >= pick) {
                        chosen = k;
                        break;
                    }
                }
                out.add(group.remove(chosen));
            }
            i = j;
        }
        return out;
    }

    private static String transportFor(String param, boolean secure) {
        if (param == null) {
            return null;
        }
        return switch (param.toLowerCase(Locale.ROOT)) {
            case "udp" -> "UDP";
            case "tcp" -> secure ? "TLS" : "TCP"; // RFC 3263 §4.1: sips with transport=tcp is TLS
            case "tls" -> "TLS";
            default -> null;
        };
    }

    private static String srvPrefix(String transport) {
        return switch (transport) {
            case "UDP" -> "_sip._udp.";
            case "TCP" -> "_sip._tcp.";
            default -> "_sips._tcp.";
        };
    }

    private static int defaultPort(String transport) {
        return "TLS".equals(transport) ? 5061 : 5060;
    }

    private static boolean isIpLiteral(String h) {
        if (h.indexOf(':') >= 0) {
            return true;
        }
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static InetAddress literal(String h) {
        try {
            return InetAddress.getByName(h); // a literal: parsed, never looked up
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an address literal: " + h, e);
        }
    }

    /** DNS queries sent (cache misses), for metrics and tests. */
    public long queriesSent() {
        return queries.sum();
    }

    public int cacheSize() {
        return cache.size();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
