package io.sbc.media.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeString;
import io.sbc.media.bencode.BencodeValue;
import io.sbc.media.daemon.RelayOptions;
import io.sbc.media.daemon.StandaloneRelay;
import io.sbc.media.relay.EndpointLearning;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The ng semantics controllers rely on, checked the same way against this project's relay and
 * Debian's rtpengine (userspace): call lifetime through offer/answer/list/query, {@code delete} by
 * call-id alone (what ngload.py and some controllers send), and {@code delete} of an unknown call.
 */
class RtpengineNgSemanticsIT {
    private static final String RELAY = "127.0.0.20";
    private static final String OFFER = "v=0\r\no=- 1 1 IN IP4 127.0.0.10\r\ns=-\r\nc=IN IP4 127.0.0.10\r\nt=0 0\r\n"
            + "m=audio 24000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private static final String ANSWER = "v=0\r\no=- 2 1 IN IP4 127.0.0.30\r\ns=-\r\nc=IN IP4 127.0.0.30\r\nt=0 0\r\n"
            + "m=audio 25000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private static AutoCloseable start(String relay, Path dir) throws Exception {
        if (relay.equals("rtpengine")) {
            assertTrue(Files.isExecutable(Path.of("/usr/bin/rtpengine")),
                    "/usr/bin/rtpengine missing: run ops/test (installs rtpengine-daemon)");
            return ChildProcess.start("rtpengine", dir, List.of("/usr/bin/rtpengine", "--config-file=none",
                    "--foreground", "--log-stderr", "--log-level=5", "--table=-1", "--interface=" + RELAY,
                    "--listen-ng=" + RELAY + ":2325", "--port-min=36000", "--port-max=36499",
                    "--pidfile=" + dir.resolve("rtpengine.pid"), "--num-threads=1", "--delete-delay=0"));
        }
        return StandaloneRelay.start(new RelayOptions(RELAY, 2326, Map.of(RELAY, RELAY), 36500, 36999, 1, "backoff",
                Duration.ofSeconds(60), EndpointLearning.DELAYED));
    }

    private static BencodeDictionary cmd(NgProbe ng, Object... kv) throws Exception {
        BencodeDictionary.Builder b = BencodeDictionary.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], (String) kv[i + 1]);
        }
        BencodeDictionary r = ng.call(b.build());
        assertNotNull(r, "reply to " + List.of(kv));
        return r;
    }

    private static String str(BencodeDictionary d, String k) {
        return d.get(k) instanceof BencodeString s ? s.asUtf8() : null;
    }

    private static List<String> calls(NgProbe ng) throws Exception {
        BencodeValue v = cmd(ng, "command", "list").get("calls");
        return ((BencodeList) v).items().stream().map(x -> ((BencodeString) x).asUtf8()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sbc-relay", "rtpengine"})
    @Timeout(60)
    void callLivesFromOfferUntilDeleteByCallIdAlone(String relay, @TempDir Path dir) throws Exception {
        InetSocketAddress control = new InetSocketAddress(RELAY, relay.equals("rtpengine") ? 2325 : 2326);
        try (AutoCloseable r = start(relay, dir); NgProbe ng = new NgProbe(control)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            BencodeDictionary pong = null;
            while (pong == null && System.nanoTime() < deadline) {
                pong = ng.call(BencodeDictionary.builder().put("command", "ping").build());
            }
            assertNotNull(pong, "relay answers ping" + (r instanceof ChildProcess cp ? "\n" + cp.output() : ""));
            assertEquals("pong", str(pong, "result"));

            BencodeDictionary offer = cmd(ng, "command", "offer", "call-id", "sem-1", "from-tag", "ft", "sdp", OFFER);
            assertEquals("ok", str(offer, "result"), offer.toString());
            assertTrue(str(offer, "sdp").contains("c=IN IP4 " + RELAY + "\r\n"), str(offer, "sdp"));
            BencodeDictionary answer = cmd(ng, "command", "answer", "call-id", "sem-1", "from-tag", "ft", "to-tag",
                    "tt", "sdp", ANSWER);
            assertEquals("ok", str(answer, "result"), answer.toString());
            assertTrue(str(answer, "sdp").contains("c=IN IP4 " + RELAY + "\r\n"), str(answer, "sdp"));
            assertEquals(List.of("sem-1"), calls(ng));
            BencodeDictionary query = cmd(ng, "command", "query", "call-id", "sem-1");
            assertEquals("ok", str(query, "result"));
            BencodeDictionary tags = (BencodeDictionary) query.get("tags");
            assertTrue(tags.containsKey("ft") && tags.containsKey("tt"), "both tags known: " + tags.entries().keySet());

            BencodeDictionary delete = cmd(ng, "command", "delete", "call-id", "sem-1");
            assertEquals("ok", str(delete, "result"), delete.toString());
            assertNull(str(delete, "warning"), "the call was found: " + delete);
            assertFalse(calls(ng).contains("sem-1"), "deleted");
            assertEquals("error", str(cmd(ng, "command", "query", "call-id", "sem-1"), "result"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"sbc-relay", "rtpengine"})
    @Timeout(60)
    void deleteOfAnUnknownCallIsOkWithTheNotFoundWarning(String relay, @TempDir Path dir) throws Exception {
        InetSocketAddress control = new InetSocketAddress(RELAY, relay.equals("rtpengine") ? 2325 : 2326);
        try (AutoCloseable r = start(relay, dir); NgProbe ng = new NgProbe(control)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            BencodeDictionary pong = null;
            while (pong == null && System.nanoTime() < deadline) {
                pong = ng.call(BencodeDictionary.builder().put("command", "ping").build());
            }
            assertNotNull(pong, "relay answers ping");
            for (BencodeDictionary d : List.of(cmd(ng, "command", "delete", "call-id", "nobody"),
                    cmd(ng, "command", "delete", "call-id", "nobody", "from-tag", "x"))) {
                assertEquals("ok", str(d, "result"), d.toString());
                assertEquals("Call-ID not found or tags didn't match", str(d, "warning"), d.toString());
            }
        }
    }
}
