package io.sbc.media.daemon;

import io.sbc.media.relay.EndpointLearning;
import io.sbc.media.session.PortAllocator;
import io.sbc.media.session.SessionConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;

/**
 * Settings of the standalone relay ({@code ops/sbc relay}), parsed from its command line.
 *
 * @param controlHost   ng control listen address (literal IP), default 127.0.0.1
 * @param controlPort   ng control UDP port, default 2223 (rtpengine's usual); 0 picks a free one
 * @param interfaces    logical interface name → media address, in order; the first is the default
 *                      interface (named as its address when it comes from {@code --address})
 * @param portLow       first media port, default 30000
 * @param portHigh      last media port, default 39999
 * @param workers       relay worker threads, default 1
 * @param idle          worker idle strategy: {@code hybrid} (default: spin while datagrams keep coming and
 *                      the core is not contended, else sleep in epoll until one arrives), {@code spin},
 *                      {@code backoff} or {@code block} (a short spin, then sleep in epoll)
 * @param mediaTimeout  no media for this long marks a call dead and notifies its controller, default 60 s
 * @param learning      endpoint learning for symmetric streams, default {@code delayed}
 * @param cpus          CPUs the busy-poll workers pin themselves to (worker i on {@code cpus[i % n]});
 *                      empty = no pinning (the default); needs the native library, else logged and ignored
 * @param connectPeers  {@code --connect-peers on}: connect each media socket to its strictly latched peer
 *                      ({@link io.sbc.media.relay.RelayConfig#connectPeers()}: less CPU per packet, but
 *                      the kernel drops other sources uncounted); default off
 * @param portQuarantine how long a released media port stays unused, default
 *                      {@link PortAllocator#DEFAULT_QUARANTINE} (2 s), 0..5 min ({@code --port-quarantine})
 */
