package io.sbc.media.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sbc.media.bencode.BencodeDecoder;
import io.sbc.media.bencode.BencodeDictionary;
import io.sbc.media.bencode.BencodeEncoder;
import io.sbc.media.bencode.BencodeResult;
import io.sbc.media.bencode.BencodeString;
import io.sbc.media.session.CallRegistry;
import io.sbc.media.session.SessionConfig;
import io.sbc.media.session.StreamListener;
import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A real ng exchange over UDP on loopback against a running NgServer. */
class NgServerIT {
    private NgServer server;
    private CallRegistry registry;
    private DatagramSocket client;

    @BeforeEach
    void start() throws Exception {
        Map<String, String> ifaces = new LinkedHashMap<>();
        ifaces.put("pbx", "127.0.0.20");
        ifaces.put("carrier", "127.0.0.21");
        registry = new CallRegistry(SessionConfig.of(ifaces, 31000, 31999), StreamListener.NONE, System::nanoTime,
                System.currentTimeMillis() / 1000, new SecureRandom());
        server = NgServer.start(NgServerConfig.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                new NgCommandDispatcher(registry));
        client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        client.setSoTimeout(3000);
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void sendRaw(byte[] datagram) throws Exception {
        client.send(new DatagramPacket(datagram, datagram.length, server.localAddress()));
    }

    private String receiveRaw() throws Exception {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        client.receive(p);
        return new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    private static byte[] datagram(String cookie, BencodeDictionary d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((cookie + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(BencodeEncoder.encode(d));
        return out.toByteArray();
    }

    private BencodeDictionary exchange(String cookie, Object... kv) throws Exception {
        sendRaw(datagram(cookie, NgHarness.request(kv)));
        return parseReply(cookie, receiveRaw());
    }

    private static BencodeDictionary parseReply(String cookie, String reply) {
        assertTrue(reply.startsWith(cookie + " "), "reply echoes the cookie: " + reply);
        byte[] payload = reply.substring(cookie.length() + 1).getBytes(StandardCharsets.ISO_8859_1);
        BencodeResult r = new BencodeDecoder().decode(payload);
        assertTrue(r.isOk(), r.errorReason());
        return (BencodeDictionary) r.value();
    }

    private static String str(BencodeDictionary d, String k) {
        return ((BencodeString) d.get(k)).asUtf8();
    }

    @Test
    void realNgExchangePingOfferAnswerQueryDelete() throws Exception {
        assertEquals("pong", str(exchange("it_1", "command", "ping"), "result"));
        BencodeDictionary offer = exchange("it_2", "command", "offer", "call-id", "it-call", "from-tag", "a",
                "sdp", NgCommandDispatcherTest.OFFER, "direction", List.of("pbx", "carrier"),
                "replace", List.of("origin", "session-connection"), "ICE", "remove",
                "supports", List.of("load limit"));
        assertEquals("ok", str(offer, "result"));
        assertTrue(str(offer, "sdp").contains("c=IN IP4 127.0.0.21\r\n"), str(offer, "sdp"));
        BencodeDictionary answer = exchange("it_3", "command", "answer", "call-id", "it-call", "from-tag", "a",
                "to-tag", "b", "sdp", NgCommandDispatcherTest.ANSWER, "replace", List.of("origin"));
        assertTrue(str(answer, "sdp").contains("c=IN IP4 127.0.0.20\r\n"), str(answer, "sdp"));
        BencodeDictionary query = exchange("it_4", "command", "query", "call-id", "it-call");
        assertEquals("ok", str(query, "result"));
        assertTrue(((BencodeDictionary) query.get("tags")).containsKey("b"));
        assertEquals("ok", str(exchange("it_5", "command", "delete", "call-id", "it-call", "from-tag", "a"), "result"));
        assertEquals("Unknown call-ID", str(exchange("it_6", "command", "query", "call-id", "it-call"), "error-reason"));
    }

    @Test
    void duplicateCookieSentBackToBackIsAnsweredTwiceButAppliedOnce() throws Exception {
        byte[] d = datagram("dup_7", NgHarness.request("command", "offer", "call-id", "dup-call", "from-tag", "a",
                "sdp", NgCommandDispatcherTest.OFFER));
        sendRaw(d);
        sendRaw(d);
        String r1 = receiveRaw();
        String r2 = receiveRaw();
        assertEquals(r1, r2);
        assertEquals(1, server.counters().offers());
        assertEquals(1, server.counters().duplicates());
        BencodeDictionary list = exchange("dup_8", "command", "list");
        assertEquals(1, ((io.sbc.media.bencode.BencodeList) list.get("calls")).items().size());
    }

    @Test
    void brokenBencodeGetsErrorReplyAndGarbageNeverStopsTheServer() throws Exception {
        sendRaw("bb_1 d7:command4:pin".getBytes(StandardCharsets.US_ASCII));
        BencodeDictionary r = parseReply("bb_1", receiveRaw());
        assertEquals("error", str(r, "result"));
        assertTrue(str(r, "error-reason").startsWith("Could not decode bencode dictionary"));
        RandomGenerator rnd = RandomGeneratorFactory.of("L64X128MixRandom").create(42);
        for (int i = 0; i < 200; i++) {
            byte[] junk = new byte[1 + rnd.nextInt(1500)];
            rnd.nextBytes(junk);
            if (i % 2 == 0) {
                junk[0] = 'x';
                junk[1 % junk.length] = ' ';
            }
            sendRaw(junk);
        }
        sendRaw(new byte[0]);
        // Drain replies to the junk that had a cookie; then the server must still answer a ping.
        sendRaw("after_garbage d7:command4:pinge".getBytes(StandardCharsets.US_ASCII));
        String reply;
        do {
            reply = receiveRaw();
        } while (!reply.startsWith("after_garbage "));
        assertEquals("after_garbage d6:result4:ponge", reply);
        assertTrue(Arrays.asList(registry.list(10).toArray()).isEmpty());
    }
}
