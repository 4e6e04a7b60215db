package io.sbc.media.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeString;
import io.sbc.media.bencode.BencodeValue;
import io.sbc.media.session.CallRegistry;
import io.sbc.media.session.ReceptionFigures;
import io.sbc.media.session.SessionConfig;
import io.sbc.media.session.StreamInfo;
import io.sbc.media.session.StreamListener;
import io.sbc.media.session.VirtualClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real dispatcher over a real CallRegistry with a virtual clock, interfaces
 * pbx = 192.0.2.10 and carrier = 203.0.113.10, ports 30000-30099; records listener events.
 */
final class NgHarness implements StreamListener {
    static final String PBX = "192.0.2.10";
    static final String CARRIER = "203.0.113.10";

    final VirtualClock clock = new VirtualClock();
    final CallRegistry registry;
    final NgCommandDispatcher dispatcher;
    final List<String> events = new ArrayList<>();
    final Map<Long, StreamInfo> streams = new LinkedHashMap<>();
    /** What {@link #figures} answers per stream id, as a relay worker would; absent = no figures. */
    final Map<Long, ReceptionFigures> figures = new LinkedHashMap<>();
    /** When set, {@link #figures} answers only once this completes: a relay worker that has not run yet. */
    CompletableFuture<Void> figuresGate;

    NgHarness() {
        this(30000, 30099);
    }

    NgHarness(MediaTimeoutInbox timeouts) {
        this(30000, 30099, timeouts);
    }

    NgHarness(int lo, int hi) {
        this(lo, hi, null);
    }

    NgHarness(int lo, int hi, MediaTimeoutInbox timeouts) {
        Map<String, String> ifaces = new LinkedHashMap<>();
        ifaces.put("pbx", PBX);
        ifaces.put("carrier", CARRIER);
        SessionConfig cfg = new SessionConfig(ifaces, lo, hi, Duration.ofSeconds(30), 100, SessionConfig.DEFAULT_SUITES);
        registry = new CallRegistry(cfg, this, clock, 1_700_000_000L, new SecureRandom());
        dispatcher = new NgCommandDispatcher(registry, timeouts);
    }

    @Override
    public void onStreamAdded(StreamInfo s) {
        events.add("added " + s.streamId());
        streams.put(s.streamId(), s);
    }

    @Override
    public void onStreamUpdated(StreamInfo s) {
        events.add("updated " + s.streamId());
        streams.put(s.streamId(), s);
    }

    @Override
    public void onStreamRemoved(StreamInfo s) {
        events.add("removed " + s.streamId());
        streams.remove(s.streamId());
    }

    @Override
    public CompletableFuture<ReceptionFigures> figures(StreamInfo s) {
        if (figuresGate != null) {
            return figuresGate.thenApply(v -> figures.get(s.streamId()));
        }
        return CompletableFuture.completedFuture(figures.get(s.streamId()));
    }

    /** Builds a request: alternating key, value; values are String, Long/Integer, List<String> or BencodeValue. */
    static BencodeDictionary request(Object... kv) {
        BencodeDictionary.Builder b = BencodeDictionary.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], value(kv[i + 1]));
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    static BencodeValue value(Object v) {
        if (v instanceof BencodeValue bv) {
            return bv;
        }
        if (v instanceof String s) {
            return BencodeValue.of(s);
        }
        if (v instanceof Number n) {
            return BencodeValue.of(n.longValue());
        }
        if (v instanceof List<?> l) {
            return BencodeList.ofStrings(((List<String>) l).toArray(new String[0]));
        }
        throw new IllegalArgumentException(String.valueOf(v));
    }

    BencodeDictionary send(Object... kv) {
        return dispatcher.dispatch(request(kv));
    }

    static String str(BencodeDictionary d, String key) {
        BencodeValue v = d.get(key);
        return v instanceof BencodeString s ? s.asUtf8() : null;
    }

    static String sdp(BencodeDictionary reply) {
        assertEquals("ok", str(reply, "result"), "reply: " + reply);
        return str(reply, "sdp");
    }

    static void assertError(BencodeDictionary reply, String reason) {
        assertEquals("error", str(reply, "result"), "reply: " + reply);
        assertEquals(reason, str(reply, "error-reason"));
        assertEquals(2, reply.size(), "an error reply carries result and error-reason only");
    }

    /**
     * Compares an SDP with an expected one in which PORT stands for a port number, KEY for an SDES
     * inline key||salt, UFRAG/PWD for ICE credentials (rtpengine t/auto-daemon-tests style).
     * Returns the matched ports in order.
     */
    static List<Integer> assertSdp(String expected, String actual) {
        String exp = expected.replace("\n", "\r\n");
        StringBuilder re = new StringBuilder();
        Matcher m = Pattern.compile("PORT|KEY|UFRAG|PWD").matcher(exp);
        int last = 0;
        while (m.find()) {
            re.append(Pattern.quote(exp.substring(last, m.start())));
            switch (m.group()) {
                case "PORT" -> re.append("(\\d{1,5})");
                case "KEY" -> re.append("[A-Za-z0-9+/]{38,60}={0,2}");
                case "UFRAG" -> re.append("[A-Za-z0-9+/]{4,32}");
                default -> re.append("[A-Za-z0-9+/]{22,256}");
            }
            last = m.end();
        }
        re.append(Pattern.quote(exp.substring(last)));
        Matcher am = Pattern.compile(re.toString()).matcher(actual);
        assertTrue(am.matches(), "SDP mismatch.\n--- expected ---\n" + exp + "--- actual ---\n" + actual);
        List<Integer> ports = new ArrayList<>();
        for (int g = 1; g <= am.groupCount(); g++) {
            ports.add(Integer.parseInt(am.group(g)));
        }
        return ports;
    }

    static String crlf(String lf) {
        return lf.replace("\n", "\r\n");
    }
}