public record RelayOptions(String controlHost, int controlPort, Map<String, String> interfaces, int portLow,
                           int portHigh, int workers, String idle, Duration mediaTimeout, EndpointLearning learning,
                           List<Integer> cpus, boolean connectPeers, Duration portQuarantine) {
    public static final String USAGE = "usage: sbc relay [--control HOST:PORT] [--address IP] [--interface NAME=IP]... "
            + "[--ports LO-HI] [--workers N] [--idle hybrid|spin|backoff|block] [--media-timeout DURATION] "
            + "[--learning off|immediate|delayed|heuristic] [--cpus LIST] [--connect-peers on|off] "
            + "[--port-quarantine DURATION]";
    /** Upper bound on worker threads: one per core is the design; more only adds contention. */
    public static final int MAX_WORKERS = 256;
    /** Bound on logical interfaces. */
    public static final int MAX_INTERFACES = 64;

    public RelayOptions {
        interfaces = Collections.unmodifiableMap(new LinkedHashMap<>(interfaces));
        cpus = cpus == null ? List.of() : List.copyOf(cpus);
        portQuarantine = portQuarantine == null ? PortAllocator.DEFAULT_QUARANTINE : portQuarantine;
    }

    /** Options with the default port quarantine. */
    public RelayOptions(String controlHost, int controlPort, Map<String, String> interfaces, int portLow, int portHigh,
            int workers, String idle, Duration mediaTimeout, EndpointLearning learning, List<Integer> cpus,
            boolean connectPeers) {
        this(controlHost, controlPort, interfaces, portLow, portHigh, workers, idle, mediaTimeout, learning, cpus,
                connectPeers, PortAllocator.DEFAULT_QUARANTINE);
    }

    /** Options without connected peers. */
    public RelayOptions(String controlHost, int controlPort, Map<String, String> interfaces, int portLow, int portHigh,
            int workers, String idle, Duration mediaTimeout, EndpointLearning learning, List<Integer> cpus) {
        this(controlHost, controlPort, interfaces, portLow, portHigh, workers, idle, mediaTimeout, learning, cpus,
                false);
    }

    /** Options without CPU pinning. */
    public RelayOptions(String controlHost, int controlPort, Map<String, String> interfaces, int portLow, int portHigh,
            int workers, String idle, Duration mediaTimeout, EndpointLearning learning) {
        this(controlHost, controlPort, interfaces, portLow, portHigh, workers, idle, mediaTimeout, learning, List.of());
    }

    /** Parse outcome: options, or a one-line error for the operator (exit 2). */
    public record Parsed(RelayOptions options, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Parses the arguments after the verb. Never throws. */
    public static Parsed parse(String[] args) {
        String control = "127.0.0.1:2223";
        String address = null;
        Map<String, String> named = new LinkedHashMap<>();
        String ports = "30000-39999";
        String workers = "1";
        String idle = "hybrid";
        String timeout = "60s";
        String learning = "delayed";
        String cpuList = null;
        String connect = "off";
        String quarantine = PortAllocator.DEFAULT_QUARANTINE.toSeconds() + "s";
        for (int i = 0; i < args.length; i++) {
            String opt = args[i];
            if (!opt.startsWith("--")) {
                return fail("unexpected argument '" + opt + "'");
            }
            if (i + 1 >= args.length) {
                return fail(opt + " needs a value");
            }
            String v = args[++i];
            switch (opt) {
                case "--control" -> control = v;
                case "--address" -> address = v;
                case "--interface" -> {
                    int eq = v.indexOf('=');
                    if (eq <= 0 || eq == v.length() - 1) {
                        return fail("--interface wants NAME=IP, got '" + v + "'");
                    }
                    String name = v.substring(0, eq);
                    if (named.containsKey(name)) {
                        return fail("--interface " + name + " given twice");
                    }
                    if (named.size() >= MAX_INTERFACES) {
                        return fail("at most " + MAX_INTERFACES + " interfaces");
                    }
                    named.put(name, v.substring(eq + 1));
                }
                case "--ports" -> ports = v;
                case "--workers" -> workers = v;
                case "--idle" -> idle = v;
                case "--media-timeout" -> timeout = v;
                case "--learning" -> learning = v;
                case "--cpus" -> cpuList = v;
                case "--connect-peers" -> connect = v;
                case "--port-quarantine" -> quarantine = v;
                default -> {
                    return fail("unknown option '" + opt + "'");
                }
            }
        }
        int colon = control.lastIndexOf(':');
        if (colon <= 0) {
            return fail("--control wants HOST:PORT, got '" + control + "'");
        }
        String host = control.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!SessionConfig.isIpLiteral(host)) {
            return fail("--control host must be an IP address, got '" + host + "'");
        }
        int port = number(control.substring(colon + 1), 0, 65535);
        if (port < 0) {
            return fail("--control port must be 0..65535, got '" + control.substring(colon + 1) + "'");
        }
        Map<String, String> interfaces = new LinkedHashMap<>();
        if (address != null) {
            if (!SessionConfig.isIpLiteral(address)) {
                return fail("--address must be an IP address, got '" + address + "'");
            }
            interfaces.put(address, address);
        }
        for (Map.Entry<String, String> e : named.entrySet()) {
            if (!SessionConfig.isIpLiteral(e.getValue())) {
                return fail("--interface " + e.getKey() + ": not an IP address: '" + e.getValue() + "'");
            }
            if (interfaces.containsKey(e.getKey())) {
                return fail("--interface " + e.getKey() + " clashes with the default interface name");
            }
            interfaces.put(e.getKey(), e.getValue());
        }
        if (interfaces.isEmpty()) {
            interfaces.put("127.0.0.1", "127.0.0.1");
        }
        int dash = ports.indexOf('-');
        int lo = dash <= 0 ? -1 : number(ports.substring(0, dash), 1024, 65534);
        int hi = dash <= 0 ? -1 : number(ports.substring(dash + 1), 1025, 65535);
        if (lo < 0 || hi < 0 || hi - lo < 3) {
            return fail("--ports wants LO-HI within 1024-65535 with room for two port pairs, got '" + ports + "'");
        }
        int w = number(workers, 1, MAX_WORKERS);
        if (w < 0) {
            return fail("--workers must be 1.." + MAX_WORKERS + ", got '" + workers + "'");
        }
        String idleName = idle.toLowerCase(Locale.ROOT);
        if (!idleName.equals("hybrid") && !idleName.equals("spin") && !idleName.equals("backoff")
                && !idleName.equals("block")) {
            return fail("--idle must be hybrid, spin, backoff or block, got '" + idle + "'");
        }
        Duration t = duration(timeout);
        if (t == null || t.toMillis() < 100 || t.compareTo(Duration.ofDays(1)) > 0) {
            return fail("--media-timeout wants a duration between 100ms and 24h (e.g. 60s, 500ms, 2m), got '"
                    + timeout + "'");
        }
        EndpointLearning l = EndpointLearning.parse(learning);
        if (l == null) {
            return fail("--learning must be off, immediate, delayed or heuristic, got '" + learning + "'");
        }
        List<Integer> cpus = List.of();
        if (cpuList != null) {
            try {
                cpus = io.sbc.media.relay.RelayConfig.parseCpuList(cpuList);
            } catch (IllegalArgumentException e) {
                return fail("--cpus wants a CPU list such as 1,2 or 0,4-6: " + e.getMessage());
            }
        }
        if (!"on".equals(connect) && !"off".equals(connect)) {
            return fail("--connect-peers must be on or off, got '" + connect + "'");
        }
        Duration q = duration(quarantine);
        if (q == null || q.compareTo(PortAllocator.MAX_QUARANTINE) > 0) {
            return fail("--port-quarantine wants a duration between 0s and 5m (e.g. 2s, 500ms, 0s), got '"
                    + quarantine + "'");
        }
        return new Parsed(new RelayOptions(host, port, interfaces, lo, hi, w, idleName, t, l, cpus,
                "on".equals(connect), q), null);
    }

    private static Parsed fail(String message) {
        return new Parsed(null, message);
    }

    /** Decimal in [min, max], else -1. */
    private static int number(String s, int min, int max) {
        if (s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v < min || v > max ? -1 : v;
    }

    /** {@code N} (seconds), {@code Nms}, {@code Ns}, {@code Nm}, {@code Nh}; null when malformed. */
    static Duration duration(String s) {
        String unit;
        String digits;
        if (s.endsWith("ms")) {
            unit = "ms";
            digits = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s") || s.endsWith("m") || s.endsWith("h")) {
            unit = s.substring(s.length() - 1);
            digits = s.substring(0, s.length() - 1);
        } else {
            unit = "s";
            digits = s;
        }
        int n = number(digits, 0, 999_999_999);
        if (n < 0) {
            return null;
        }
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
