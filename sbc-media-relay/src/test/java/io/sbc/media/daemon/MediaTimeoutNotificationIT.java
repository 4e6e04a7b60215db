package io.sbc.media.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDecoder;
import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.bencode.BencodeInteger;
import io.sbc.media.bencode.BencodeList;
import io.sbc.media.bencode.BencodeResult;
import io.sbc.media.bencode.BencodeString;
import io.sbc.media.bencode.BencodeValue;
import io.sbc.media.relay.EndpointLearning;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A real controller socket drives a real {@link StandaloneRelay} (workers, sockets, ng server): a call
 * whose media never flows is reported by a notification datagram to the controller's address within
 * the media timeout plus the check and housekeeping ticks, and {@code query}/{@code statistics} show it.
 */
class MediaTimeoutNotificationIT {
    private static final String SDP_A = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 46990 RTP/AVP 0\r\n";
    private static final String SDP_B = "v=0\r\no=- 2 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 46992 RTP/AVP 0\r\n";

    private StandaloneRelay relay;
    private DatagramSocket controller;
    private int cookie;

    @BeforeEach
    void start() throws Exception {
        relay = StandaloneRelay.start(new RelayOptions("127.0.0.1", 0, Map.of("lo", "127.0.0.1"), 46000, 46099, 1,
                "backoff", Duration.ofMillis(800), EndpointLearning.DELAYED));
        controller = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        controller.setSoTimeout(10_000);
    }

    @AfterEach
    void stop() {
        controller.close();
        relay.close();
    }

    private BencodeDictionary cmd(Object... kv) throws Exception {
        BencodeDictionary.Builder b = BencodeDictionary.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put((String) kv[i], (String) kv[i + 1]);
        }
        String c = "ctl" + (++cookie);
        byte[] body = BencodeEncoder.encode(b.build());
        byte[] d = new byte[c.length() + 1 + body.length];
        System.arraycopy(c.getBytes(StandardCharsets.US_ASCII), 0, d, 0, c.length());
        d[c.length()] = ' ';
        System.arraycopy(body, 0, d, c.length() + 1, body.length);
        controller.send(new DatagramPacket(d, d.length, relay.control()));
        while (true) {
            String reply = receive();
            if (reply.startsWith(c + " ")) {
                return decode(reply.substring(c.length() + 1));
            }
        }
    }

    private String receive() throws Exception {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        controller.receive(p);
        assertEquals(relay.control(), p.getSocketAddress(), "everything comes from the ng socket");
        return new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    private static BencodeDictionary decode(String payload) {
        BencodeResult r = new BencodeDecoder().decode(payload.getBytes(StandardCharsets.ISO_8859_1));
        assertTrue(r.isOk(), r.errorReason());
        return (BencodeDictionary) r.value();
    }

    private static String str(BencodeDictionary d, String k) {
        BencodeValue v = d.get(k);
        return v instanceof BencodeString s ? s.asUtf8() : null;
    }

    private static void assertMatches(String regex, String actual) {
        assertTrue(actual.matches(regex), actual);
    }

    private static long num(BencodeDictionary d, String k) {
        return ((BencodeInteger) d.get(k)).value();
    }

    @Test
    @Timeout(60)
    void silentCallIsReportedToItsControllerAndVisibleToPolling() throws Exception {
        assertEquals("ok", str(cmd("command", "offer", "call-id", "quiet@pbx", "from-tag", "ft1", "sdp", SDP_A), "result"));
        assertEquals("ok", str(cmd("command", "answer", "call-id", "quiet@pbx", "from-tag", "ft1", "to-tag", "tt2",
                "sdp", SDP_B), "result"));
        long t0 = System.nanoTime();
        String notification = null;
        while (notification == null && System.nanoTime() - t0 < 15_000_000_000L) {
            try {
                String d = receive();
                if (d.startsWith("timeout-")) {
                    notification = d;
                }
            } catch (SocketTimeoutException e) {
                break;
            }
        }
        assertTrue(notification != null, "a notification arrived");
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waitedMs >= 700, "not before the media timeout: " + waitedMs + " ms");
        String body = notification.substring(notification.indexOf(' ') + 1);
        assertTrue(notification.matches("timeout-[0-9a-f]+-1 .*"), notification);
        assertMatches("d7:call-id9:quiet@pbx7:command7:timeout8:from-tag3:ft16:reason13:media timeout"
                + "14:silent-secondsi[01]e6:to-tag3:tt2e", body);

        BencodeDictionary q = cmd("command", "query", "call-id", "quiet@pbx");
        assertEquals(1, num(q, "timed-out"));
        BencodeList calls = (BencodeList) cmd("command", "list").get("calls");
        assertEquals(1, calls.items().size(), "the dead call stays until the controller deletes it");
        BencodeDictionary total = (BencodeDictionary) ((BencodeDictionary) cmd("command", "statistics")
                .get("statistics")).get("totalstatistics");
        assertEquals(1, num(total, "timeoutsessions"));
        assertEquals("ok", str(cmd("command", "delete", "call-id", "quiet@pbx"), "result"));
        assertEquals("Unknown call-ID", str(cmd("command", "query", "call-id", "quiet@pbx"), "error-reason"));
    }
}
