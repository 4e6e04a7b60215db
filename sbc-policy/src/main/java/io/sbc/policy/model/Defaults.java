package io.sbc.policy.model;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every default of the policy schema, in one place. docs/policy.md and docs/policy.schema.json
 * repeat these values; PolicyDocsTest checks that they agree.
 */
public final class Defaults {
    private Defaults() {
    }

    public static final int VERSION = 1;

    // node
    public static final String NODE_NAME = "sbc";
    public static final HostPort ADMIN = new HostPort("127.0.0.1", 8080);
    public static final String CDR_DIRECTORY = "var/cdr";
    public static final Duration CDR_RETENTION = Duration.ofDays(30);
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final LogFormat LOG_FORMAT = LogFormat.TEXT;

    // media
    public static final List<MediaRelay> MEDIA_RELAYS = List.of(MediaRelay.EMBEDDED);
    public static final PortRange MEDIA_PORTS = new PortRange(20000, 29999);
    public static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(60);
    public static final IdleStrategy MEDIA_IDLE = IdleStrategy.HYBRID;
    public static final int MEDIA_WORKERS = 1;
    public static final int MAX_MEDIA_WORKERS = 64;
    /** {@code media.port-quarantine}: see {@link MediaSettings#portQuarantine()}; the relay's own default. */
    public static final Duration MEDIA_PORT_QUARANTINE = Duration.ofSeconds(2);
    /** Upper bound of {@code media.port-quarantine} (the relay refuses more). */
    public static final Duration MAX_MEDIA_PORT_QUARANTINE = Duration.ofMinutes(5);

    // realms
    public static final int REALM_RATE = 50;
    public static final int REALM_BURST = 100;
    public static final Duration REALM_BAN = Duration.ofSeconds(300);
    public static final int REALM_MAX_CONNECTIONS_PER_SOURCE = 16;
    public static final Duration REALM_IDLE_TIMEOUT = Duration.ofSeconds(300);
    public static final int MAX_MESSAGE_BYTES = 65536;
    /** Smallest allowed message-size limit: an INVITE with SDP must fit (RFC 3261 section 18.1.1 MTU note). */
    public static final int MIN_MESSAGE_BYTES = 1300;
    /** Largest allowed message-size limit. */
    public static final int MAX_MESSAGE_BYTES_BOUND = 1 << 20;
    public static final EndpointLearning ENDPOINT_LEARNING = EndpointLearning.HEURISTIC;
    public static final ClientAuth CLIENT_AUTH = ClientAuth.NONE;
    public static final SipTimers TIMERS = new SipTimers(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

    // trunks
    public static final int GATEWAY_PRIORITY = 1;
    public static final int GATEWAY_WEIGHT = 1;
    public static final int REGISTER_EXPIRES = 600;
    public static final MediaMode MEDIA_MODE = MediaMode.ANCHOR;
    public static final SrtpMode SRTP = SrtpMode.OFF;
    public static final Duration OPTIONS_INTERVAL = Duration.ofSeconds(30);
    public static final int OPTIONS_FAILURES = 3;
    public static final int OPTIONS_RECOVERIES = 2;
    public static final Duration SESSION_EXPIRES = Duration.ofSeconds(1800);
    /** RFC 4028 section 4: Min-SE must not be below 90 seconds. */
    public static final Duration SESSION_MIN_SE = Duration.ofSeconds(90);
    public static final ReferPolicy REFER = ReferPolicy.REJECT;
    public static final Duration MAX_CALL_DURATION = Duration.ofHours(4);

    // routes
    public static final int NO_ROUTE_CODE = 404;
    public static final String NO_ROUTE_REASON = "No Route";
    public static final int REJECT_CODE = 403;
    public static final String REJECT_REASON = "Forbidden";

    // number rules
    public static final List<NumberField> NUMBER_FIELDS = List.of(NumberField.RURI, NumberField.FROM, NumberField.TO, NumberField.PAI);
    public static final NumberFormat NUMBER_FORMAT = NumberFormat.KEEP;

    // global limits and security
    public static final int GLOBAL_MAX_CALLS = 10000;
    public static final int GLOBAL_CPS = 200;
    /** Stream connections over all realms; each holds a few KiB of buffers at rest. */
    public static final int GLOBAL_MAX_CONNECTIONS = 10000;
    public static final List<String> SCANNER_USER_AGENTS = List.of("friendly-scanner", "sipvicious", "sipcli", "sip-scan", "sundayddr", "iWar", "VaxSIPUserAgent", "pplsip");
    public static final boolean BAN_SCANNERS = true;
    public static final Duration TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public static final NodeSettings NODE = new NodeSettings(NODE_NAME, ADMIN, null, CDR_DIRECTORY, CDR_RETENTION,
            DRAIN_TIMEOUT, LOG_FORMAT, null);
    public static final MediaSettings MEDIA = new MediaSettings(MEDIA_RELAYS, MEDIA_PORTS, MEDIA_TIMEOUT, MEDIA_IDLE, MEDIA_WORKERS,
            MEDIA_PORT_QUARANTINE);
    public static final RealmLimits REALM_LIMITS = new RealmLimits(REALM_RATE, REALM_BURST, REALM_BAN, REALM_MAX_CONNECTIONS_PER_SOURCE);
    public static final TrunkLimits TRUNK_LIMITS = new TrunkLimits(0, 0);
    public static final TrunkMedia TRUNK_MEDIA = new TrunkMedia(MEDIA_MODE, SRTP, List.of());
    public static final GlobalLimits GLOBAL_LIMITS = new GlobalLimits(GLOBAL_MAX_CALLS, GLOBAL_CPS, MAX_MESSAGE_BYTES, GLOBAL_MAX_CONNECTIONS);
    public static final SecuritySettings SECURITY = new SecuritySettings(SCANNER_USER_AGENTS, BAN_SCANNERS, TLS_HANDSHAKE_TIMEOUT);

    /** An unmodifiable copy that keeps the file's order (for explain output and docs). */
    public static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
